export * from './batch.events.ts';
export * from './batch.machine.ts';
export * from './batch.routes.ts';
export * from './batch.schema.ts';
export * from './feature.routes.ts';
export * from './feature.schema.ts';
// flows (R1) and features (R3) both declare these: the feature factory's are the product's (the lead reconciles)
export { FeatureName, FeatureValue } from './feature.schema.ts';
export * from './flow.routes.ts';
export * from './flow.schema.ts';
export * from './flow.subjects.ts';
export * from './risk.routes.ts';
export * from './risk.schema.ts';
export * from './risk.subjects.ts';
