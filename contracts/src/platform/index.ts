export * from './audit.routes.ts';
export * from './audit.schema.ts';
export * from './platform.routes.ts';
export * from './platform.schema.ts';
export * from './platform.subjects.ts';
export * from './release.schema.ts';
