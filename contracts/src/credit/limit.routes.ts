import { z } from 'zod';
import { defineApi, Id, PositiveMoney, paged } from '../http.ts';
import { creditPermissions as P } from './credit.permissions.ts';
import {
  CreditLimit,
  FreezeAmount,
  LimitAdjustment,
  LimitEntry,
  LimitOperation,
  LimitOverview,
  ListLimits,
} from './limit.schema.ts';

const op = <I extends z.ZodType>(path: string, input: I, permission: string, summary: string) =>
  ({ method: 'POST', path: `/limits/:id/${path}`, input, output: CreditLimit, permission, summary }) as const;

/** Limits (额度): granted once, drawn many times (授用信分离). */
export const limitApi = defineApi('credit', {
  listLimits: {
    method: 'GET',
    path: '/limits',
    input: ListLimits,
    output: paged(CreditLimit),
    permission: P.limitRead,
    summary: 'Limits in the caller’s data scope',
  },
  getLimit: {
    method: 'GET',
    path: '/limits/:id',
    input: z.object({ id: Id }),
    output: z.object({ limit: CreditLimit, entries: z.array(LimitEntry), subLimits: z.array(CreditLimit) }),
    permission: P.limitRead,
    summary: 'A limit, its ledger (newest first) and, for a comprehensive limit, its sub-limits',
  },
  limitOverview: {
    method: 'GET',
    path: '/limits/overview',
    input: z.object({ by: z.enum(['customer', 'branch']) }),
    output: LimitOverview,
    permission: P.limitRead,
    summary: 'Granted, used, frozen and available summed per customer or per branch (caller’s scope)',
  },
  freezeLimit: op('freeze', FreezeAmount, P.limitManage, 'Freeze part of the available amount'),
  unfreezeLimit: op('unfreeze', FreezeAmount, P.limitManage, 'Release a frozen amount back to available'),
  cancelLimit: op(
    'cancel',
    LimitOperation,
    P.limitManage,
    'Cancel a limit (nothing may be drawn afterwards)',
  ),
  transferLimit: op(
    'transfer',
    LimitOperation.extend({ toUserId: z.string().min(1).max(64) }),
    P.limitManage,
    'Hand a limit to another manager of the bank (its customer goes with it for this limit)',
  ),
  requestAdjustment: {
    method: 'POST',
    path: '/limits/:id/adjustments',
    input: LimitOperation.extend({ granted: PositiveMoney }),
    output: LimitAdjustment,
    permission: P.limitManage,
    summary:
      '动态调额: a decrease applies at once (never below used + frozen); an increase waits for approval',
  },
  listAdjustments: {
    method: 'GET',
    path: '/limits/adjustments',
    input: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'applied']).optional() }),
    output: z.object({ items: z.array(LimitAdjustment) }),
    permission: P.limitRead,
    summary: 'Limit adjustments (in the caller’s scope)',
  },
  decideAdjustment: {
    method: 'POST',
    path: '/limits/adjustments/:id/decide',
    input: z.object({
      id: Id,
      approve: z.boolean(),
      comment: z.string().trim().max(200).default(''),
    }),
    output: LimitAdjustment,
    permission: P.limitApprove,
    summary: 'Approve (applies the increase) or reject an increase; never by whoever asked for it',
  },
});
