import { decideCall, flowApi, Permissions, type Principal, seededFlows } from '@zhanye/contracts';
import { type Bus, callService, connectBus, createLogger } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRiskService } from '../src/app.ts';
import admissionV1 from '../src/graphs/credit.admission.v1.json' with { type: 'json' };

const cfg = testConfig();
const log = createLogger('risk-flows-test', 'silent');
let bus: Bus;
let svc: Awaited<ReturnType<typeof startRiskService>>;

const READ = [Permissions.flowRead, Permissions.decisionRead];
const EDIT = [...READ, Permissions.flowEdit];
const PUBLISH = [...EDIT, Permissions.flowPublish];
const bankA = { bankId: 'bank-a', orgId: 'a-hq', orgPath: '/bank-a/a-hq/', dataScope: 'bank' as const };
const analyst = principal({ ...bankA, userId: 'u-riskanalyst1', displayName: '韩分析', permissions: EDIT });
const manager = principal({ ...bankA, userId: 'u-riskmgr1', displayName: '褚风控', permissions: PUBLISH });
const reader = principal({ ...bankA, userId: 'u-reader', permissions: READ });
const bManager = principal({
  userId: 'u-b-riskmgr',
  bankId: 'bank-b',
  orgId: 'b-hq',
  orgPath: '/bank-b/b-hq/',
  dataScope: 'bank',
  permissions: PUBLISH,
});
const union = { bankId: 'union', orgId: 'union-hq', orgPath: '/union/union-hq/', dataScope: 'all' as const };
const unionAnalyst = principal({ ...union, userId: 'u-union-analyst', permissions: EDIT });
const unionManager = principal({ ...union, userId: 'u-union-mgr', permissions: PUBLISH });

type Method = 'GET' | 'POST' | 'PUT';
const api = async (caller: Principal, method: Method, path: string, body?: Record<string, unknown>) => {
  const query =
    method === 'GET' && body
      ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]))
      : undefined;
  return apiRequest(bus, 'risk', method, path, {
    caller,
    ...(query ? { query } : {}),
    ...(method !== 'GET' ? { body: body ?? {} } : {}),
  });
};
const ok = async <T>(
  res: Promise<{ status: number; body: unknown }>,
  parse: (b: unknown) => T,
): Promise<T> => {
  const r = await res;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return parse(r.body);
};
const err = (body: unknown) =>
  (body as { error: { code: string; reason?: string; message: string; fields?: Record<string, string[]> } })
    .error;

/** A small graph: score -> tier by a first-hit table (the kind an analyst draws). */
const tierGraph = (topTier = 'gold') => ({
  contentType: 'application/vnd.gorules.decision',
  nodes: [
    { id: 'in', type: 'inputNode', name: '输入', position: { x: 0, y: 0 }, content: {} },
    {
      id: 'tiers',
      type: 'decisionTableNode',
      name: '分层',
      position: { x: 300, y: 0 },
      content: {
        hitPolicy: 'first',
        inputs: [{ id: 'c-score', name: '分数', field: 'score' }],
        outputs: [{ id: 'c-tier', name: '层级', field: 'tier' }],
        rules: [
          { _id: 'T1', 'c-score': '>= 80', 'c-tier': JSON.stringify(topTier) },
          { _id: 'T2', 'c-score': '>= 50', 'c-tier': '"silver"' },
          { _id: 'T3', 'c-score': '', 'c-tier': '"bronze"' },
        ],
        passThrough: false,
        inputField: null,
        outputPath: null,
        executionMode: 'single',
      },
    },
    { id: 'out', type: 'outputNode', name: '输出', position: { x: 600, y: 0 }, content: {} },
  ],
  edges: [
    { id: 'e1', type: 'edge', sourceId: 'in', targetId: 'tiers' },
    { id: 'e2', type: 'edge', sourceId: 'tiers', targetId: 'out' },
  ],
});
const tierCases = (top = 'gold') => [
  { name: '高分', input: { score: 90 }, expected: { tier: top } },
  { name: '中分', input: { score: 60 }, expected: { tier: 'silver' } },
  { name: '低分', input: { score: 10 }, expected: { tier: 'bronze' } },
];

const decide = (caller: Principal, name: string, subjectRef: string, input: Record<string, unknown>) =>
  callService(bus, decideCall, { name, subjectRef, input }, caller, 'credit');

beforeAll(async () => {
  bus = await connectBus(cfg, 'risk-flows-test', log);
  svc = await startRiskService(cfg, bus, log);
});
afterAll(async () => {
  await svc?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('decision flows', () => {
  it('seeds ten union flows (batch credit’s pre-approval too), each stable at v1 and passing its own test cases', async () => {
    const { items } = await ok(api(reader, 'GET', '/flows'), (b) => flowApi.listFlows.output.parse(b));
    expect(items.map((f) => f.name).sort()).toEqual([
      'credit.admission',
      'credit.drawdown',
      'credit.limit',
      'credit.monitoring',
      'credit.preapproval',
      'credit.prescreen',
      'credit.pricing',
      'credit.rating',
      'credit.renewal',
      'marketing.response',
    ]);
    for (const f of items) {
      expect(f).toMatchObject({
        owner: 'union',
        answering: true,
        release: { stableVersion: 1, canaryVersion: null },
      });
      const report = await ok(api(unionManager, 'POST', `/flows/${f.name}/versions/1/test`), (b) =>
        flowApi.testVersion.output.parse(b),
      );
      expect(report.results.length).toBeGreaterThanOrEqual(3);
      expect(report.results.filter((r) => !r.passed)).toEqual([]);
    }
  });

  it('decides a seeded flow by name over NATS and stores the run with version, hash and trace', async () => {
    const out = await decide(reader, 'credit.rating', 'customer:c1', {
      ageYears: 30,
      annualIncomeFen: 8_000_000,
      overdueTimes24m: 1,
      yearsWithBank: 2,
      depositBalanceFen: 2_000_000,
    });
    expect(out).toMatchObject({ name: 'credit.rating', version: 1, output: { score: 620, grade: 'C' } });
    expect(out.hash).toMatch(/^[0-9a-f]{64}$/);
    const run = await ok(api(reader, 'GET', `/runs/${out.runId}`), (b) => flowApi.getRun.output.parse(b));
    expect(run).toMatchObject({
      name: 'credit.rating',
      version: 1,
      hash: out.hash,
      outcome: null,
      features: {},
    });
    expect(run.trace.map((s) => s.id)).toEqual([
      'request',
      'age',
      'income',
      'overdue',
      'tenure',
      'deposit',
      'score',
      'grade',
      'response',
    ]);
    expect(run.trace.find((s) => s.id === 'grade')?.matchedRows).toEqual([{ id: 'G3', index: 2 }]);
    // a flow without a verdict is not a pre-screen run: the old list leaves it out
    expect((await api(reader, 'GET', `/decisions/${out.runId}`)).status).toBe(404);
  });

  it('refuses input the graph’s schema refuses (400) and an unknown name (404)', async () => {
    await expect(decide(reader, 'credit.rating', 'customer:c1', { ageYears: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(decide(reader, 'no.such-flow', 'customer:c1', {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await api(reader, 'GET', '/flows/no.such-flow')).status).toBe(404);
    expect((await api(reader, 'GET', '/flows/credit.rating/versions/99')).status).toBe(404);
    expect((await api(reader, 'GET', '/flows/credit.rating/diff', { from: 1, to: 99 })).status).toBe(404);
  });

  let v1: number;
  it('round trip: a saved JDM is stored as drawn and evaluates as drawn', async () => {
    const created = await ok(
      api(analyst, 'POST', '/flows', {
        name: 'test.tier',
        title: '分层测试',
        content: tierGraph(),
        note: '初稿',
      }),
      (b) => flowApi.createFlow.output.parse(b),
    );
    v1 = created.version;
    expect(created).toMatchObject({
      owner: 'bank',
      status: 'draft',
      authorName: '韩分析',
      mine: true,
      cases: [],
    });
    const stored = await ok(api(manager, 'GET', `/flows/test.tier/versions/${v1}`), (b) =>
      flowApi.getVersion.output.parse(b),
    );
    expect(stored.content).toEqual(tierGraph());
    expect(stored.mine).toBe(false);
    const sim = await ok(
      api(reader, 'POST', '/flows/test.tier/simulate', { version: v1, input: { score: 65 } }),
      (b) => flowApi.simulate.output.parse(b),
    );
    expect(sim).toMatchObject({ output: { tier: 'silver' }, error: null, hash: stored.hash });
    expect(sim.trace.map((s) => [s.id, s.type])).toEqual([
      ['in', 'inputNode'],
      ['tiers', 'decisionTableNode'],
      ['out', 'outputNode'],
    ]);
    expect(sim.trace[1]?.matchedRows).toEqual([{ id: 'T2', index: 1 }]);
    expect(
      (await api(analyst, 'POST', '/flows', { name: 'test.tier', title: 'x', content: tierGraph() })).status,
    ).toBe(409);
  });

  it('the publish gate: no cases, a failing case, a graph that does not compile: 409 naming why, nothing published', async () => {
    const publish = () => api(manager, 'POST', `/flows/test.tier/versions/${v1}/publish`, {});
    let res = await publish();
    expect(res.status).toBe(409);
    expect(err(res.body)).toMatchObject({
      reason: 'PUBLISH_GATE',
      message: expect.stringContaining('at least one test case'),
    });

    const bad = [...tierCases(), { name: '错误期望', input: { score: 85 }, expected: { tier: 'silver' } }];
    await ok(api(analyst, 'PUT', `/flows/test.tier/versions/${v1}/cases`, { cases: bad }), (b) => b);
    const report = await ok(api(analyst, 'POST', `/flows/test.tier/versions/${v1}/test`), (b) =>
      flowApi.testVersion.output.parse(b),
    );
    expect(report).toMatchObject({ passed: false, passedCount: 3, failedCount: 1 });
    expect(report.results[3]).toMatchObject({
      passed: false,
      actual: { tier: 'gold' },
      mismatches: [{ path: 'tier', before: 'silver', after: 'gold' }],
    });
    res = await publish();
    expect(res.status).toBe(409);
    expect(err(res.body)).toMatchObject({
      reason: 'PUBLISH_GATE',
      message: expect.stringContaining('错误期望'),
    });
    expect(err(res.body).fields?.['cases.3']?.[0]).toContain('tier expected "silver", got "gold"');

    const broken = tierGraph();
    broken.edges.push({ id: 'e3', type: 'edge', sourceId: 'tiers', targetId: 'nowhere' });
    const draft = await ok(
      api(analyst, 'POST', '/flows/test.tier/versions', { content: broken, casesFrom: v1 }),
      (b) => flowApi.createVersion.output.parse(b),
    );
    expect(draft.cases).toHaveLength(4);
    res = await api(manager, 'POST', `/flows/test.tier/versions/${draft.version}/publish`, {});
    expect(res.status).toBe(409);
    expect(err(res.body)).toMatchObject({
      reason: 'PUBLISH_GATE',
      message: expect.stringContaining('does not compile'),
    });

    const flow = await ok(api(reader, 'GET', '/flows/test.tier'), (b) => flowApi.getFlow.output.parse(b));
    expect(flow.bank).toEqual({ stableVersion: null, canaryVersion: null, canaryPercent: 0 });
    expect(flow.versions.every((v) => v.status === 'draft')).toBe(true);
    await expect(decide(reader, 'test.tier', 's', { score: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('separation of duties: the author may not publish; a reader may not edit', async () => {
    await ok(api(analyst, 'PUT', `/flows/test.tier/versions/${v1}/cases`, { cases: tierCases() }), (b) => b);
    const own = await ok(
      api(manager, 'POST', '/flows/test.tier/versions', { content: tierGraph(), note: '经理自拟' }),
      (b) => flowApi.createVersion.output.parse(b),
    );
    const res = await api(manager, 'POST', `/flows/test.tier/versions/${own.version}/publish`, {});
    expect(res.status).toBe(403);
    expect(err(res.body)).toMatchObject({
      reason: 'SEPARATION_OF_DUTIES',
      message: expect.stringContaining('separation of duties'),
    });
    expect((await api(analyst, 'POST', `/flows/test.tier/versions/${v1}/publish`, {})).status).toBe(403);
    expect((await api(reader, 'POST', '/flows/test.tier/versions', { content: tierGraph() })).status).toBe(
      403,
    );
  });

  let v2: number;
  let v1RunId: string;
  it('publishes through the gate; then a published version’s cases no longer change', async () => {
    const flow = await ok(
      api(manager, 'POST', `/flows/test.tier/versions/${v1}/publish`, { note: '首发' }),
      (b) => flowApi.publishVersion.output.parse(b),
    );
    expect(flow).toMatchObject({ answering: 'bank', bank: { stableVersion: v1 } });
    expect(flow.history[0]).toMatchObject({
      action: 'publish',
      version: v1,
      actorName: '褚风控',
      note: '首发',
    });
    const res = await api(analyst, 'PUT', `/flows/test.tier/versions/${v1}/cases`, { cases: tierCases() });
    expect(res.status).toBe(409);
    expect(err(res.body).reason).toBe('NOT_DRAFT');
    const out = await decide(reader, 'test.tier', 'customer:r1', { score: 95 });
    expect(out).toMatchObject({ version: v1, output: { tier: 'gold' } });
    v1RunId = out.runId;
  });

  it('diffs two versions: the changed table row', async () => {
    const next = await ok(
      api(analyst, 'POST', '/flows/test.tier/versions', {
        content: tierGraph('platinum'),
        note: '顶层改名',
        casesFrom: v1,
      }),
      (b) => flowApi.createVersion.output.parse(b),
    );
    v2 = next.version;
    await ok(
      api(analyst, 'PUT', `/flows/test.tier/versions/${v2}/cases`, { cases: tierCases('platinum') }),
      (b) => b,
    );
    const diff = await ok(api(reader, 'GET', '/flows/test.tier/diff', { from: v1, to: v2 }), (b) =>
      flowApi.diff.output.parse(b),
    );
    expect(diff.nodes.added).toEqual([]);
    expect(diff.nodes.removed).toEqual([]);
    expect(diff.nodes.changed).toHaveLength(1);
    expect(diff.nodes.changed[0]).toMatchObject({ id: 'tiers', fields: ['content', 'rows'] });
    expect(diff.nodes.changed[0]?.rows?.changed).toEqual([
      expect.objectContaining({
        id: 'T1',
        before: expect.objectContaining({ 'c-tier': '"gold"' }),
        after: expect.objectContaining({ 'c-tier': '"platinum"' }),
      }),
    ]);
  });

  it('canary: deterministic per subject, about its percent over 1,000 subjects; promote; rollback', async () => {
    await ok(
      api(manager, 'POST', `/flows/test.tier/versions/${v2}/publish`, { canaryPercent: 30 }),
      (b) => b,
    );
    const versionOf = async (ref: string) =>
      (
        await svc.flows.decide(
          reader,
          { name: 'test.tier', subjectRef: ref, input: { score: 90 } },
          { store: false },
        )
      ).version;
    let canary = 0;
    for (let i = 0; i < 1000; i++) if ((await versionOf(`customer:${i}`)) === v2) canary++;
    expect(canary).toBeGreaterThan(240);
    expect(canary).toBeLessThan(360);
    const sides = await Promise.all(Array.from({ length: 20 }, (_, i) => versionOf(`customer:${i}`)));
    expect(await Promise.all(Array.from({ length: 20 }, (_, i) => versionOf(`customer:${i}`)))).toEqual(
      sides,
    );
    // the stored run says which side it ran on
    const ref = `customer:${sides.indexOf(v2)}`;
    const run = await decide(reader, 'test.tier', ref, { score: 90 });
    expect(run).toMatchObject({ version: v2, output: { tier: 'platinum' } });
    expect(
      (await ok(api(reader, 'GET', `/runs/${run.runId}`), (b) => flowApi.getRun.output.parse(b))).canary,
    ).toBe(true);

    const publishAgain = await api(manager, 'POST', `/flows/test.tier/versions/${v2}/publish`, {});
    expect(err(publishAgain.body).reason).toBe('NOT_DRAFT');
    await ok(api(manager, 'POST', '/flows/test.tier/canary', { action: 'set', percent: 60 }), (b) => b);
    let flow = await ok(api(manager, 'POST', '/flows/test.tier/canary', { action: 'promote' }), (b) =>
      flowApi.canary.output.parse(b),
    );
    expect(flow.bank).toEqual({ stableVersion: v2, canaryVersion: null, canaryPercent: 0 });
    expect(flow.history.map((h) => h.action).slice(0, 3)).toEqual(['promote', 'canary', 'canary']);
    expect(
      (
        await svc.flows.decide(
          reader,
          { name: 'test.tier', subjectRef: 'x', input: { score: 90 } },
          { store: false },
        )
      ).version,
    ).toBe(v2);

    flow = await ok(api(manager, 'POST', '/flows/test.tier/rollback', { toVersion: v1, note: '回退' }), (b) =>
      flowApi.rollback.output.parse(b),
    );
    expect(flow.bank?.stableVersion).toBe(v1);
    expect(flow.versions.find((v) => v.version === v2)?.status).toBe('retired');
    expect((await decide(reader, 'test.tier', 'y', { score: 90 })).output).toEqual({ tier: 'gold' });
    const drafts = flow.versions.filter((v) => v.status === 'draft');
    const res = await api(manager, 'POST', '/flows/test.tier/rollback', { toVersion: drafts[0]!.version });
    expect(err(res.body).reason).toBe('NOT_PUBLISHED');
  });

  it('replays a stored run on another version: both outputs and what changed, nothing stored', async () => {
    const before = await ok(api(reader, 'GET', '/runs', { name: 'test.tier' }), (b) =>
      flowApi.listRuns.output.parse(b),
    );
    const replay = await ok(api(reader, 'POST', `/runs/${v1RunId}/replay`, { version: v2 }), (b) =>
      flowApi.replayRun.output.parse(b),
    );
    expect(replay).toMatchObject({
      from: { version: v1, output: { tier: 'gold' } },
      to: { version: v2, output: { tier: 'platinum' }, error: null },
      changes: [{ path: 'tier', before: 'gold', after: 'platinum' }],
      same: false,
    });
    const same = await ok(api(reader, 'POST', `/runs/${v1RunId}/replay`, { version: v1 }), (b) =>
      flowApi.replayRun.output.parse(b),
    );
    expect(same).toMatchObject({ same: true, changes: [] });
    const after = await ok(api(reader, 'GET', '/runs', { name: 'test.tier' }), (b) =>
      flowApi.listRuns.output.parse(b),
    );
    expect(after.total).toBe(before.total);
  });

  it('tenancy: another bank neither sees nor edits a bank’s own flow, nor its runs', async () => {
    const { items } = await ok(api(bManager, 'GET', '/flows'), (b) => flowApi.listFlows.output.parse(b));
    expect(items.map((f) => f.name)).not.toContain('test.tier');
    expect((await api(bManager, 'GET', '/flows/test.tier')).status).toBe(404);
    expect((await api(bManager, 'GET', `/flows/test.tier/versions/${v1}`)).status).toBe(404);
    expect((await api(bManager, 'POST', '/flows/test.tier/versions', { content: tierGraph() })).status).toBe(
      404,
    );
    expect((await api(bManager, 'POST', `/flows/test.tier/versions/${v1}/publish`, {})).status).toBe(404);
    expect(
      (await api(bManager, 'POST', '/flows/test.tier/simulate', { version: v1, input: {} })).status,
    ).toBe(404);
    expect((await api(bManager, 'GET', `/runs/${v1RunId}`)).status).toBe(404);
    expect((await api(bManager, 'POST', `/runs/${v1RunId}/replay`, { version: v1 })).status).toBe(404);
    const bReader = principal({ ...bManager, userId: 'u-b-reader', permissions: READ });
    await expect(decide(bReader, 'test.tier', 's', { score: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('a bank’s own version of a standard flow answers for its bank only; the standard stays the union’s', async () => {
    // a bank may not change the union's version
    const res = await api(analyst, 'PUT', '/flows/credit.admission/versions/1/cases', { cases: [] });
    expect(res.status).toBe(403);
    expect(err(res.body).reason).toBe('NOT_OWNER');
    const stricter = structuredClone(admissionV1) as typeof admissionV1;
    const refer = stricter.nodes.find((n) => n.id === 'refer')!;
    (refer.content as { rules: Record<string, string>[] }).rules[0]!['refer-when'] = 'overdueTimes24m >= 1';
    const own = await ok(
      api(analyst, 'POST', '/flows/credit.admission/versions', { content: stricter, note: '本行更严' }),
      (b) => flowApi.createVersion.output.parse(b),
    );
    expect(own).toMatchObject({ owner: 'bank', status: 'draft' });
    expect(own.cases.length).toBeGreaterThan(0); // the standard's cases came along
    const input = {
      ageYears: 35,
      blacklisted: false,
      overdueTimes24m: 1,
      currentOverdueFen: 0,
      courtRecords: 0,
      annualIncomeFen: 12_000_000,
      existingDebtFen: 0,
    };
    const cases = [
      ...own.cases,
      { name: '本行：逾期一次转人工', input, expected: { outcome: 'refer', rules: ['B1'] } },
    ];
    await ok(
      api(analyst, 'PUT', `/flows/credit.admission/versions/${own.version}/cases`, { cases }),
      (b) => b,
    );
    const flow = await ok(
      api(manager, 'POST', `/flows/credit.admission/versions/${own.version}/publish`, {}),
      (b) => flowApi.publishVersion.output.parse(b),
    );
    expect(flow).toMatchObject({
      answering: 'bank',
      union: { stableVersion: 1 },
      bank: { stableVersion: own.version },
    });
    expect((await decide(reader, 'credit.admission', 'c', input)).output).toMatchObject({ outcome: 'refer' });
    const bReader = principal({ ...bManager, userId: 'u-b-reader', permissions: READ });
    const b = await decide(bReader, 'credit.admission', 'c', input);
    expect(b).toMatchObject({ version: 1, output: { outcome: 'pass' } });
    const bFlow = await ok(api(bManager, 'GET', '/flows/credit.admission'), (x) =>
      flowApi.getFlow.output.parse(x),
    );
    expect(bFlow).toMatchObject({ answering: 'union', bank: null });
    expect(bFlow.versions.map((v) => v.version)).toEqual([1]);
  });

  it('the union’s risk staff keep the standard flows', async () => {
    const v1 = await ok(api(unionAnalyst, 'GET', '/flows/marketing.response/versions/1'), (b) =>
      flowApi.getVersion.output.parse(b),
    );
    expect((await svc.flows.compile('*', 'marketing.response')).hash).toBe(v1.hash);
    const v = await ok(
      api(unionAnalyst, 'POST', '/flows/marketing.response/versions', { content: v1.content, note: '复制' }),
      (b) => flowApi.createVersion.output.parse(b),
    );
    expect(v.owner).toBe('union');
    const flow = await ok(
      api(unionManager, 'POST', `/flows/marketing.response/versions/${v.version}/publish`, {}),
      (b) => flowApi.publishVersion.output.parse(b),
    );
    expect(flow.union?.stableVersion).toBe(v.version);
    // a bank without its own version follows the standard
    expect((await svc.flows.compile('bank-b', 'marketing.response')).version).toBe(v.version);
  });

  it('a version declaring features is refused until the feature factory answers (409 naming them)', async () => {
    const d = await ok(
      api(analyst, 'POST', '/flows', {
        name: 'test.featured',
        title: '特征测试',
        content: tierGraph(),
        features: ['txn.count.90d'],
      }),
      (b) => flowApi.createFlow.output.parse(b),
    );
    await ok(
      api(analyst, 'PUT', `/flows/test.featured/versions/${d.version}/cases`, { cases: tierCases() }),
      (b) => b,
    );
    await ok(api(manager, 'POST', `/flows/test.featured/versions/${d.version}/publish`, {}), (b) => b);
    await expect(decide(reader, 'test.featured', 's', { score: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('txn.count.90d'),
    });
  });

  it.runIf(process.env.ZY_BENCH_DECIDE)(
    'measures svc.risk.decide through NATS (500 sequential calls)',
    async () => {
      const times: number[] = [];
      for (let i = 0; i < 550; i++) {
        const t0 = performance.now();
        await decide(reader, 'test.tier', `bench:${i}`, { score: i % 100 });
        if (i >= 50) times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const at = (p: number) =>
        times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(2);
      console.log(
        `svc.risk.decide over NATS, 500 sequential: p50 ${at(50)} ms, p99 ${at(99)} ms, max ${at(100)} ms`,
      );
    },
  );
});

describe('the seeded flows’ contracts', () => {
  it('every seeded case’s input and output match the schema in contracts', async () => {
    for (const [name, schema] of Object.entries(seededFlows)) {
      const v = await ok(api(reader, 'GET', `/flows/${name}/versions/1`), (b) =>
        flowApi.getVersion.output.parse(b),
      );
      for (const c of v.cases) {
        schema.input.parse(c.input);
        const sim = await ok(
          api(reader, 'POST', `/flows/${name}/simulate`, { version: 1, input: c.input }),
          (b) => flowApi.simulate.output.parse(b),
        );
        expect(schema.output.safeParse(sim.output).error, `${name} ${c.name}`).toBeUndefined();
      }
    }
  });
});
