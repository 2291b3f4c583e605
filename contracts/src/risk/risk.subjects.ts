import { z } from 'zod';
import { internalCall } from '../bus.ts';
import { PrescreenOutcome } from '../credit/credit.schema.ts';

/** Credit -> risk on submit. Amounts in integer fen so the rules never see a float. */
export const prescreenCall = internalCall({
  subject: 'svc.risk.prescreen',
  service: 'risk',
  input: z.object({
    subjectRef: z.string().min(1).max(128),
    amountFen: z.number().int().positive(),
    annualIncomeFen: z.number().int().positive(),
    termMonths: z.number().int().positive(),
    productCode: z.string(),
  }),
  output: z.object({
    decisionId: z.string(),
    outcome: PrescreenOutcome,
    reasons: z.array(z.string()),
    graphKey: z.string(),
    graphVersion: z.number().int(),
  }),
});

/**
 * Credit -> risk: the spread over the LPR for an application (差异化利率定价), from the pricing
 * graph (`credit.pricing`). Amounts in integer fen. The run is stored like every decision, except
 * a `preview`.
 */
export const priceCall = internalCall({
  subject: 'svc.risk.price',
  service: 'risk',
  input: z.object({
    subjectRef: z.string().min(1).max(128),
    productCode: z.string().max(32),
    productKind: z.string().max(32),
    amountFen: z.number().int().positive(),
    termMonths: z.number().int().positive(),
    guaranteeType: z.string().max(32),
    segment: z.string().max(32),
    /** A rate shown before anything is applied for (the quote page): evaluated, not kept. */
    preview: z.boolean().default(false),
  }),
  output: z.object({
    /** The stored run (`null` for a preview). */
    decisionId: z.string().nullable(),
    spreadBps: z.number().int(),
    reasons: z.array(z.string()),
    graphKey: z.string(),
    graphVersion: z.number().int(),
  }),
});

/**
 * Credit -> risk at a limit's expiry (自动续授信): renew, and for how much, from the renewal graph
 * (`credit.renewal`) over the limit's use and the customer's record.
 */
export const renewalCall = internalCall({
  subject: 'svc.risk.renewal',
  service: 'risk',
  input: z.object({
    subjectRef: z.string().min(1).max(128),
    productCode: z.string().max(32),
    grantedFen: z.number().int().nonnegative(),
    usedFen: z.number().int().nonnegative(),
    /** Days the limit was frozen in its term, and whether anything is overdue (part 2: repayments). */
    frozenDays: z.number().int().nonnegative(),
    overdue: z.boolean(),
  }),
  output: z.object({
    decisionId: z.string(),
    renew: z.boolean(),
    /** The new limit in fen (when renewing). */
    grantedFen: z.number().int().nonnegative(),
    months: z.number().int().positive(),
    reasons: z.array(z.string()),
  }),
});
