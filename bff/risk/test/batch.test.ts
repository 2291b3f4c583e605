import { type BatchRun, Permissions } from '@zhanye/contracts';
import { type Bus, connectBus, createLogger } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig, until } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRiskService } from '../src/app.ts';
import { batchStreamName } from '../src/batch/index.ts';
import { generateRisk } from '../src/features/gen.ts';

const cfg = testConfig();
const log = createLogger('risk-batch-test', (process.env.BATCH_LOG as 'warn') ?? 'silent');
// small chunks and a short ack wait, so a dead copy's chunk comes back within the test
const WORK = { chunkSize: 25, ackWaitMs: 1200, chunksInFlight: 2, progressEveryMs: 50 };
const N = 600;

type Copy = { bus: Bus; svc: Awaited<ReturnType<typeof startRiskService>> };
const copies: Copy[] = [];
const startCopy = async (name: string): Promise<Copy> => {
  const bus = await connectBus(cfg, name, log);
  const svc = await startRiskService(cfg, bus, log, { batch: WORK });
  const c = { bus, svc };
  copies.push(c);
  return c;
};
let a: Copy;

const analyst = principal({
  userId: 'u-risk1',
  displayName: '李风控',
  orgId: 'a-hq',
  orgPath: '/bank-a/a-hq/',
  permissions: [
    Permissions.batchRead,
    Permissions.batchCreate,
    Permissions.batchControl,
    Permissions.batchExport,
  ],
  dataScope: 'bank',
});
const reader = principal({ permissions: [Permissions.batchRead], dataScope: 'bank' });
const otherBank = principal({
  userId: 'u-b1',
  bankId: 'bank-b',
  orgId: 'b-hq',
  orgPath: '/bank-b/b-hq/',
  permissions: [Permissions.batchRead, Permissions.batchCreate],
  dataScope: 'bank',
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read the replies' JSON
type Reply = { status: number; body: any };
const api = (method: 'GET' | 'POST', path: string, body?: unknown, caller = analyst): Promise<Reply> =>
  apiRequest(a.bus, 'risk', method, path, {
    caller,
    ...(method === 'GET' ? { query: (body ?? {}) as Record<string, string> } : { body: body ?? {} }),
  });

const create = async (body: Record<string, unknown> = {}): Promise<BatchRun> => {
  const res = await api('POST', '/batch-runs', {
    flowName: 'credit.preapproval',
    asOf: '2026-12-01',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as BatchRun;
};
const get = async (id: string): Promise<BatchRun> => (await api('GET', `/batch-runs/${id}`)).body as BatchRun;
const waitFor = async (id: string, status: string, ms = 30_000) => {
  await until(async () => (await get(id)).status === status, ms, `run ${status}`);
  return get(id);
};

/** Every figure of a finished run agrees with its stored results: nobody decided twice, nobody left out. */
async function expectCountsAddUp(run: BatchRun, expectedTotal: number) {
  const ds = a.svc.ds;
  const [r] = await ds.query(
    'SELECT COUNT(*) AS n, COUNT(DISTINCT customer_ref) AS d, SUM(approved) AS ok FROM batch_result WHERE run_id = ?',
    [run.id],
  );
  expect(run.total).toBe(expectedTotal);
  expect(run.processed).toBe(expectedTotal);
  expect(Number(r.n)).toBe(expectedTotal);
  expect(Number(r.d)).toBe(expectedTotal);
  expect(run.approved).toBe(Number(r.ok));
  expect(run.approved + run.refused).toBe(run.processed);
  const [c] = await ds.query('SELECT COUNT(*) AS n, SUM(customers) AS m FROM batch_chunk WHERE run_id = ?', [
    run.id,
  ]);
  expect(Number(c.n)).toBe(run.chunksTotal);
  expect(Number(c.m)).toBe(expectedTotal);
  // the pre-approved list went out once per chunk with its approved rows
  const events: { payload: string }[] = await ds.query(
    "SELECT payload FROM outbox WHERE subject = 'evt.risk.preapproved.listed' AND JSON_VALUE(payload, '$.runId') = ?",
    [run.id],
  );
  const listed = events.flatMap((e) => JSON.parse(e.payload).rows as { customerRef: string }[]);
  expect(listed.length).toBe(run.approved);
  expect(new Set(listed.map((l) => l.customerRef)).size).toBe(run.approved);
}

beforeAll(async () => {
  a = await startCopy('risk-batch-a');
  await startCopy('risk-batch-b');
  // risk's read model (SIMULATED): two branches' sub-branches, facts over the year before the as-of date
  await generateRisk(a.svc.ds, {
    bankId: 'bank-a',
    customers: N,
    seed: 7,
    asOf: new Date(Date.UTC(2026, 11, 1)),
    parents: ['/bank-a/a-hq/a-br1/', '/bank-a/a-hq/a-br2/'],
    branches: 6,
    managers: 12,
  });
}, 30_000);

afterAll(async () => {
  for (const c of copies.reverse()) await c.svc.stop().catch(() => undefined);
  await a.bus.jsm.streams.delete(batchStreamName(cfg.ZY_NS)).catch(() => undefined);
  await dropNamespace(cfg, a.bus);
  for (const c of copies) if (!c.bus.nc.isClosed()) await c.bus.nc.drain();
});

describe('batch credit', () => {
  it('decides a population with two copies: every customer once, counts add up, both copies took part', async () => {
    // the run's page hears its progress as pushed notices (the gateway forwards push.risk)
    const notices: { type: string; data: { runId: string; processed: number; status: string } }[] = [];
    const sub = a.bus.nc.subscribe(a.bus.subject('push.risk'), {
      callback: (_e, m) => {
        notices.push(m.json());
      },
    });
    const run = await create();
    expect(run.total).toBe(N);
    expect(run.chunksTotal).toBe(N / WORK.chunkSize);
    const done = await waitFor(run.id, 'done');
    await expectCountsAddUp(done, N);
    expect(done.approved).toBeGreaterThan(0);
    expect(done.refused).toBeGreaterThan(0);
    const workers: { worker: string }[] = await a.svc.ds.query(
      'SELECT DISTINCT worker FROM batch_chunk WHERE run_id = ?',
      [run.id],
    );
    expect(workers.length).toBe(2);
    // the progress (from the KV bucket) says so too
    const progress = (await api('GET', `/batch-runs/${run.id}/progress`)).body;
    expect(progress).toMatchObject({ status: 'done', processed: N, total: N, etaSeconds: null });
    await until(() => notices.some((n) => n.data.runId === run.id && n.data.status === 'done'));
    sub.unsubscribe();
    const mine = notices.filter((n) => n.type === 'risk.batch.progress' && n.data.runId === run.id);
    expect(mine.at(-1)?.data).toMatchObject({ status: 'done', processed: N });
    // a refused customer carries the flow's reason and no limit
    const refused = (await api('GET', `/batch-runs/${run.id}/results`, { approved: 'no', pageSize: '5' }))
      .body;
    expect(refused.total).toBe(done.refused);
    expect(refused.items[0]).toMatchObject({ approved: false, limit: '0.00' });
    // summary figures agree with the run
    const summary = (await api('GET', `/batch-runs/${run.id}/summary`)).body;
    expect(summary.approved).toBe(done.approved);
    expect(summary.limitHistogram.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(
      done.approved,
    );
    expect(summary.byBranch.map((b: { orgPath: string }) => b.orgPath)).toEqual([
      '/bank-a/a-hq/a-br1/',
      '/bank-a/a-hq/a-br2/',
    ]);
    // the export holds the approved rows
    const csv = (await api('GET', `/batch-runs/${run.id}/export`, { format: 'csv' })).body;
    const lines = Buffer.from(csv.base64, 'base64').toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(done.approved + 1);
    const xlsx = await api('GET', `/batch-runs/${run.id}/export`, { format: 'xlsx' });
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(xlsx.body.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  }, 45_000);

  it('survives a copy killed in the middle: the other finishes, nothing decided twice', async () => {
    // only copy a and a new copy c work on this run
    await copies[1]!.svc.stop();
    const c = await startCopy('risk-batch-c');
    const run = await create();
    // kill c once it has committed a chunk (it holds more in flight): its connection drops at once
    const committedBy = async (worker: string) =>
      Number(
        (
          await a.svc.ds.query('SELECT COUNT(*) AS n FROM batch_chunk WHERE run_id = ? AND worker = ?', [
            run.id,
            worker,
          ])
        )[0].n,
      );
    await until(
      async () => (await committedBy(c.svc.batch.work.workerId)) >= 2,
      10_000,
      'chunks committed by c',
    );
    await c.bus.nc.close();
    await c.svc.ds.destroy().catch(() => undefined);
    const done = await waitFor(run.id, 'done');
    await expectCountsAddUp(done, N);
    const workers: { worker: string; n: number }[] = await a.svc.ds.query(
      'SELECT worker, COUNT(*) AS n FROM batch_chunk WHERE run_id = ? GROUP BY worker',
      [run.id],
    );
    expect(workers.length).toBe(2);
  }, 45_000);

  it('pauses (chunks in flight finish, no more are taken), resumes where it stopped, and finishes', async () => {
    const run = await create({ segment: 'salaried' });
    const [seg] = await a.svc.ds.query(
      "SELECT COUNT(*) AS n FROM rm_customer WHERE bank_id = 'bank-a' AND segment = 'salaried'",
    );
    const salaried = Number(seg.n);
    expect(run.total).toBe(salaried);
    await until(async () => (await get(run.id)).processed > 0, 10_000, 'some processed');
    const paused = await api('POST', `/batch-runs/${run.id}/pause`, { version: (await get(run.id)).version });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.status).toBe('paused');
    expect(paused.body.actions).toEqual(['resume', 'cancel']);
    await new Promise((r) => setTimeout(r, 400)); // chunks in flight finish
    const held = (await get(run.id)).processed;
    await new Promise((r) => setTimeout(r, 800));
    const still = await get(run.id);
    expect(still.processed).toBe(held);
    expect(still.status).toBe('paused');
    // pausing again is not a move the machine has
    const again = await api('POST', `/batch-runs/${run.id}/pause`, { version: still.version });
    expect(again.status).toBe(409);
    // a stale version is refused
    expect((await api('POST', `/batch-runs/${run.id}/resume`, { version: still.version - 1 })).status).toBe(
      409,
    );
    const resumed = await api('POST', `/batch-runs/${run.id}/resume`, { version: still.version });
    expect(resumed.body.status).toBe('running');
    const done = await waitFor(run.id, 'done');
    await expectCountsAddUp(done, salaried);
    // every step is evidence
    const steps: { command: string; actor_id: string }[] = await a.svc.ds.query(
      "SELECT command, actor_id FROM workflow_step WHERE aggregate = 'batch_run' AND aggregate_id = ? ORDER BY at, command",
      [run.id],
    );
    expect(steps.map((s) => s.command)).toEqual(['create', 'start', 'pause', 'resume', 'complete']);
    expect(steps.find((s) => s.command === 'pause')?.actor_id).toBe(analyst.userId);
  }, 45_000);

  it('cancels: no more chunks are taken, what was decided stays, the run ends cancelled', async () => {
    const run = await create();
    await until(async () => (await get(run.id)).processed > 0, 10_000, 'some processed');
    const res = await api('POST', `/batch-runs/${run.id}/cancel`, { version: (await get(run.id)).version });
    expect(res.status).toBe(200);
    expect(['cancelling', 'cancelled']).toContain(res.body.status);
    const cancelled = await waitFor(run.id, 'cancelled', 20_000);
    expect(cancelled.processed).toBeLessThan(N);
    const [r] = await a.svc.ds.query('SELECT COUNT(*) AS n FROM batch_result WHERE run_id = ?', [run.id]);
    expect(Number(r.n)).toBe(cancelled.processed);
    expect(cancelled.actions).toEqual([]);
  }, 30_000);

  it('finishes an empty population at once and says so', async () => {
    const run = await create({ segment: 'nobody' });
    expect(run).toMatchObject({
      status: 'done',
      total: 0,
      processed: 0,
      emptyPopulation: true,
      chunksTotal: 0,
    });
  });

  it('refuses bad input (400), an unknown flow (404), a reader (403); another bank sees nothing', async () => {
    const bad = await api('POST', '/batch-runs', { flowName: 'credit.preapproval', asOf: 'yesterday' });
    expect(bad.status).toBe(400);
    const outside = await api('POST', '/batch-runs', {
      flowName: 'credit.preapproval',
      asOf: '2026-12-01',
      orgPath: '/bank-b/b-hq/',
    });
    expect(outside.status).toBe(400);
    // customer tags are not in risk's read model: refused, not ignored
    const tagged = await api('POST', '/batch-runs', {
      flowName: 'credit.preapproval',
      asOf: '2026-12-01',
      tag: 'young',
    });
    expect(tagged.status).toBe(400);
    expect((await api('POST', '/batch-runs', { flowName: 'no.such', asOf: '2026-12-01' })).status).toBe(404);
    expect(
      (await api('POST', '/batch-runs', { flowName: 'credit.preapproval', asOf: '2026-12-01' }, reader))
        .status,
    ).toBe(403);
    const list = (await api('GET', '/batch-runs', {}, reader)).body;
    expect(list.total).toBeGreaterThan(0);
    const mine = list.items[0].id as string;
    expect((await api('GET', `/batch-runs/${mine}`, {}, otherBank)).status).toBe(404);
    expect((await api('GET', '/batch-runs', {}, otherBank)).body.total).toBe(0);
    // a reader sees the run without the commands
    expect((await api('GET', `/batch-runs/${mine}`, {}, reader)).body.actions).toEqual([]);
  });
});
