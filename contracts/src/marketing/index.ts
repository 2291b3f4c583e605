export * from './marketing.routes.ts';
export * from './marketing.schema.ts';
export * from './marketing.subjects.ts';
