export * from './marketing.routes.ts';
export * from './marketing.schema.ts';
