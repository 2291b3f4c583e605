import { z } from 'zod';
import { internalCall } from '../bus.ts';

/**
 * The credit bureau (征信), an external system the bank owns: a report about a person by ID
 * number, for a purpose, under an authorisation the asking service has checked. Answered by
 * `bff/sim-bureau` (a simulator, deterministic per ID number) until a bank connects its real
 * bureau by answering the same subject.
 */
export const bureauReportCall = internalCall({
  subject: 'svc.bureau.report',
  service: 'bureau',
  input: z.object({
    idNumber: z.string().regex(/^\d{17}[\dX]$/),
    name: z.string().max(64),
    purpose: z.string().max(32),
    authorizationRef: z.string().max(64),
    /** The bank asking (the bureau keeps its own log of who asked). */
    bankId: z.string().max(64),
  }),
  output: z.object({
    reference: z.string(),
    source: z.enum(['simulator', 'bureau']),
    score: z.number().int(),
    loans: z.number().int(),
    /** Decimal string, yuan. */
    outstanding: z.string(),
    overdueAccounts: z.number().int(),
    maxOverdueDays: z.number().int(),
    queriesLast6Months: z.number().int(),
    blacklisted: z.boolean(),
    summary: z.string(),
  }),
});
