import { Permissions, type Principal, priceCall, renewalCall, riskApi } from '@zhanye/contracts';
import { type Bus, callService, connectBus, createLogger, systemPrincipal } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRiskService } from '../src/app.ts';

const cfg = testConfig();
const log = createLogger('risk-pricing-test', 'silent');
let bus: Bus;
let svc: Awaited<ReturnType<typeof startRiskService>>;

/** An account manager of branch 1: reads applications, and their own decisions. */
const am1 = principal({
  permissions: [Permissions.applicationRead, Permissions.decisionRead],
  dataScope: 'self',
});
const limitManager = principal({
  userId: 'u-limit1',
  permissions: [Permissions.limitManage, Permissions.decisionRead],
  dataScope: 'org',
});
/** The credit service's renewal job, acting in a limit's bank and org. */
const renewalJob: Principal = {
  ...systemPrincipal('credit-limit-renewal'),
  bankId: 'bank-a',
  bankName: '甲农商银行',
  orgId: 'a-br1',
  orgPath: '/bank-a/a-hq/a-br1/',
  orgName: '城关支行',
};
const riskOfficer = principal({
  userId: 'u-risk1',
  orgId: 'a-hq',
  orgPath: '/bank-a/a-hq/',
  permissions: [Permissions.decisionRead],
  dataScope: 'bank',
});
const otherBank = principal({
  userId: 'u-b-risk1',
  bankId: 'bank-b',
  orgId: 'b-hq',
  orgPath: '/bank-b/b-hq/',
  permissions: [Permissions.decisionRead, Permissions.applicationRead],
  dataScope: 'bank',
});

const yuan = (v: number) => v * 100;
type PriceIn = Parameters<typeof callService<typeof priceCall>>[2];
const price = (over: Partial<PriceIn> = {}, caller: Principal = am1) =>
  callService(
    bus,
    priceCall,
    {
      subjectRef: 'credit-application:p1',
      productCode: 'XF01',
      productKind: 'consumer',
      amountFen: yuan(50_000),
      termMonths: 12,
      guaranteeType: 'credit',
      segment: 'prospect',
      ...over,
    },
    caller,
    'credit',
  );
type RenewalIn = Parameters<typeof callService<typeof renewalCall>>[2];
const renewal = (over: Partial<RenewalIn> = {}, caller: Principal = renewalJob) =>
  callService(
    bus,
    renewalCall,
    {
      subjectRef: 'credit-limit:l1',
      productCode: 'XF01',
      grantedFen: yuan(100_000),
      usedFen: yuan(20_000),
      frozenDays: 0,
      overdue: false,
      ...over,
    },
    caller,
    'credit',
  );
const getRun = async (id: string, caller: Principal = riskOfficer) => {
  const res = await apiRequest(bus, 'risk', 'GET', `/decisions/${id}`, { caller });
  return { status: res.status, run: res.status === 200 ? riskApi.getDecision.output.parse(res.body) : null };
};

beforeAll(async () => {
  bus = await connectBus(cfg, 'risk-pricing-test', log);
  svc = await startRiskService(cfg, bus, log);
});
afterAll(async () => {
  await svc?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('pricing (svc.risk.price)', () => {
  it('prices by guarantee type, segment, amount band, term and product kind', async () => {
    expect((await price()).spreadBps).toBe(60);
    expect((await price({ guaranteeType: 'guarantee' })).spreadBps).toBe(40);
    expect((await price({ guaranteeType: 'mortgage' })).spreadBps).toBe(20);
    expect((await price({ guaranteeType: 'pledge' })).spreadBps).toBe(10);
    const vip = await price({ segment: 'existing', amountFen: yuan(1_500_000), termMonths: 24 });
    expect(vip).toMatchObject({ spreadBps: 60 - 15 - 10 + 10, graphKey: 'credit.pricing', graphVersion: 1 });
    expect(vip.reasons).toEqual([
      '信用贷款 +60bp',
      '存量优质客户 -15bp',
      '金额 100 万元以上 -10bp',
      '期限一至三年 +10bp',
    ]);
    expect((await price({ productKind: 'farmer' })).spreadBps).toBe(50);
    // credit's automated path (a system principal of the bank) is answered too
    expect((await price({}, renewalJob)).spreadBps).toBe(60);
  });

  it('a preview (the quote page) is answered and not kept', async () => {
    const out = await price({ subjectRef: 'quote:preview', preview: true });
    expect(out).toMatchObject({ decisionId: null, spreadBps: 60 });
  });

  it('stores the run with its input, output and trace, in the caller’s bank and org', async () => {
    const out = await price({ subjectRef: 'credit-application:stored', guaranteeType: 'mortgage' });
    expect(out.decisionId).not.toBeNull();
    const { run } = await getRun(out.decisionId ?? '');
    expect(run).toMatchObject({
      id: out.decisionId,
      graphKey: 'credit.pricing',
      graphVersion: 1,
      subjectRef: 'credit-application:stored',
      outcome: 'pass',
      requestedBy: am1.userId,
      requestedByName: am1.displayName,
      input: { guaranteeType: 'mortgage', amountFen: yuan(50_000), productKind: 'consumer' },
      output: { spreadBps: 20 },
      reasons: ['抵押贷款 +20bp'],
    });
    expect(run?.trace.map((s) => s.id)).toEqual([
      'request',
      'guarantee',
      'segment',
      'amount',
      'term',
      'policy',
      'verdict',
      'response',
    ]);
    const [row] = await svc.ds.query('SELECT bank_id, org_path, owner_id FROM decision_run WHERE id = ?', [
      out.decisionId,
    ]);
    expect(row).toEqual({ bank_id: 'bank-a', org_path: am1.orgPath, owner_id: am1.userId });
    // the caller sees their own run; another bank does not learn it exists
    expect((await getRun(out.decisionId ?? '', am1)).status).toBe(200);
    expect((await getRun(out.decisionId ?? '', otherBank)).status).toBe(404);
  });

  it('refuses a caller who may not read applications (403) or of no bank (400), storing nothing', async () => {
    const before = await svc.ds.query(
      "SELECT COUNT(*) AS n FROM decision_run WHERE graph_key = 'credit.pricing'",
    );
    await expect(price({}, riskOfficer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(price({}, systemPrincipal('credit'))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const after = await svc.ds.query(
      "SELECT COUNT(*) AS n FROM decision_run WHERE graph_key = 'credit.pricing'",
    );
    expect(after).toEqual(before);
  });

  it('refuses an unknown guarantee type and input outside the contract (400)', async () => {
    await expect(price({ guaranteeType: 'cash' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(price({ amountFen: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(price({ termMonths: 1.5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('renewal (svc.risk.renewal)', () => {
  it('renews a limit in normal use at the same amount for 12 months', async () => {
    const out = await renewal();
    expect(out).toMatchObject({ renew: true, grantedFen: yuan(100_000), months: 12 });
    const { run } = await getRun(out.decisionId);
    expect(run).toMatchObject({
      graphKey: 'credit.renewal',
      subjectRef: 'credit-limit:l1',
      outcome: 'pass',
      requestedBy: renewalJob.userId,
      input: { grantedFen: yuan(100_000), usedFen: yuan(20_000), frozenDays: 0, overdue: false },
    });
    expect(run?.trace.map((s) => s.id)).toEqual(['request', 'refuseRules', 'verdict', 'response']);
    const [row] = await svc.ds.query('SELECT bank_id, org_id FROM decision_run WHERE id = ?', [
      out.decisionId,
    ]);
    expect(row).toEqual({ bank_id: 'bank-a', org_id: 'a-br1' });
  });

  it('refuses to renew when overdue or frozen more than 90 days, with every reason', async () => {
    const overdue = await renewal({ overdue: true, frozenDays: 91 });
    expect(overdue).toMatchObject({ renew: false, grantedFen: 0 });
    expect(overdue.reasons).toEqual(['存在逾期，不予续授信', '额度期内冻结超过 90 天，不予续授信']);
    expect((await getRun(overdue.decisionId)).run?.outcome).toBe('refuse');
    expect((await renewal({ frozenDays: 90 })).renew).toBe(true);
  });

  it('answers a limit manager too; refuses anyone else (403) and a bankless principal (400)', async () => {
    expect((await renewal({}, limitManager)).renew).toBe(true);
    await expect(renewal({}, am1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(renewal({}, systemPrincipal('credit'))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('lists pricing and renewal runs in the risk console, scoped to the bank', async () => {
    const list = async (p: Principal, query: Record<string, string> = {}) =>
      riskApi.listDecisions.output.parse(
        (await apiRequest(bus, 'risk', 'GET', '/decisions', { caller: p, query })).body,
      );
    const all = await list(riskOfficer, { pageSize: '100' });
    const keys = new Set(all.items.map((r) => r.graphKey));
    expect(keys).toEqual(new Set(['credit.pricing', 'credit.renewal']));
    expect((await list(otherBank)).total).toBe(0);
    const limitRuns = await list(riskOfficer, { subjectRef: 'credit-limit:l1' });
    expect(limitRuns.items.every((r) => r.graphKey === 'credit.renewal')).toBe(true);
    expect(limitRuns.total).toBe(4);
  });
});
