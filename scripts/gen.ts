/**
 * `pnpm gen`: fills a namespace (`ZY_NS`) with a bank at scale, one module per domain, straight
 * into each service's schema with bulk INSERTs (the services' migrations are run first), and
 * deterministic per `--seed`. The data is SIMULATED.
 *
 *   pnpm gen [--customers 10000] [--seed 1] [--bank bank-a] [--as-of 2026-12-01] [--only risk]
 *
 * Domains so far: risk (the read model of the feature factory: customers and their facts).
 */
import { parseArgs } from 'node:util';
import { BaseConfig, createLogger, loadConfig, openDatabase } from '@zhanye/kit';
import { riskEntities, riskMigrations } from '../bff/risk/src/app.ts';
import { generateRisk } from '../bff/risk/src/features/gen.ts';

const { values: a } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    bank: { type: 'string', default: 'bank-a' },
    'as-of': { type: 'string' },
    parents: { type: 'string' },
    branches: { type: 'string', default: '200' },
    managers: { type: 'string', default: '600' },
    only: { type: 'string' },
  },
});
const cfg = loadConfig(BaseConfig, { ...process.env, DB_STATEMENT_TIMEOUT_MS: '0' });
const log = createLogger('gen', 'warn');
const bank = a.bank as string;
const defaultParents: Record<string, string[]> = {
  'bank-a': ['/bank-a/a-hq/a-br1/', '/bank-a/a-hq/a-br2/'],
  'bank-b': ['/bank-b/b-hq/b-br1/'],
};
const asOf = a['as-of'] ? new Date(`${a['as-of']}T00:00:00Z`) : new Date(Date.UTC(2026, 11, 1));
const modules: Record<string, () => Promise<void>> = {
  async risk() {
    const ds = await openDatabase({
      cfg,
      service: 'risk',
      entities: riskEntities,
      migrations: riskMigrations,
      log,
    });
    try {
      const r = await generateRisk(ds, {
        bankId: bank,
        customers: Number(a.customers),
        seed: Number(a.seed),
        asOf,
        parents: a.parents ? a.parents.split(',') : (defaultParents[bank] ?? [`/${bank}/`]),
        branches: Number(a.branches),
        managers: Number(a.managers),
      });
      const facts = Object.values(r.facts).reduce((x, y) => x + y, 0);
      console.log(
        `risk (SIMULATED data) in zy_${cfg.ZY_NS}_risk: ${r.customers} customers of ${bank} and ${facts} facts ` +
          `(${Object.entries(r.facts)
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')}) in ${(r.ms / 1000).toFixed(1)} s, ` +
          `${Math.round(((r.customers + facts) / r.ms) * 1000)} rows/s; seed ${a.seed}, facts up to ${asOf.toISOString().slice(0, 10)}`,
      );
    } finally {
      await ds.destroy();
    }
  },
};
for (const [name, run] of Object.entries(modules)) {
  if (a.only && a.only !== name) continue;
  await run();
}
