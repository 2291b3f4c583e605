/**
 * `pnpm bench:credit`: the credit desk's figures, side by side in one run (read the ratios; the
 * machine is shared and noisy). Everything runs in this process: the gateway and the services of
 * the credit process (platform, customer, risk, marketing, the bureau simulator, credit) on the
 * machine's MariaDB and NATS, in a fresh namespace, driven through the gateway's HTTP API as the
 * demo bank's staff.
 *
 * - Throughput of whole applications: 包办制 (create, submit: bureau, pre-screen, admission,
 *   process table, pricing; the investigation; completion with the limit) and 三台六岗 (the same
 *   plus two investigators, review and approval: 8 people's steps), `BENCH_APPS` each at
 *   `BENCH_CONCURRENCY`, beside a single authenticated read of one application as the unit.
 * - 50 concurrent reserves against one limit over NATS (the drawdowns' internal call): none
 *   oversold (exactly the amount that fits is used), and their latency (p50, p99).
 */
import { Permissions, reserveLimitCall } from '@zhanye/contracts';
import { callService } from '@zhanye/kit';
import { principal } from '@zhanye/kit/testing';
import { CreditDesk } from '../bff/credit/test/desk.ts';

const APPS = Number(process.env.BENCH_APPS ?? 24);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const RESERVES = 50;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};
async function pool<T>(n: number, width: number, work: (i: number) => Promise<T>) {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

const desk = await CreditDesk.start();
try {
  await desk.signIn('am1', 'inv1', 'inv2', 'reviewer1', 'brapprover1');
  const customers = await pool(APPS * 2 + 1, CONCURRENCY, () => desk.customer());

  // the unit: one authenticated read of an application through the gateway
  const probe = await desk.create('am1', customers[0]!.id, 'FARMER_CREDIT', '20000');
  const reads = 200;
  let t = performance.now();
  await pool(reads, CONCURRENCY, () => desk.as('am1').get(`/api/credit/applications/${probe.id}`));
  const readMs = (performance.now() - t) / reads;

  const oneStop = async (i: number) => {
    const app = await desk.ok(
      'am1',
      await desk.create('am1', customers[1 + i]!.id, 'FARMER_CREDIT', '50000'),
      'submit',
    );
    await desk.saveInvestigation('am1', app, null);
    const done = await desk.ok('am1', app, 'complete');
    if (done.status !== 'approved') throw new Error(`包办制 ended ${done.status}`);
  };
  const staffed = async (i: number) => {
    const app = await desk.ok(
      'am1',
      await desk.create('am1', customers[1 + APPS + i]!.id, 'BUSINESS', '200000'),
      'submit',
    );
    await desk.investigate(app);
    await desk.ok('reviewer1', app, 'pass');
    const done = await desk.ok('brapprover1', app, 'approve');
    if (done.status !== 'approved') throw new Error(`三台六岗 ended ${done.status}`);
  };
  t = performance.now();
  await pool(APPS, CONCURRENCY, oneStop);
  const oneStopMs = performance.now() - t;
  t = performance.now();
  await pool(APPS, CONCURRENCY, staffed);
  const staffedMs = performance.now() - t;

  // 50 reserves at once against one limit of 50,000: 16 x 3,000 fit, 2,000 is left
  const granted = await desk.ok(
    'am1',
    await desk.create('am1', customers[0]!.id, 'FARMER_CREDIT', '50000'),
    'submit',
  );
  await desk.saveInvestigation('am1', granted, null);
  const limitId = (await desk.ok('am1', granted, 'complete')).limitId!;
  const drawer = principal({
    userId: 'u-am1',
    permissions: [Permissions.limitManage, Permissions.limitRead],
    dataScope: 'bank',
  });
  const latencies: number[] = [];
  const refusals = new Set<string>();
  const results = await Promise.all(
    Array.from({ length: RESERVES }, async (_, i) => {
      const t0 = performance.now();
      const ok = await callService(
        desk.gw.bus,
        reserveLimitCall,
        { limitId, amount: '3000.00', key: `bench-reserve-${limitId}-${i}`, ref: `draw-${i}` },
        drawer,
        // (signed as the gateway: the drawdowns' own caller arrives with credit part 2)
        'gateway',
      ).then(
        () => true,
        (e: unknown) => {
          refusals.add((e as { reason?: string; code?: string }).reason ?? String(e));
          return false;
        },
      );
      latencies.push(performance.now() - t0);
      return ok;
    }),
  );
  const won = results.filter(Boolean).length;
  const [limit] = await desk.credit.ds.query('SELECT used, available FROM credit_limit WHERE id = ?', [
    limitId,
  ]);

  const perMin = (ms: number) => ((APPS / ms) * 60_000).toFixed(0);
  console.log(
    `\ncredit desk, ${APPS} applications per process, ${CONCURRENCY} at a time (one process, in-process services)`,
  );
  console.log(`  unit: one authenticated read of an application: ${readMs.toFixed(1)} ms`);
  console.log(
    `  包办制 (create, submit, investigate, complete):   ${perMin(oneStopMs)} applications/min, ` +
      `${(oneStopMs / APPS).toFixed(0)} ms each = ${(oneStopMs / APPS / readMs).toFixed(1)} reads`,
  );
  console.log(
    `  三台六岗 (+ assistant, review, approval):         ${perMin(staffedMs)} applications/min, ` +
      `${(staffedMs / APPS).toFixed(0)} ms each = ${(staffedMs / APPS / readMs).toFixed(1)} reads`,
  );
  console.log(`  三台六岗 / 包办制: ${(staffedMs / oneStopMs).toFixed(2)}x`);
  console.log(
    `  ${RESERVES} concurrent reserves of 3,000 on a 50,000 limit: ${won} succeeded, used ${limit.used}, ` +
      `available ${limit.available} (${won * 3000 === Number(limit.used) && won === 16 ? 'no oversell' : 'OVERSOLD OR SHORT'}); ` +
      `latency p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`,
  );
  console.log(`  refusals: ${[...refusals].join(', ')}`);
  if (won !== 16 || Number(limit.used) !== 48000) process.exitCode = 1;
} finally {
  await desk.close();
}
