export * from './customer.routes.ts';
export * from './customer.schema.ts';
export * from './customer.subjects.ts';
