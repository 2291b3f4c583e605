export * from './feature.routes.ts';
export * from './feature.schema.ts';
export * from './risk.routes.ts';
export * from './risk.schema.ts';
export * from './risk.subjects.ts';
