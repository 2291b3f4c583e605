import { defineMachine } from '../workflow.ts';
import { riskPermissions as P } from './risk.permissions.ts';

/**
 * The life cycle of a batch credit run (大数据批量授信). People create, pause, resume and cancel
 * (guarded by `batchRunGuards`); the service itself starts a run once its chunks are queued,
 * completes it when every chunk is committed (at once for an empty population), fails it, and
 * turns a cancelling run into cancelled once the chunks in flight have had time to finish.
 */
export const batchRunMachine = defineMachine({
  name: 'risk.batchRun',
  states: ['queued', 'running', 'paused', 'cancelling', 'cancelled', 'done', 'failed'],
  initial: 'queued',
  final: ['cancelled', 'done', 'failed'],
  variants: [],
  transitions: [
    { from: ['queued'], command: 'start', to: 'running' },
    { from: ['queued', 'running'], command: 'pause', to: 'paused' },
    { from: ['paused'], command: 'resume', to: 'running' },
    { from: ['queued', 'running', 'paused'], command: 'cancel', to: 'cancelling' },
    { from: ['cancelling'], command: 'settle', to: 'cancelled' },
    { from: ['queued', 'running', 'paused'], command: 'complete', to: 'done' },
    { from: ['queued', 'running', 'paused'], command: 'fail', to: 'failed' },
  ],
});

export type BatchRunState = (typeof batchRunMachine.states)[number];
export type BatchRunAction = (typeof batchRunMachine.transitions)[number]['command'];

/** Who may issue each command: a permission code, or `system` (the service itself, never a person). */
export const batchRunGuards: Record<BatchRunAction, string> = {
  start: 'system',
  pause: P.batchControl,
  resume: P.batchControl,
  cancel: P.batchControl,
  settle: 'system',
  complete: 'system',
  fail: 'system',
};
