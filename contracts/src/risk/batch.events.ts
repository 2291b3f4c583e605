import { z } from 'zod';
import { eventDef } from '../bus.ts';

/** One pre-approved customer of a batch run: the limit in yuan (decimal string) and the spread over LPR. */
export const PreapprovedRow = z.object({
  customerRef: z.string(),
  orgPath: z.string(),
  managerId: z.string().nullable(),
  limit: z.string(),
  spreadBps: z.number().int(),
  grade: z.string(),
});

/**
 * v1: the pre-approved customers of one committed chunk of a batch credit run (its refused
 * customers are not listed). Idempotent by `(runId, chunk)`: a chunk is committed once.
 */
export const preapprovedListed = eventDef({
  subject: 'evt.risk.preapproved.listed',
  payload: z.object({
    v: z.literal(1),
    runId: z.string(),
    chunk: z.number().int().nonnegative(),
    flowName: z.string(),
    flowVersion: z.number().int(),
    asOf: z.string(),
    rows: z.array(PreapprovedRow),
  }),
});
