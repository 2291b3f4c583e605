import { randomUUID } from 'node:crypto';
import type { MatrixContext, ScopeMatrixPlugin } from '@zhanye/kit/testing';

/**
 * Limits in the product's scope matrix. Limits are only ever granted by an approval (no endpoint
 * makes one), so the fixtures are written into the credit database as the demo user's own: one
 * limit (kind `creditLimit`) and one pending increase on it (kind `limitAdjustment`).
 */
export const limitsMappings: ScopeMatrixPlugin['mappings'] = {
  'GET /api/credit/limits': {
    kind: 'list',
    items: ['creditLimit'],
    probes: (fx) => fx.filter((f) => f.kind === 'creditLimit').map((f) => ({ q: f.name })),
  },
  'GET /api/credit/limits/:id': { kind: 'read', targets: ['creditLimit'] },
  // sums over the caller's own scope only (no record named in the request)
  'GET /api/credit/limits/overview': { kind: 'global', input: { by: 'branch' } },
  // the bank's account managers' names (a picker), no record
  'GET /api/credit/limits/managers': { kind: 'global' },
  'POST /api/credit/limits/:id/freeze': {
    kind: 'transition',
    targets: ['creditLimit'],
    body: { version: 1, amount: '1', reason: '矩阵' },
  },
  'POST /api/credit/limits/:id/unfreeze': {
    kind: 'transition',
    targets: ['creditLimit'],
    body: { version: 1, amount: '1', reason: '矩阵' },
  },
  'POST /api/credit/limits/:id/cancel': {
    kind: 'transition',
    targets: ['creditLimit'],
    body: { version: 1, reason: '矩阵' },
  },
  'POST /api/credit/limits/:id/transfer': {
    kind: 'transition',
    targets: ['creditLimit'],
    body: { version: 1, reason: '矩阵', toUserId: 'u-am2' },
  },
  'POST /api/credit/limits/:id/adjustments': {
    kind: 'transition',
    targets: ['creditLimit'],
    body: { version: 1, granted: '1', reason: '矩阵' },
  },
  'GET /api/credit/limits/adjustments': {
    kind: 'list',
    items: ['limitAdjustment'],
    probes: () => [{ status: 'pending' }],
  },
  'POST /api/credit/limits/adjustments/:id/decide': {
    kind: 'transition',
    targets: ['limitAdjustment'],
    body: { approve: false, comment: '矩阵' },
  },
};

/** A limit of 10000 and a pending increase to 20000, the demo user's own, in their bank and org. */
export async function limitsFixtures(ctx: MatrixContext, who: string): Promise<void> {
  const u = ctx.session(who).user;
  const id = randomUUID();
  const name = `额度矩阵${who}`;
  await ctx.query(
    'credit',
    `INSERT INTO credit_limit (id, bank_id, org_id, org_path, org_name, owner_id, owner_name, kind, customer_id,
        customer_name, product_code, product_name, granted, used, frozen, available, status, valid_from, valid_to,
        renewals, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'credit', ?, ?, 'consumer', '消费贷', 10000, 0, 0, 10000, 'active', CURDATE(),
        DATE_ADD(CURDATE(), INTERVAL 12 MONTH), 0, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
    [id, u.bankId, u.orgId, u.orgPath, u.orgName, u.userId, u.displayName, randomUUID(), name],
  );
  ctx.add(who, 'creditLimit', id, name);
  const adjustment = randomUUID();
  await ctx.query(
    'credit',
    `INSERT INTO limit_adjustment (id, bank_id, org_id, org_path, owner_id, limit_id, customer_name, from_amount,
        to_amount, reason, status, requested_by, requested_by_name, requested_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 10000, 20000, '矩阵', 'pending', ?, ?, UTC_TIMESTAMP(3))`,
    [adjustment, u.bankId, u.orgId, u.orgPath, u.userId, id, name, u.userId, u.displayName],
  );
  ctx.add(who, 'limitAdjustment', adjustment, name);
}
