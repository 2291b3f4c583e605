import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The real LPR fixings of the PBoC (1-year and over-5-year), union-wide (`bank_id` ''). */
const fixings: [string, string, string][] = [
  ['2023-08-21', '3.4500', '4.2000'],
  ['2024-02-20', '3.4500', '3.9500'],
  ['2024-07-22', '3.3500', '3.8500'],
  ['2024-10-21', '3.1000', '3.6000'],
  ['2025-05-20', '3.0000', '3.5000'],
];

/**
 * Products (one row per product, one per version of its terms), the LPR table, the process-mode
 * and authority tables (versions, one active per bank), and which banks got the standard catalogue.
 */
export class Catalogue1766200000000 implements MigrationInterface {
  name = 'Catalogue1766200000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE credit_product (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      code VARCHAR(32) NOT NULL,
      current_version INT NOT NULL,
      status VARCHAR(16) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_product_code (bank_id, code),
      KEY idx_product_status (bank_id, status, code)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE credit_product_version (
      product_id CHAR(36) NOT NULL,
      version INT NOT NULL,
      bank_id VARCHAR(64) NOT NULL,
      name VARCHAR(64) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      guarantee_types VARCHAR(200) NOT NULL,
      min_amount DECIMAL(18,2) NOT NULL,
      max_amount DECIMAL(18,2) NOT NULL,
      min_term_months INT NOT NULL,
      max_term_months INT NOT NULL,
      repayment_methods VARCHAR(200) NOT NULL,
      lpr_tenor VARCHAR(4) NOT NULL,
      floor_bps INT NOT NULL,
      ceiling_bps INT NOT NULL,
      investigation_form MEDIUMTEXT NOT NULL,
      description VARCHAR(500) NOT NULL,
      created_by VARCHAR(64) NOT NULL,
      created_by_name VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (product_id, version),
      KEY idx_product_version_bank (bank_id, product_id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE credit_lpr (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      tenor VARCHAR(4) NOT NULL,
      effective_date DATE NOT NULL,
      rate_pct DECIMAL(6,4) NOT NULL,
      created_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_lpr (bank_id, tenor, effective_date)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE credit_rule_table (
      bank_id VARCHAR(64) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      version INT NOT NULL,
      active TINYINT(1) NOT NULL DEFAULT 0,
      rows_json MEDIUMTEXT NOT NULL,
      note VARCHAR(200) NOT NULL,
      created_by VARCHAR(64) NOT NULL,
      created_by_name VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (bank_id, kind, version),
      KEY idx_rule_active (bank_id, kind, active)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE credit_catalogue_seed (
      bank_id VARCHAR(64) NOT NULL PRIMARY KEY,
      seeded_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB`);
    for (const [date, y1, y5] of fixings) {
      for (const [tenor, rate] of [
        ['1Y', y1],
        ['5Y', y5],
      ] as const) {
        await q.query(
          `INSERT INTO credit_lpr (id, bank_id, tenor, effective_date, rate_pct, created_by, created_at)
           VALUES (UUID(), '', ?, ?, ?, 'system', UTC_TIMESTAMP(3))`,
          [tenor, date, rate],
        );
      }
    }
  }
  async down(q: QueryRunner) {
    for (const t of [
      'credit_catalogue_seed',
      'credit_rule_table',
      'credit_lpr',
      'credit_product_version',
      'credit_product',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
