import { z } from 'zod';
import { Id, IsoDateTime, PositiveMoney, wholeNumber } from '../http.ts';

/** 授信额度 (one product) or 综合授信额度 (a customer-wide cap over product sub-limits). */
export const LimitKind = z.enum(['credit', 'comprehensive']);
export const LimitStatus = z.enum(['active', 'frozen', 'cancelled', 'expired']);

/**
 * A limit and its ledger figures: granted = used + frozen + available, none negative, under any
 * concurrency (every change is one conditional update). A sub-limit (`parentId`) also draws on its
 * comprehensive limit.
 */
export const CreditLimit = z.object({
  id: z.string(),
  kind: LimitKind,
  parentId: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string(),
  productCode: z.string().nullable(),
  productName: z.string().nullable(),
  granted: z.string(),
  used: z.string(),
  frozen: z.string(),
  available: z.string(),
  status: LimitStatus,
  validFrom: z.string(),
  validTo: z.string(),
  applicationId: z.string().nullable(),
  renewals: z.number().int(),
  ownerId: z.string(),
  ownerName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type CreditLimit = z.infer<typeof CreditLimit>;

/** One line of a limit's ledger: what changed it, by how much, who, when, with the figures after. */
export const LimitEntry = z.object({
  id: z.string(),
  limitId: z.string(),
  kind: z.enum([
    'grant',
    'reserve',
    'release',
    'freeze',
    'unfreeze',
    'cancel',
    'transfer',
    'adjust',
    'renew',
    'expire',
  ]),
  amount: z.string(),
  /** The idempotency key of a reserve or release (a drawdown's). */
  key: z.string().nullable(),
  ref: z.string().nullable(),
  reason: z.string().nullable(),
  by: z.string(),
  byName: z.string(),
  at: IsoDateTime,
  after: z.object({ granted: z.string(), used: z.string(), frozen: z.string(), available: z.string() }),
});
export type LimitEntry = z.infer<typeof LimitEntry>;

/** An increase waits for approval (动态调额); a decrease applies at once. */
export const LimitAdjustment = z.object({
  id: z.string(),
  limitId: z.string(),
  customerName: z.string(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'applied']),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: IsoDateTime,
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  comment: z.string().nullable(),
});

export const ListLimits = z.object({
  customerId: Id.optional(),
  status: LimitStatus.optional(),
  orgId: z.string().max(64).optional(),
  q: z.string().trim().max(64).optional(),
  page: wholeNumber({ min: 1, max: 100000 }).default(1),
  pageSize: wholeNumber({ min: 1, max: 100 }).default(20),
});

export const LimitOperation = z.object({
  id: Id,
  version: wholeNumber({ min: 1 }),
  reason: z.string().trim().min(1, 'required').max(200),
});
export const FreezeAmount = LimitOperation.extend({ amount: PositiveMoney });

export const LimitOverview = z.object({
  by: z.enum(['customer', 'branch']),
  rows: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      limits: z.number().int(),
      granted: z.string(),
      used: z.string(),
      frozen: z.string(),
      available: z.string(),
    }),
  ),
});
