import { z } from 'zod';
import { IsoDateTime } from '../http.ts';
import { batchRunMachine } from './batch.machine.ts';

export const BatchRunStatus = z.enum(batchRunMachine.states);
export const BatchRunCommand = z.enum(['pause', 'resume', 'cancel']);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-31');

/** A new run: the population (the caller's bank; optionally a branch, a segment, a tag), the flow and the as-of date. */
export const NewBatchRun = z.object({
  flowName: z.string().min(1).max(64),
  /** Absent: the flow's published version. */
  flowVersion: z.number().int().positive().optional(),
  asOf: isoDate,
  /** A branch's org path (within the caller's data scope); absent: the whole bank. */
  orgPath: z
    .string()
    .regex(/^\/[\w-]+\/([\w-]+\/)*$/, 'an org path like /bank/hq/branch/')
    .max(255)
    .optional(),
  segment: z.string().min(1).max(32).optional(),
  tag: z.string().min(1).max(64).optional(),
});
export type NewBatchRun = z.infer<typeof NewBatchRun>;

/** Live figures of a run (kept in a JetStream KV bucket while it runs). */
export const BatchProgress = z.object({
  status: BatchRunStatus,
  total: z.number().int(),
  processed: z.number().int(),
  approved: z.number().int(),
  refused: z.number().int(),
  /** Customers decided per second since the run started (0 before). */
  ratePerSec: z.number(),
  /** Seconds left at the current rate (null when unknown or finished). */
  etaSeconds: z.number().nullable(),
  updatedAt: IsoDateTime,
});
export type BatchProgress = z.infer<typeof BatchProgress>;

export const BatchRunSummaryRow = z.object({
  id: z.string(),
  status: BatchRunStatus,
  flowName: z.string(),
  flowVersion: z.number().int(),
  asOf: z.string(),
  orgPath: z.string().nullable(),
  segment: z.string().nullable(),
  tag: z.string().nullable(),
  total: z.number().int(),
  processed: z.number().int(),
  approved: z.number().int(),
  refused: z.number().int(),
  /** Who started it (the run is theirs in the data scope), and their name. */
  ownerId: z.string(),
  createdByName: z.string(),
  createdAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
});

export const BatchRun = BatchRunSummaryRow.extend({
  flowHash: z.string(),
  chunksTotal: z.number().int(),
  chunksDone: z.number().int(),
  /** The population was empty: the run finished at once with nothing to decide. */
  emptyPopulation: z.boolean(),
  startedAt: IsoDateTime.nullable(),
  version: z.number().int(),
  progress: BatchProgress,
  /** The commands the caller may issue now. */
  actions: z.array(BatchRunCommand),
});
export type BatchRun = z.infer<typeof BatchRun>;

export const BatchResultRow = z.object({
  customerRef: z.string(),
  orgPath: z.string(),
  approved: z.boolean(),
  /** Yuan, decimal string ('0.00' when refused). */
  limit: z.string(),
  spreadBps: z.number().int().nullable(),
  grade: z.string().nullable(),
  reason: z.string().nullable(),
});

export const BatchSummary = z.object({
  total: z.number().int(),
  approved: z.number().int(),
  refused: z.number().int(),
  /** Sum of the approved limits, yuan. */
  limitTotal: z.string(),
  /** Approved limits in bands (yuan, `to` exclusive; null: open ended). */
  limitHistogram: z.array(z.object({ from: z.string(), to: z.string().nullable(), count: z.number().int() })),
  grades: z.array(z.object({ grade: z.string(), count: z.number().int() })),
  byBranch: z.array(
    z.object({
      orgPath: z.string(),
      /** The branch's name (null when the platform could not be asked). */
      orgName: z.string().nullable(),
      approved: z.number().int(),
      refused: z.number().int(),
      limitTotal: z.string(),
    }),
  ),
});
export type BatchSummary = z.infer<typeof BatchSummary>;
