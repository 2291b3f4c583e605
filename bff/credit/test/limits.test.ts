import { randomUUID } from 'node:crypto';
import {
  addMoney,
  type CreditLimit,
  colleaguesCall,
  customerLimitsCall,
  limitApi,
  limitChanged,
  orgTreeCall,
  Permissions,
  releaseLimitCall,
  renewalCall,
  reserveLimitCall,
} from '@zhanye/contracts';
import {
  AppError,
  answer,
  type Bus,
  callService,
  connectBus,
  createLogger,
  type RunningService,
  startService,
} from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreditService } from '../src/app.ts';
import { createLimits, RENEWAL_JOB } from '../src/limits/index.ts';

const cfg = testConfig();
const log = createLogger('limits-test', 'silent');
let bus: Bus;
let credit: Awaited<ReturnType<typeof startCreditService>>;
let stubs: RunningService[] = [];

const manager = principal({
  permissions: [Permissions.limitRead, Permissions.limitManage],
  dataScope: 'orgAndBelow',
});
const approver = principal({
  userId: 'u-approver1',
  username: 'approver1',
  displayName: '赵审批',
  orgId: 'a-hq',
  orgPath: '/bank-a/a-hq/',
  orgName: '总行',
  permissions: [Permissions.limitRead, Permissions.limitManage, Permissions.limitApprove],
  dataScope: 'orgAndBelow',
});
/** The mobile bank's drawdowns (part 2) reserve and release for the bank. */
const drawdowns = principal({
  userId: 'u-drawdown',
  permissions: [Permissions.limitRead, Permissions.limitManage],
  dataScope: 'bank',
});
const otherBank = principal({
  userId: 'u-b-am1',
  bankId: 'bank-b',
  bankName: '乙农商银行',
  orgId: 'b-br1',
  orgPath: '/bank-b/b-hq/b-br1/',
  permissions: [Permissions.limitRead, Permissions.limitManage, Permissions.limitApprove],
  dataScope: 'bank',
});
const colleague = {
  userId: 'u-am2',
  displayName: '李经理',
  orgId: 'a-br2',
  orgName: '城西支行',
  orgPath: '/bank-a/a-hq/a-br2/',
};

type Caller = typeof manager;
const call = (
  caller: Caller,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  query?: Record<string, string>,
) => apiRequest(bus, 'credit', method, path, { caller, body, ...(query ? { query } : {}) });
const ok = <T>(res: { status: number; body: unknown }): T => {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as T;
};
const errorOf = (res: { body: unknown }) => (res.body as { error: { code: string; reason?: string } }).error;
const getLimit = async (id: string, caller: Caller = manager) =>
  limitApi.getLimit.output.parse(ok(await call(caller, 'GET', `/limits/${id}`)));

const grant = async (
  over: { groupId?: string | null; amount?: string; productCode?: string; customerId?: string } = {},
) => {
  const limits = createLimits({ ds: credit.ds, bus, log });
  return credit.ds.transaction((m) =>
    limits.port.grant(
      m,
      { caller: approver, clientIp: null },
      {
        id: randomUUID(),
        groupId: over.groupId ?? null,
        bankId: 'bank-a',
        orgId: manager.orgId,
        orgPath: manager.orgPath,
        ownerId: manager.userId,
        ownerName: manager.displayName,
        customerId: over.customerId ?? randomUUID(),
        customerName: '王小明',
        productCode: over.productCode ?? 'consumer',
        productName: '消费贷',
        amount: over.amount ?? '100000',
        termMonths: 12,
      },
    ),
  );
};

const reserve = (limitId: string, amount: string, key = randomUUID(), caller: Caller = drawdowns) =>
  callService(bus, reserveLimitCall, { limitId, amount, key, ref: 'dd-1' }, caller, 'gateway');
const release = (limitId: string, amount: string, key = randomUUID()) =>
  callService(bus, releaseLimitCall, { limitId, amount, key, ref: 'dd-1' }, drawdowns, 'gateway');
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

beforeAll(async () => {
  bus = await connectBus(cfg, 'limits-test', log);
  // the platform and risk as far as limits ask them (names, colleagues, renewal decisions)
  stubs = [
    await startService({
      name: 'platform',
      version: '0.0.0',
      bus,
      log,
      routes: [],
      internal: [
        answer(orgTreeCall, async ({ caller }) => ({
          orgs:
            caller.bankId === 'bank-a'
              ? [
                  {
                    id: 'a-br1',
                    parentId: 'a-hq',
                    path: '/bank-a/a-hq/a-br1/',
                    name: '城关支行',
                    kind: 'branch',
                  },
                  {
                    id: 'a-br2',
                    parentId: 'a-hq',
                    path: '/bank-a/a-hq/a-br2/',
                    name: '城西支行',
                    kind: 'branch',
                  },
                ]
              : [],
        })),
        answer(colleaguesCall, async ({ caller, input }) => ({
          users:
            caller.bankId === 'bank-a' &&
            (input.userIds?.includes(colleague.userId) || input.post === 'account_manager')
              ? [{ ...colleague, posts: ['account_manager'] }]
              : [],
        })),
      ],
    }),
    await startService({
      name: 'risk',
      version: '0.0.0',
      bus,
      log,
      routes: [],
      internal: [
        answer(renewalCall, async ({ input }) => ({
          decisionId: randomUUID(),
          renew: input.productCode === 'renewable',
          grantedFen: input.productCode === 'renewable' ? 12_000_000 : 0,
          months: 12,
          reasons: [],
        })),
      ],
    }),
  ];
  credit = await startCreditService(cfg, bus, log, { jobs: false });
});
afterAll(async () => {
  await credit?.stop();
  for (const s of stubs) await s.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('credit limits', () => {
  it('grants a limit for an approved application, with its ledger and validity', async () => {
    const id = await grant({ amount: '80000' });
    const { limit, entries, subLimits } = await getLimit(id);
    expect(limit).toMatchObject({
      kind: 'credit',
      parentId: null,
      granted: '80000.00',
      used: '0.00',
      frozen: '0.00',
      available: '80000.00',
      status: 'active',
      orgName: '城关支行',
      renewals: 0,
    });
    const months =
      (Number(limit.validTo.slice(0, 4)) - Number(limit.validFrom.slice(0, 4))) * 12 +
      Number(limit.validTo.slice(5, 7)) -
      Number(limit.validFrom.slice(5, 7));
    expect(months).toBe(12);
    expect(entries.map((e) => e.kind)).toEqual(['grant']);
    expect(subLimits).toEqual([]);
    const events: { n: number | string }[] = await credit.ds.query(
      `SELECT COUNT(*) AS n FROM outbox WHERE subject = ? AND JSON_VALUE(payload, '$.limitId') = ?`,
      [limitChanged.subject, id],
    );
    expect(Number(events[0]?.n)).toBe(1);
  });

  it('grants a group as one comprehensive limit with a sub-limit per product; a sub-limit draws on both', async () => {
    const groupId = randomUUID();
    const customerId = randomUUID();
    const a = await grant({ groupId, customerId, amount: '50000', productCode: 'consumer' });
    const b = await grant({ groupId, customerId, amount: '30000', productCode: 'business' });
    const sub = (await getLimit(a)).limit;
    expect(sub.parentId).not.toBeNull();
    expect((await getLimit(b)).limit.parentId).toBe(sub.parentId);
    const parent = await getLimit(sub.parentId!);
    expect(parent.limit).toMatchObject({ kind: 'comprehensive', granted: '80000.00', available: '80000.00' });
    expect(parent.subLimits.map((s) => s.id).sort()).toEqual([a, b].sort());

    const r = await reserve(a, '20000');
    expect(r.limit).toMatchObject({ used: '20000.00', available: '30000.00' });
    expect((await getLimit(sub.parentId!)).limit).toMatchObject({ used: '20000.00', available: '60000.00' });
    // the sub-limit B has 30000, but its comprehensive limit only 60000 - ... : draw the parent down
    await reserve(b, '30000');
    expect((await getLimit(sub.parentId!)).limit.available).toBe('30000.00');
    expect((await refusal(reserve(b, '0.01'))).reason).toBe('INSUFFICIENT_LIMIT');

    // a drawdown is for a product: never on the comprehensive limit itself
    expect((await refusal(reserve(sub.parentId!, '1'))).reason).toBe('COMPREHENSIVE_LIMIT');
    const { items } = await callService(bus, customerLimitsCall, { customerId }, manager, 'gateway');
    expect(items).toHaveLength(3);
  });

  it('50 concurrent reserves through NATS never oversell a limit', async () => {
    const id = await grant({ amount: '100000' });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => reserve(id, '3000')));
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(done).toHaveLength(33);
    expect(refused.every((r) => (r.reason as AppError).reason === 'INSUFFICIENT_LIMIT')).toBe(true);
    const { limit, entries } = await getLimit(id);
    expect(limit).toMatchObject({
      granted: '100000.00',
      used: '99000.00',
      available: '1000.00',
      frozen: '0.00',
    });
    expect(entries.filter((e) => e.kind === 'reserve')).toHaveLength(33);
  });

  it('reserve and release are idempotent by key; another amount under a key is refused', async () => {
    const id = await grant({ amount: '10000' });
    const key = randomUUID();
    const first = await reserve(id, '2500', key);
    const again = await reserve(id, '2500.00', key);
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ replayed: true, entryId: first.entryId });
    expect(again.limit.used).toBe('2500.00');
    const other = await refusal(reserve(id, '2600', key));
    expect(other.code).toBe('CONFLICT');
    // the same key at once, twice: applied once
    const k2 = randomUUID();
    const both = await Promise.all([reserve(id, '1000', k2), reserve(id, '1000', k2)]);
    expect(both.filter((r) => r.replayed)).toHaveLength(1);
    expect((await getLimit(id)).limit.used).toBe('3500.00');

    const rk = randomUUID();
    const rel = await release(id, '1500', rk);
    expect(rel.limit).toMatchObject({ used: '2000.00', available: '8000.00' });
    expect((await release(id, '1500', rk)).replayed).toBe(true);
    expect((await refusal(release(id, '2000.01'))).reason).toBe('RELEASE_EXCEEDS_USED');
    // out of the caller's bank: not found
    expect((await refusal(reserve(id, '1', randomUUID(), otherBank))).code).toBe('NOT_FOUND');
  });

  it('freezes, unfreezes, transfers and cancels, with versions and confirmations in the ledger', async () => {
    const id = await grant({ amount: '10000' });
    let limit = (await getLimit(id)).limit;
    limit = ok<CreditLimit>(
      await call(manager, 'POST', `/limits/${id}/freeze`, {
        version: limit.version,
        amount: '4000',
        reason: '风险预警',
      }),
    );
    expect(limit).toMatchObject({ frozen: '4000.00', available: '6000.00', status: 'active' });
    // a stale version is refused
    const stale = await call(manager, 'POST', `/limits/${id}/freeze`, {
      version: 1,
      amount: '1',
      reason: 'x',
    });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).reason).toBe('STALE_VERSION');
    // all the rest frozen: the limit is frozen, and nothing may be drawn
    limit = ok<CreditLimit>(
      await call(manager, 'POST', `/limits/${id}/freeze`, {
        version: limit.version,
        amount: '6000',
        reason: '冻结',
      }),
    );
    expect(limit).toMatchObject({ frozen: '10000.00', available: '0.00', status: 'frozen' });
    expect((await refusal(reserve(id, '1'))).reason).toBe('LIMIT_NOT_ACTIVE');
    const tooMuch = await call(manager, 'POST', `/limits/${id}/unfreeze`, {
      version: limit.version,
      amount: '10000.01',
      reason: '解冻',
    });
    expect(errorOf(tooMuch).reason).toBe('EXCEEDS_FROZEN');
    limit = ok<CreditLimit>(
      await call(manager, 'POST', `/limits/${id}/unfreeze`, {
        version: limit.version,
        amount: '10000',
        reason: '解冻',
      }),
    );
    expect(limit).toMatchObject({ frozen: '0.00', available: '10000.00', status: 'active' });

    const managers = ok<{ items: { userId: string; orgName: string }[] }>(
      await call(manager, 'GET', '/limits/managers'),
    );
    expect(managers.items).toEqual([
      { userId: colleague.userId, displayName: '李经理', orgName: '城西支行' },
    ]);
    const unknown = await call(manager, 'POST', `/limits/${id}/transfer`, {
      version: limit.version,
      toUserId: 'u-nobody',
      reason: '调岗',
    });
    expect(unknown.status).toBe(400);
    limit = ok<CreditLimit>(
      await call(manager, 'POST', `/limits/${id}/transfer`, {
        version: limit.version,
        toUserId: colleague.userId,
        reason: '调岗',
      }),
    );
    expect(limit).toMatchObject({
      ownerId: colleague.userId,
      ownerName: '李经理',
      orgId: 'a-br2',
      orgName: '城西支行',
    });
    // the branch manager's scope (a-br1 and below) no longer sees it; the head office does
    expect((await call(manager, 'GET', `/limits/${id}`)).status).toBe(404);
    limit = (await getLimit(id, approver)).limit;

    limit = ok<CreditLimit>(
      await call(approver, 'POST', `/limits/${id}/cancel`, {
        version: limit.version,
        reason: '客户申请注销',
      }),
    );
    expect(limit.status).toBe('cancelled');
    expect((await refusal(reserve(id, '1'))).reason).toBe('LIMIT_NOT_ACTIVE');
    const { entries } = await getLimit(id, approver);
    expect(entries.map((e) => e.kind)).toEqual([
      'cancel',
      'transfer',
      'unfreeze',
      'freeze',
      'freeze',
      'grant',
    ]);
    for (const e of entries) {
      const { granted, used, frozen, available } = e.after;
      expect(addMoney(addMoney(used, frozen), available)).toBe(granted);
    }
  });

  it('adjusts: a decrease applies at once (not below used + frozen); an increase waits for someone else to approve', async () => {
    const id = await grant({ amount: '10000' });
    await reserve(id, '3000');
    let limit = (await getLimit(id)).limit;
    const below = await call(manager, 'POST', `/limits/${id}/adjustments`, {
      version: limit.version,
      granted: '2999.99',
      reason: '压降',
    });
    expect(errorOf(below).reason).toBe('BELOW_USED');
    const dec = ok<{ status: string }>(
      await call(manager, 'POST', `/limits/${id}/adjustments`, {
        version: limit.version,
        granted: '8000',
        reason: '压降',
      }),
    );
    expect(dec.status).toBe('applied');
    limit = (await getLimit(id)).limit;
    expect(limit).toMatchObject({ granted: '8000.00', used: '3000.00', available: '5000.00' });

    const inc = ok<{ id: string; status: string }>(
      await call(approver, 'POST', `/limits/${id}/adjustments`, {
        version: limit.version,
        granted: '15000',
        reason: '提额',
      }),
    );
    expect(inc.status).toBe('pending');
    expect((await getLimit(id)).limit.granted).toBe('8000.00');
    const queue = ok<{ items: { id: string }[] }>(
      await call(manager, 'GET', '/limits/adjustments', undefined, { status: 'pending' }),
    );
    expect(queue.items.map((a) => a.id)).toContain(inc.id);
    // not by whoever asked for it
    const own = await call(approver, 'POST', `/limits/adjustments/${inc.id}/decide`, { approve: true });
    expect(own.status).toBe(403);
    // not without the approval permission
    expect(
      (await call(manager, 'POST', `/limits/adjustments/${inc.id}/decide`, { approve: true })).status,
    ).toBe(403);
    const approver2 = { ...approver, userId: 'u-approver2', displayName: '钱审批' };
    const decided = ok<{ status: string; decidedByName: string }>(
      await call(approver2, 'POST', `/limits/adjustments/${inc.id}/decide`, {
        approve: true,
        comment: '同意',
      }),
    );
    expect(decided).toMatchObject({ status: 'approved', decidedByName: '钱审批' });
    expect((await getLimit(id)).limit).toMatchObject({
      granted: '15000.00',
      used: '3000.00',
      available: '12000.00',
    });
    const twice = await call(approver2, 'POST', `/limits/adjustments/${inc.id}/decide`, { approve: true });
    expect(errorOf(twice).reason).toBe('ADJUSTMENT_DECIDED');
    // another bank sees neither
    expect(
      (await call(otherBank, 'POST', `/limits/adjustments/${inc.id}/decide`, { approve: false })).status,
    ).toBe(404);
  });

  it('renews or expires limits at their expiry, once per period, through risk', async () => {
    const renewable = await grant({ amount: '100000', productCode: 'renewable' });
    const lapsing = await grant({ amount: '50000', productCode: 'consumer' });
    await reserve(renewable, '20000');
    const period = '2030-06-15';
    await credit.ds.query('UPDATE credit_limit SET valid_to = ? WHERE id = ?', ['2030-06-20', renewable]);
    await credit.ds.query('UPDATE credit_limit SET valid_to = ? WHERE id = ?', ['2030-06-14', lapsing]);
    const run = await credit.jobs.runNow(RENEWAL_JOB, period);
    expect(run, run.detail ?? '').toMatchObject({ state: 'ran', outcome: 'ok' });
    const renewed = await getLimit(renewable);
    expect(renewed.limit).toMatchObject({
      status: 'active',
      validTo: '2031-06-20',
      renewals: 1,
      granted: '120000.00',
      used: '20000.00',
      available: '100000.00',
    });
    expect(renewed.entries[0]?.kind).toBe('renew');
    const expired = await getLimit(lapsing);
    expect(expired.limit.status).toBe('expired');
    expect(expired.entries[0]?.kind).toBe('expire');
    // once per period
    expect((await credit.jobs.runNow(RENEWAL_JOB, period)).state).toBe('done');
    const events: { n: number | string }[] = await credit.ds.query(
      `SELECT COUNT(*) AS n FROM outbox WHERE subject = ? AND JSON_VALUE(payload, '$.kind') IN ('renew', 'expire')
          AND JSON_VALUE(payload, '$.limitId') IN (?, ?)`,
      [limitChanged.subject, renewable, lapsing],
    );
    expect(Number(events[0]?.n)).toBe(2);
  });

  it('lists, sums and scopes: other banks and out-of-scope branches see nothing', async () => {
    const customerId = randomUUID();
    const id = await grant({ amount: '20000', customerId });
    await grant({ amount: '5000.50', customerId });
    const page = ok<{ items: CreditLimit[]; total: number }>(
      await call(manager, 'GET', '/limits', undefined, { customerId, pageSize: '10' }),
    );
    expect(page.total).toBe(2);
    const byCustomer = limitApi.limitOverview.output.parse(
      ok(await call(manager, 'GET', '/limits/overview', undefined, { by: 'customer' })),
    );
    expect(byCustomer.rows.find((r) => r.key === customerId)).toMatchObject({
      limits: 2,
      granted: '25000.50',
      available: '25000.50',
    });
    const byBranch = limitApi.limitOverview.output.parse(
      ok(await call(manager, 'GET', '/limits/overview', undefined, { by: 'branch' })),
    );
    expect(byBranch.rows.find((r) => r.key === 'a-br1')?.name).toBe('城关支行');

    expect((await call(otherBank, 'GET', `/limits/${id}`)).status).toBe(404);
    const other = ok<{ total: number }>(await call(otherBank, 'GET', '/limits', undefined, { customerId }));
    expect(other.total).toBe(0);
    const freeze = await call(otherBank, 'POST', `/limits/${id}/freeze`, {
      version: 1,
      amount: '1',
      reason: 'x',
    });
    expect(freeze.status).toBe(404);
    const otherBranch = principal({ ...manager, orgId: 'a-br2', orgPath: '/bank-a/a-hq/a-br2/' });
    expect((await call(otherBranch, 'GET', `/limits/${id}`)).status).toBe(404);
    const { items } = await callService(bus, customerLimitsCall, { customerId }, otherBank, 'gateway');
    expect(items).toEqual([]);
  });
});
