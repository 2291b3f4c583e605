import { z } from 'zod';
import { PrescreenOutcome } from '../credit/credit.schema.ts';
import { IsoDateTime } from '../http.ts';

export const DecisionRunSummary = z.object({
  id: z.string(),
  graphKey: z.string(),
  graphVersion: z.number().int(),
  subjectRef: z.string(),
  outcome: PrescreenOutcome,
  requestedBy: z.string(),
  /** Display name of `requestedBy` ('' on runs stored before names were kept). */
  requestedByName: z.string(),
  createdAt: IsoDateTime,
});

export const TraceStep = z.object({
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
  output: z.unknown(),
  performance: z.string().nullable(),
});

export const DecisionRun = DecisionRunSummary.extend({
  input: z.record(z.string(), z.unknown()),
  output: z.record(z.string(), z.unknown()),
  reasons: z.array(z.string()),
  trace: z.array(TraceStep),
});
export type DecisionRun = z.infer<typeof DecisionRun>;

export const DecisionGraph = z.object({
  key: z.string(),
  version: z.number().int(),
  title: z.string(),
  active: z.boolean(),
  createdAt: IsoDateTime,
});
