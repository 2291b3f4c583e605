import { z } from 'zod';
import { internalCall } from '../bus.ts';
import { PositiveMoney } from '../http.ts';
import { CreditLimit } from './limit.schema.ts';

const Movement = z.object({
  limitId: z.string().max(64),
  amount: PositiveMoney,
  /** Idempotency key: the same key (and amount) applies once; another amount under it is 409. */
  key: z.string().min(8).max(128),
  /** What it is for (a drawdown's id). */
  ref: z.string().max(64),
});

/**
 * Drawdowns (credit part 2, the mobile bank) reserve on a limit and release what they do not use.
 * Within the caller's data scope; refused beyond the available amount (409 `INSUFFICIENT_LIMIT`),
 * on a frozen, cancelled or expired limit (409 `LIMIT_NOT_ACTIVE`).
 */
export const reserveLimitCall = internalCall({
  subject: 'svc.credit.limit-reserve',
  service: 'credit',
  input: Movement,
  output: z.object({ limit: CreditLimit, entryId: z.string(), replayed: z.boolean() }),
});

export const releaseLimitCall = internalCall({
  subject: 'svc.credit.limit-release',
  service: 'credit',
  input: Movement,
  output: z.object({ limit: CreditLimit, entryId: z.string(), replayed: z.boolean() }),
});

/** A customer's limits (the customer 360, the mobile bank). */
export const customerLimitsCall = internalCall({
  subject: 'svc.credit.customer-limits',
  service: 'credit',
  input: z.object({ customerId: z.string().max(64) }),
  output: z.object({ items: z.array(CreditLimit) }),
});
