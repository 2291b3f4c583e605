export * from './bureau.subjects.ts';
