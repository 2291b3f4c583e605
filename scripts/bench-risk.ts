/**
 * `pnpm bench:risk`: batch credit (大数据批量授信) against the raw engine, side by side.
 *
 * In a fresh namespace on the machine's MariaDB and NATS: generates `BENCH_CUSTOMERS` customers
 * (default 1,000,000) in risk's read model with the feature factory's generator (`pnpm gen`'s risk
 * module, SIMULATED data), evaluates the pre-approval flow over the same
 * customers' features with the raw zen engine in this one process (the throughput to compare
 * with; features are read beforehand and not timed), then runs the batch through the API with
 * two copies of the risk service (separate processes, as in production) taking chunks off the
 * JetStream work queue, and prints both rates, their ratio and the batch's total time (create
 * to done). The namespace (databases, stream, KV bucket) is dropped at the end.
 *
 * Knobs: BENCH_CUSTOMERS, BENCH_RAW_SAMPLE (customers the raw engine evaluates; default all),
 * BENCH_RAW_CONCURRENCY (16), and the service's ZY_BATCH_* (see `workOptionsFromEnv`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { type BatchRun, Permissions } from '@zhanye/contracts';
import { BaseConfig, connectBus, createLogger, loadConfig, openDatabase } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal } from '@zhanye/kit/testing';
import { riskEntities } from '../bff/risk/src/app.ts';
import { batchStreamName } from '../bff/risk/src/batch/index.ts';
import { generateRisk } from '../bff/risk/src/features/gen.ts';
import { createFeatures } from '../bff/risk/src/features/index.ts';
import { createFlows, noFeatures } from '../bff/risk/src/flows/index.ts';

const N = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const RAW_SAMPLE = Math.min(N, Number(process.env.BENCH_RAW_SAMPLE ?? N));
const RAW_CONCURRENCY = Number(process.env.BENCH_RAW_CONCURRENCY ?? 16);
const FLOW = 'credit.preapproval';
const BANK = 'bank-bench';

const ns = `bench${randomBytes(3).toString('hex')}`;
const env = { ...process.env, ZY_NS: ns, LOG_LEVEL: 'warn' };
const cfg = loadConfig(BaseConfig, env);
const log = createLogger('bench-risk', 'warn');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One copy of the risk service in its own process; resolves once it says it is ready. */
function startCopy(name: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bff/risk/src/main.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('zy-ready: risk')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
  });
}

const children: ChildProcess[] = [];
const bus = await connectBus(cfg, 'bench-risk', log);
let ds: Awaited<ReturnType<typeof openDatabase>> | undefined;
try {
  console.log(`bench:risk  namespace ${ns}, ${cpus().length} cores, ${fmt(N)} customers`);
  children.push(await startCopy('risk-1')); // runs the migrations
  children.push(await startCopy('risk-2'));
  ds = await openDatabase({
    cfg,
    service: 'risk',
    entities: riskEntities,
    migrations: [],
    log,
    poolSize: 4,
  });
  // the statement timeout (5 s) is for requests, not for bulk generation
  await ds.query('SET SESSION max_statement_time = 0');

  let t = performance.now();
  await generateRisk(ds, {
    bankId: BANK,
    customers: N,
    seed: 1,
    asOf: new Date(Date.UTC(2026, 11, 1)),
    parents: [`/${BANK}/${BANK}-hq/`],
    branches: 200,
    managers: 600,
  });
  const genMs = performance.now() - t;
  console.log(`generated ${fmt(N)} customers in ${secs(genMs)}`);

  // the raw engine: the same flow over the same features, one process
  // the flows part's own compile: the version the batch runs, raw zen engine, no trace, nothing stored
  const flows = createFlows({ ds, log, features: noFeatures });
  const flow = await flows.port.compile(BANK, FLOW);
  // the feature factory's set-based computing, as the batch uses it (its time is not the engine's)
  const features = createFeatures({ ds, bus, log }).port;
  const inputs: Record<string, unknown>[] = [];
  for (let lo = 1; lo <= RAW_SAMPLE; lo += 50_000) {
    const m = await features.batch(
      BANK,
      { fromSeq: lo, toSeq: Math.min(RAW_SAMPLE, lo + 49_999) },
      flow.features,
      '2026-12-01',
    );
    for (const v of m.values()) inputs.push({ features: v });
  }
  let next = 0;
  let approvedRaw = 0;
  t = performance.now();
  await Promise.all(
    Array.from({ length: RAW_CONCURRENCY }, async () => {
      while (next < inputs.length) {
        const r = (await flow.evaluate(inputs[next++]!)) as { approved?: boolean };
        if (r.approved) approvedRaw++;
      }
    }),
  );
  const rawMs = performance.now() - t;
  const rawRate = inputs.length / (rawMs / 1000);
  flows.dispose();
  inputs.length = 0;
  console.log(
    `raw engine: ${fmt(RAW_SAMPLE)} evaluations in ${secs(rawMs)} (${fmt(rawRate)}/s, concurrency ${RAW_CONCURRENCY})`,
  );

  // the batch run through the API, two copies
  const analyst = principal({
    userId: 'u-bench',
    bankId: BANK,
    orgId: `${BANK}-hq`,
    orgPath: `/${BANK}/${BANK}-hq/`,
    permissions: [Permissions.batchRead, Permissions.batchCreate],
    dataScope: 'bank',
  });
  t = performance.now();
  const created = await apiRequest(bus, 'risk', 'POST', '/batch-runs', {
    caller: analyst,
    body: { flowName: FLOW, asOf: '2026-12-01' },
  });
  if (created.status !== 200) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const id = (created.body as BatchRun).id;
  let run = created.body as BatchRun;
  let lastPrint = 0;
  while (run.status !== 'done') {
    if (['failed', 'cancelled'].includes(run.status)) throw new Error(`the run ended ${run.status}`);
    await new Promise((r) => setTimeout(r, 500));
    run = (await apiRequest(bus, 'risk', 'GET', `/batch-runs/${id}`, { caller: analyst })).body as BatchRun;
    if (performance.now() - lastPrint > 10_000) {
      lastPrint = performance.now();
      const p = run.progress;
      console.log(
        `  ${secs(performance.now() - t)}: ${fmt(p.processed)} / ${fmt(p.total)}, ${fmt(p.ratePerSec)}/s, ~${p.etaSeconds ?? '?'} s left`,
      );
    }
  }
  const batchMs = performance.now() - t;
  const batchRate = N / (batchMs / 1000);
  const [check] = await ds.query(
    'SELECT COUNT(*) AS n, COUNT(DISTINCT customer_ref) AS d, SUM(approved) AS ok FROM batch_result WHERE run_id = ?',
    [id],
  );
  const workers: { worker: string; n: number }[] = await ds.query(
    'SELECT worker, COUNT(*) AS n FROM batch_chunk WHERE run_id = ? GROUP BY worker',
    [id],
  );
  const ok = Number(check.n) === N && Number(check.d) === N && run.processed === N;
  console.log('');
  console.log('| figure | raw engine (1 process) | batch run (2 copies) |');
  console.log('|---|---|---|');
  console.log(`| customers | ${fmt(RAW_SAMPLE)} | ${fmt(N)} |`);
  console.log(`| time | ${secs(rawMs)} | ${secs(batchMs)} (create to done) |`);
  console.log(`| throughput | ${fmt(rawRate)}/s | ${fmt(batchRate)}/s |`);
  console.log(`| ratio batch/raw | | ${(batchRate / rawRate).toFixed(2)}x (bar: 0.5x) |`);
  console.log(
    `| approved | ${((approvedRaw / RAW_SAMPLE) * 100).toFixed(1)}% | ${((run.approved / N) * 100).toFixed(1)}% |`,
  );
  console.log(
    `\nbatch: ${fmt(Number(check.n))} results, ${fmt(Number(check.d))} distinct, chunks by copy: ${workers.map((w) => w.n).join(' + ')}; ${ok ? 'every customer once' : 'COUNTS DO NOT ADD UP'}`,
  );
  console.log(`total ${secs(batchMs)} ${batchMs <= 180_000 ? '<=' : '>'} 3 min for ${fmt(N)}`);
  if (!ok) process.exitCode = 1;
} finally {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r)))),
  );
  await ds?.destroy();
  await bus.jsm.streams.delete(batchStreamName(ns)).catch(() => undefined);
  await dropNamespace(cfg, bus);
  await bus.nc.drain();
}
