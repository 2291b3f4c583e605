export * from './credit.events.ts';
export * from './credit.routes.ts';
export * from './credit.schema.ts';
