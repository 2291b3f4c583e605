import type { FeatureValue } from '@zhanye/contracts';
import { NotFoundError } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { BatchFeatures, SeqRange } from '../ports.ts';

/*
 * A stand-in for R3's set-based features (`BatchFeatures`) until the feature factory provides
 * them: the lead replaces it in app.ts and deletes this file. It is real SQL over an interim
 * `rm_customer` with the features as columns, not a mock: the batch part runs on it end to end.
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
export class InterimFeatures implements BatchFeatures {
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
