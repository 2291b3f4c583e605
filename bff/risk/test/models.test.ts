import { decideCall, Permissions, type Principal } from '@zhanye/contracts';
import { type Bus, callService, connectBus, createLogger } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRiskService } from '../src/app.ts';
import { seedDemoRuns } from '../src/models/demo.runs.ts';

const cfg = testConfig();
const log = createLogger('risk-models-test', 'silent');
let bus: Bus;
let svc: Awaited<ReturnType<typeof startRiskService>>;

const READ = [Permissions.modelRead];
const bankA = {
  bankId: 'bank-a',
  orgId: 'a-br1',
  orgPath: '/bank-a/a-hq/a-br1/',
  dataScope: 'bank' as const,
};
const officer = principal({ ...bankA, userId: 'u-risk1', permissions: READ });
const bOfficer = principal({
  userId: 'u-b-risk1',
  bankId: 'bank-b',
  orgId: 'b-hq',
  orgPath: '/bank-b/b-hq/',
  dataScope: 'bank',
  permissions: READ,
});
const unionKeeper = principal({
  userId: 'u-union-risk',
  bankId: 'union',
  orgId: 'union-hq',
  orgPath: '/union/union-hq/',
  dataScope: 'all',
  permissions: [...READ, Permissions.modelManage],
});
const bankKeeper = principal({
  ...bankA,
  userId: 'u-riskmgr1',
  permissions: [...READ, Permissions.modelManage],
});
/** The credit service deciding for a branch's application. */
const creditCaller = principal({ ...bankA, userId: 'u-am1', permissions: [] });

const api = (caller: Principal, method: 'GET' | 'PUT', path: string, body?: Record<string, string>) =>
  apiRequest(bus, 'risk', method, path, {
    caller,
    ...(method === 'GET' && body ? { query: body } : {}),
    ...(method === 'PUT' ? { body: body ?? {} } : {}),
  });

beforeAll(async () => {
  bus = await connectBus(cfg, 'risk-models-test', log);
  svc = await startRiskService(cfg, bus, log);
});
afterAll(async () => {
  await svc?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('models register', () => {
  it('lists the seed’s 21 models by stage, with the flow version answering each', async () => {
    const res = await api(officer, 'GET', '/models');
    expect(res.status).toBe(200);
    const items = (
      res.body as { items: { code: string; flowName: string | null; flowVersion: number | null }[] }
    ).items;
    expect(items).toHaveLength(21);
    const rating = items.find((m) => m.code === 'RATING_A')!;
    expect(rating.flowName).toBe('credit.rating');
    expect(rating.flowVersion).toBe(1);
    expect(items.find((m) => m.code === 'ANTI_FRAUD')!.flowVersion).toBeNull();
    expect((await api(officer, 'GET', '/models/NOPE')).status).toBe(404);
    expect((await api(officer, 'GET', '/models/bad code')).status).toBe(400);
  });

  it('monitoring: approvals per day and version from the runs of the caller’s bank; PSI once there are enough runs', async () => {
    // 40 admission decisions for bank a: incomes spread, a few refused by the blacklist
    for (let i = 0; i < 40; i++) {
      await callService(
        bus,
        decideCall,
        {
          name: 'credit.admission',
          subjectRef: `c-${i}`,
          input: {
            ageYears: 30 + (i % 20),
            blacklisted: i % 10 === 0,
            overdueTimes24m: 0,
            currentOverdueFen: 0,
            courtRecords: 0,
            annualIncomeFen: 5_000_000 + i * 100_000,
            existingDebtFen: 0,
          },
        },
        creditCaller,
        'credit',
      );
    }
    const res = await api(officer, 'GET', '/models/ADMISSION/monitoring');
    expect(res.status).toBe(200);
    const m = res.body as {
      daily: { runs: number; approved: number; refused: number; version: number }[];
      psi: { variable: string; level: string; psi: number | null; baselineN: number; actualN: number }[];
    };
    const total = m.daily.reduce((n, d) => n + d.runs, 0);
    expect(total).toBe(40);
    expect(m.daily.reduce((n, d) => n + d.refused, 0)).toBe(4);
    expect(m.daily.reduce((n, d) => n + d.approved, 0)).toBe(36);
    // the first 20 runs are the baseline, the latest 20 the recent sample: too few to say anything
    const score = m.psi.find((p) => p.variable === 'score')!;
    expect([score.baselineN, score.actualN]).toEqual([20, 20]);
    expect(score.psi).toBeNull();
    expect(score.level).toBe('insufficient');
    // another bank sees none of bank a's runs
    const b = (await api(bOfficer, 'GET', '/models/ADMISSION/monitoring')).body as { daily: unknown[] };
    expect(b.daily).toEqual([]);
    // bad window: 400 with the field
    const bad = await api(officer, 'GET', '/models/ADMISSION/monitoring', {
      from: '2026-12-10',
      to: '2026-12-01',
    });
    expect(bad.status).toBe(400);
  });

  it('the union’s risk staff keep the register (audited); a bank’s staff may not; stale edits are refused', async () => {
    const up = await api(unionKeeper, 'PUT', '/models/INCREASE', {
      owner: '零售风险处',
      status: 'inUse',
      description: '按履约与资产变化主动提额',
    });
    expect(up.status).toBe(200);
    expect((up.body as { status: string; owner: string }).owner).toBe('零售风险处');
    const refused = await api(bankKeeper, 'PUT', '/models/INCREASE', { owner: 'x', status: 'retired' });
    expect(refused.status).toBe(403);
    expect((await api(officer, 'PUT', '/models/INCREASE', { owner: 'x', status: 'retired' })).status).toBe(
      403,
    );
    const bad = await api(unionKeeper, 'PUT', '/models/INCREASE', { owner: '', status: 'gone' });
    expect(bad.status).toBe(400);
    const [row] = await svc.ds.query('SELECT owner, status FROM risk_model WHERE code = ?', ['INCREASE']);
    expect(row).toEqual({ owner: '零售风险处', status: 'inUse' });
  });

  it('the demo month: 30 days of runs per flow, and the last ten days’ applicants drift (PSI says so)', async () => {
    await seedDemoRuns(svc.ds, svc.flows, log);
    await seedDemoRuns(svc.ds, svc.flows, log); // once only
    const m = (await api(officer, 'GET', '/models/ADMISSION/monitoring')).body as {
      daily: { day: string; runs: number }[];
      psi: { variable: string; level: string; baselineN: number; actualN: number }[];
    };
    expect(new Set(m.daily.map((d) => d.day)).size).toBe(30);
    const debt = m.psi.find((p) => p.variable === 'existingDebtFen')!;
    expect(debt.actualN).toBeGreaterThan(30);
    expect(['shift', 'major']).toContain(debt.level);
  });
});
