import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { ZenEngine } from '@gorules/zen-engine';
import { NotFoundError } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { CompiledFlow, Features, FeatureValue, Flows, SeqRange } from '../ports.ts';

/*
 * Stand-ins for the ports of R3 (feature factory) and R1 (decision flows) until their branches
 * are merged: the lead replaces them with `createFeatures(...)` / `createFlows(...)` in app.ts and
 * deletes this file. They are real (SQL over `rm_customer`, the zen engine over the graph files),
 * not mocks: the batch part runs on them end to end.
 */

/** The read model's customers as the batch part expects them (R3 owns the real table). */
export const INTERIM_RM_CUSTOMER_DDL = `CREATE TABLE IF NOT EXISTS rm_customer (
  bank_id VARCHAR(64) NOT NULL,
  seq BIGINT NOT NULL,
  customer_ref VARCHAR(64) NOT NULL,
  org_path VARCHAR(255) NOT NULL,
  manager_id VARCHAR(64) NULL,
  segment VARCHAR(32) NOT NULL,
  tags VARCHAR(255) NOT NULL DEFAULT '',
  annual_income_fen BIGINT NOT NULL,
  deposit_avg_fen BIGINT NOT NULL,
  overdue_days_max INT NOT NULL,
  years_with_bank INT NOT NULL,
  PRIMARY KEY (bank_id, seq),
  UNIQUE KEY uq_rm_customer_ref (bank_id, customer_ref)
) ENGINE=InnoDB`;

const COLUMNS: Record<string, string> = {
  segment: 'segment',
  annualIncomeFen: 'annual_income_fen',
  depositAvgFen: 'deposit_avg_fen',
  overdueDaysMax: 'overdue_days_max',
  yearsWithBank: 'years_with_bank',
};

/** Features read straight from the interim `rm_customer` columns (as-of is ignored here). */
export class InterimFeatures implements Features {
  constructor(private readonly ds: DataSource) {}

  async batch(bankId: string, range: SeqRange, names: readonly string[], _asOf: string) {
    const cols = names.map((n) => {
      const c = COLUMNS[n];
      if (!c) throw new NotFoundError(`no feature named ${n}`);
      return `${c} AS \`${n}\``;
    });
    const rows: Record<string, FeatureValue>[] = await this.ds.query(
      `SELECT customer_ref AS __ref, ${cols.join(', ')} FROM rm_customer WHERE bank_id = ? AND seq BETWEEN ? AND ?`,
      [bankId, range.fromSeq, range.toSeq],
    );
    const out = new Map<string, Record<string, FeatureValue>>();
    for (const row of rows) {
      const ref = String(row.__ref);
      delete row.__ref;
      for (const k of Object.keys(row))
        if (typeof row[k] === 'string' && COLUMNS[k] !== 'segment') row[k] = Number(row[k]);
      out.set(ref, row);
    }
    return out;
  }
}

const GRAPHS = new URL('../graphs/', import.meta.url);

/** Flows compiled from the graph files (`<name>.v<version>.json`); the newest when no version is given. */
export class InterimFlows implements Flows {
  private readonly engine = new ZenEngine();
  private readonly cache = new Map<string, Promise<CompiledFlow>>();

  compile(_bankId: string, name: string, version?: number): Promise<CompiledFlow> {
    const key = `${name}@${version ?? 'latest'}`;
    let c = this.cache.get(key);
    if (!c) {
      c = this.load(name, version);
      c.catch(() => this.cache.delete(key));
      this.cache.set(key, c);
    }
    return c;
  }

  private async load(name: string, version?: number): Promise<CompiledFlow> {
    if (!/^[\w.-]+$/.test(name)) throw new NotFoundError(`no decision flow named ${name}`);
    const files = (await readdir(GRAPHS)).filter((f) => f.startsWith(`${name}.v`) && f.endsWith('.json'));
    const versions = files.map((f) => Number(f.slice(name.length + 2, -5))).filter(Number.isInteger);
    const v = version ?? Math.max(0, ...versions);
    if (!versions.includes(v)) throw new NotFoundError(`no decision flow ${name} v${version ?? ''}`.trim());
    const content = await readFile(new URL(`${name}.v${v}.json`, GRAPHS), 'utf8');
    const decision = this.engine.createDecision(JSON.parse(content) as object);
    return {
      name,
      version: v,
      hash: createHash('sha256').update(content).digest('hex'),
      evaluate: async (input) => (await decision.evaluate(input as object)).result,
    };
  }

  dispose() {
    this.cache.clear();
    this.engine.dispose();
  }
}

/**
 * Fills the interim `rm_customer` with `n` customers of a bank, deterministic per sequence number
 * (MariaDB's SEQUENCE engine, one INSERT ... SELECT per million: seconds, not minutes). R3's
 * `pnpm gen --customers N` replaces this. Branches: `branches` under `/<bank>/<bank>-hq/`.
 */
export async function seedInterimCustomers(
  ds: DataSource,
  bankId: string,
  n: number,
  opts: { branches?: number; fromSeq?: number } = {},
) {
  await ds.query(INTERIM_RM_CUSTOMER_DDL);
  const branches = opts.branches ?? 2;
  const from = opts.fromSeq ?? 1;
  const hq = `${bankId}-hq`;
  const step = 200_000;
  for (let lo = from; lo < from + n; lo += step) {
    const hi = Math.min(from + n - 1, lo + step - 1);
    await ds.query(
      `INSERT INTO rm_customer (bank_id, seq, customer_ref, org_path, manager_id, segment, tags, annual_income_fen,
         deposit_avg_fen, overdue_days_max, years_with_bank)
       SELECT ?, s.seq, CONCAT('c-', ?, '-', s.seq),
              CONCAT('/', ?, '/', ?, '/', ?, '-br', (s.seq % ?) + 1, '/'),
              CONCAT('u-', ?, '-m', (s.seq % 60) + 1),
              IF(s.seq % 3 = 0, 'farmer', 'salaried'),
              IF(s.seq % 5 = 0, 'young', ''),
              1000000 + ((s.seq * 7919) % 200) * 100000,
              ((s.seq * 104729) % 100) * 100000,
              IF(s.seq % 17 = 0, 45, IF(s.seq % 11 = 0, 5, 0)),
              s.seq % 9
         FROM seq_${lo}_to_${hi} s`,
      [bankId, bankId, bankId, hq, bankId, branches, bankId],
    );
  }
}
