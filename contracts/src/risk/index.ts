export * from './batch.events.ts';
export * from './batch.machine.ts';
export * from './batch.routes.ts';
export * from './batch.schema.ts';
export * from './risk.routes.ts';
export * from './risk.schema.ts';
export * from './risk.subjects.ts';
