import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk's read model (特征工厂's facts): one row per customer and append-only fact tables fed by
 * other domains' events and the simulated external feeds. Every fact has an event time `at`, so a
 * feature computed "as of" a date reads only `at <= asOf` (a replayed decision sees the facts as
 * they were). Facts name their customer by its `seq` (rm_customer maps credit's customer id to it)
 * and are keyed by (bank, seq, at, fact id): clustered by customer and time, so an as-of read is a
 * range of the primary key, a batch over a seq range reads a contiguous range of each table and a
 * bulk load appends (no secondary index to maintain); a fact delivered twice (same id, same event
 * time: facts are immutable) is kept once (`INSERT IGNORE`). Amounts are integer fen.
 */
export class RiskReadModel1767300000000 implements MigrationInterface {
  name = 'RiskReadModel1767300000000';
  async up(q: QueryRunner) {
    // `seq`: dense per bank (1..n) so a batch splits the population into ranges;
    // `owner_id`: the customer's manager (the scope columns every domain row carries)
    await q.query(`CREATE TABLE rm_customer (
      bank_id VARCHAR(64) NOT NULL,
      seq INT UNSIGNED NOT NULL,
      customer_ref VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      region_code VARCHAR(12) NOT NULL,
      birth_year SMALLINT NULL,
      segment VARCHAR(24) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (bank_id, seq),
      UNIQUE KEY uq_rm_customer_ref (bank_id, customer_ref),
      KEY idx_rm_customer_scope (bank_id, org_path),
      KEY idx_rm_customer_owner (bank_id, owner_id),
      KEY idx_rm_customer_segment (bank_id, segment, seq)
    ) ENGINE=InnoDB`);
    // the last seq given per bank (a customer first seen in an event takes the next one)
    await q.query(`CREATE TABLE rm_bank_seq (
      bank_id VARCHAR(64) NOT NULL PRIMARY KEY,
      last_seq INT UNSIGNED NOT NULL
    ) ENGINE=InnoDB`);
    const fact = (name: string, columns: string) =>
      q.query(`CREATE TABLE ${name} (
      bank_id VARCHAR(64) NOT NULL,
      seq INT UNSIGNED NOT NULL,
      fact_id VARCHAR(64) NOT NULL,
      at DATETIME(3) NOT NULL,
      ${columns},
      PRIMARY KEY (bank_id, seq, at, fact_id)
    ) ENGINE=InnoDB`);
    // core banking transactions: direction in/out, channel salary/transfer/cash/loan/...
    await fact(
      'rm_fact_txn',
      `amount_fen BIGINT NOT NULL,
      direction VARCHAR(3) NOT NULL,
      channel VARCHAR(16) NOT NULL`,
    );
    // credit bureau summaries (征信): queries in the last months, overdue count, total debt
    await fact(
      'rm_fact_bureau',
      `query_count INT NOT NULL,
      overdue_count INT NOT NULL,
      max_overdue_months INT NOT NULL,
      debt_fen BIGINT NOT NULL`,
    );
    // tax records: declared income and tax paid for a period
    await fact(
      'rm_fact_tax',
      `period VARCHAR(7) NOT NULL,
      income_fen BIGINT NOT NULL,
      tax_paid_fen BIGINT NOT NULL`,
    );
    // utility bills: kind electricity/water/gas, billed, paid, arrears after the bill
    await fact(
      'rm_fact_utility',
      `kind VARCHAR(16) NOT NULL,
      billed_fen BIGINT NOT NULL,
      paid_fen BIGINT NOT NULL,
      arrears_fen BIGINT NOT NULL`,
    );
    // court and enforcement records: kind lawsuit/enforcement/dishonest, role, amount, open/closed
    await fact(
      'rm_fact_court',
      `kind VARCHAR(16) NOT NULL,
      role VARCHAR(16) NOT NULL,
      amount_fen BIGINT NOT NULL,
      status VARCHAR(8) NOT NULL`,
    );
    // credit's events: application approved/rejected, limit changed (amount = the new limit)
    await fact(
      'rm_fact_credit',
      `kind VARCHAR(16) NOT NULL,
      application_id VARCHAR(64) NULL,
      amount_fen BIGINT NOT NULL`,
    );
  }
  async down(q: QueryRunner) {
    for (const t of [
      'rm_fact_credit',
      'rm_fact_court',
      'rm_fact_utility',
      'rm_fact_tax',
      'rm_fact_bureau',
      'rm_fact_txn',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query('DROP TABLE rm_bank_seq');
    await q.query('DROP TABLE rm_customer');
  }
}
