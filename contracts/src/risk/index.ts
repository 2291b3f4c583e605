export * from './risk.routes.ts';
export * from './risk.schema.ts';
export * from './risk.subjects.ts';
export * from './warning.events.ts';
export * from './warning.machine.ts';
export * from './warning.routes.ts';
export * from './warning.schema.ts';
export * from './warning.subjects.ts';
