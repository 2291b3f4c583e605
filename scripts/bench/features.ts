/**
 * The feature factory's set-based computing on a generated bank (`pnpm gen` first, same `ZY_NS`):
 * every standard feature for `BENCH_CUSTOMERS` customers (default 10,000) in chunks of
 * `BENCH_CHUNK`, as of `BENCH_AS_OF`, and one customer at a time for a sample, side by side.
 *
 *   ZY_NS=big pnpm gen --customers 1000000 && ZY_NS=big tsx scripts/bench/features.ts
 */
import { BaseConfig, createLogger, loadConfig, openDatabase } from '@zhanye/kit';
import { principal } from '@zhanye/kit/testing';
import { riskEntities, riskMigrations } from '../../bff/risk/src/app.ts';
import { FeatureService } from '../../bff/risk/src/features/feature.service.ts';

const N = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 2_000);
const AS_OF = process.env.BENCH_AS_OF ?? '2026-11-30';
const BANK = process.env.BENCH_BANK ?? 'bank-a';
const cfg = loadConfig(BaseConfig, { ...process.env, DB_STATEMENT_TIMEOUT_MS: '0' });
const ds = await openDatabase({
  cfg,
  service: 'risk',
  entities: riskEntities,
  migrations: riskMigrations,
  log: createLogger('bench', 'warn'),
});
try {
  const features = new FeatureService(ds);
  const names = [...(await features.active(BANK)).keys()];
  // warm up the catalogue and the buffer pool's first pages
  await features.batch(BANK, { fromSeq: 1, toSeq: 100 }, names, AS_OF);
  const start = 1 + Math.floor(Math.random() * 1000) * 0;
  let t = performance.now();
  let rows = 0;
  for (let from = start; from < start + N; from += CHUNK) {
    rows += (
      await features.batch(
        BANK,
        { fromSeq: from, toSeq: Math.min(start + N - 1, from + CHUNK - 1) },
        names,
        AS_OF,
      )
    ).size;
  }
  const batchS = (performance.now() - t) / 1000;
  const sample = 200;
  const caller = principal({ bankId: BANK });
  const refs = [
    ...(
      await features.batch(BANK, { fromSeq: start + N, toSeq: start + N + sample - 1 }, names, AS_OF)
    ).keys(),
  ];
  t = performance.now();
  const lat: number[] = [];
  for (const ref of refs) {
    const t0 = performance.now();
    await features.snapshot(caller, { subjectRef: ref, names, asOf: AS_OF });
    lat.push(performance.now() - t0);
  }
  const oneS = (performance.now() - t) / 1000;
  lat.sort((a, b) => a - b);
  console.log(
    `features (${names.length} each, as of ${AS_OF}) in zy_${cfg.ZY_NS}_risk:\n` +
      `  set-based: ${rows} customers in ${batchS.toFixed(2)} s = ${Math.round(rows / batchS)} customers/s (chunks of ${CHUNK})\n` +
      `  one at a time: ${refs.length} customers in ${oneS.toFixed(2)} s = ${Math.round(refs.length / oneS)} customers/s ` +
      `(p50 ${lat[Math.floor(lat.length / 2)]?.toFixed(1)} ms, p99 ${lat[Math.floor(lat.length * 0.99)]?.toFixed(1)} ms)`,
  );
} finally {
  await ds.destroy();
}
