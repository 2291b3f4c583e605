import { z } from 'zod';
import { internalCall } from '../bus.ts';
import { FlowName } from './flow.schema.ts';

/**
 * Any domain -> risk: decide by a flow's name (`risk.decide`). Risk picks the version that answers
 * for the caller's bank (its own release, else the union's; the canary for its percent of subjects
 * by a stable hash of `subjectRef`), resolves the features the version declares as of `asOf`, runs
 * it and stores the run. 404 for an unknown name (or one with nothing published).
 */
export const decideCall = internalCall({
  subject: 'svc.risk.decide',
  service: 'risk',
  input: z.object({
    name: FlowName,
    subjectRef: z.string().min(1).max(128),
    input: z.record(z.string(), z.unknown()),
    /** ISO date-time the features are taken as of (default now). */
    asOf: z.iso.datetime({ offset: true }).optional(),
  }),
  output: z.object({
    runId: z.string(),
    name: z.string(),
    version: z.number().int(),
    hash: z.string(),
    output: z.record(z.string(), z.unknown()),
    latencyMs: z.number(),
  }),
});
