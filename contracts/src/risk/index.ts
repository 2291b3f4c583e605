export * from './flow.routes.ts';
export * from './flow.schema.ts';
export * from './flow.seeded.ts';
export * from './flow.subjects.ts';
export * from './risk.routes.ts';
export * from './risk.schema.ts';
export * from './risk.subjects.ts';
