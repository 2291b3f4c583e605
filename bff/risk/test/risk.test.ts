import { Permissions, prescreenCall, riskApi } from '@zhanye/contracts';
import { type Bus, callService, connectBus, createLogger } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRiskService } from '../src/app.ts';

const cfg = testConfig();
const log = createLogger('risk-test', 'silent');
let bus: Bus;
let svc: Awaited<ReturnType<typeof startRiskService>>;

const am1 = principal({ permissions: [Permissions.decisionRead], dataScope: 'self' });
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
  permissions: [Permissions.decisionRead],
  dataScope: 'bank',
});

const yuan = (v: number) => v * 100;
const prescreen = (input: Partial<Parameters<typeof callService<typeof prescreenCall>>[2]>) =>
  callService(
    bus,
    prescreenCall,
    {
      subjectRef: 'credit-application:test',
      amountFen: yuan(50_000),
      annualIncomeFen: yuan(200_000),
      termMonths: 12,
      productCode: 'consumer',
      ...input,
    },
    am1,
    'credit',
  );

beforeAll(async () => {
  bus = await connectBus(cfg, 'risk-test', log);
  svc = await startRiskService(cfg, bus, log);
});
afterAll(async () => {
  await svc?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('risk service', () => {
  let passId: string;

  it('passes a modest loan', async () => {
    const out = await prescreen({ subjectRef: 'credit-application:pass' });
    expect(out).toMatchObject({ outcome: 'pass', graphKey: 'credit.prescreen', graphVersion: 1 });
    expect(out.reasons).toEqual(['符合预审条件']);
    passId = out.decisionId;
  });

  it('refers a loan above 300,000 yuan to a person', async () => {
    const out = await prescreen({
      amountFen: yuan(400_000),
      annualIncomeFen: yuan(1_000_000),
      termMonths: 36,
      productCode: 'business',
    });
    expect(out.outcome).toBe('refer');
    expect(out.reasons).toEqual(['申请金额超过 30 万元，需人工审批']);
  });

  it('refuses a loan above 5x income and a consumer loan over 60 months, with every reason', async () => {
    const out = await prescreen({ amountFen: yuan(60_000), annualIncomeFen: yuan(10_000), termMonths: 72 });
    expect(out.outcome).toBe('refuse');
    expect(out.reasons).toEqual(['申请金额超过年收入的 5 倍', '消费贷期限超过 60 个月']);
  });

  it('refuses input outside the contract (400) without running anything', async () => {
    await expect(prescreen({ amountFen: 1.5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('stores each run with graph version, input, output and an ordered trace', async () => {
    const res = await apiRequest(bus, 'risk', 'GET', `/decisions/${passId}`, { caller: am1 });
    expect(res.status).toBe(200);
    const run = riskApi.getDecision.output.parse(res.body);
    expect(run).toMatchObject({
      id: passId,
      graphKey: 'credit.prescreen',
      graphVersion: 1,
      subjectRef: 'credit-application:pass',
      outcome: 'pass',
      requestedBy: am1.userId,
      requestedByName: am1.displayName,
      input: {
        amountFen: yuan(50_000),
        annualIncomeFen: yuan(200_000),
        termMonths: 12,
        productCode: 'consumer',
      },
      output: { outcome: 'pass', reasons: ['符合预审条件'] },
      reasons: ['符合预审条件'],
    });
    expect(run.trace.map((s) => s.id)).toEqual([
      'request',
      'refuseRules',
      'referRules',
      'verdict',
      'response',
    ]);
    expect(run.trace[3]?.output).toMatchObject({ outcome: 'pass' });
    const [row] = await svc.ds.query(
      'SELECT bank_id, org_id, org_path, owner_id FROM decision_run WHERE id = ?',
      [passId],
    );
    expect(row).toEqual({
      bank_id: 'bank-a',
      org_id: am1.orgId,
      org_path: am1.orgPath,
      owner_id: am1.userId,
    });
  });

  it('lists runs in the caller’s scope, filtered by subject, newest first', async () => {
    const list = async (p: typeof am1, query: Record<string, string> = {}) =>
      riskApi.listDecisions.output.parse(
        (await apiRequest(bus, 'risk', 'GET', '/decisions', { caller: p, query })).body,
      );
    expect((await list(am1)).total).toBe(3);
    const all = (await list(riskOfficer)).items;
    expect(all.map((r) => r.outcome).sort()).toEqual(['pass', 'refer', 'refuse']);
    const times = all.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const one = await list(am1, { subjectRef: 'credit-application:pass' });
    expect(one.items.map((r) => r.id)).toEqual([passId]);
    expect((await list(otherBank)).total).toBe(0);
    const paged = await list(riskOfficer, { page: '2', pageSize: '2' });
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(1);
  });

  it('hides a run from another bank (404, not 403)', async () => {
    const res = await apiRequest(bus, 'risk', 'GET', `/decisions/${passId}`, { caller: otherBank });
    expect(res.status).toBe(404);
    const noPerm = principal({ permissions: [] });
    expect((await apiRequest(bus, 'risk', 'GET', `/decisions/${passId}`, { caller: noPerm })).status).toBe(
      403,
    );
  });

  it('lists the union’s published flows with the seeded pre-screen, pricing and renewal v1 active', async () => {
    const res = await apiRequest(bus, 'risk', 'GET', '/graphs', { caller: riskOfficer });
    const { items } = riskApi.listGraphs.output.parse(res.body);
    expect(items).toHaveLength(10);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'credit.prescreen', version: 1, title: '个人贷款预审', active: true }),
        expect.objectContaining({ key: 'credit.pricing', version: 1, title: '贷款差异化定价', active: true }),
        expect.objectContaining({ key: 'credit.renewal', version: 1, title: '额度到期续授信', active: true }),
      ]),
    );
  });
});
