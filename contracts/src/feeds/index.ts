export * from './feeds.subjects.ts';
