import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Warnings (风险预警): risk's relation read model (`rm_relation`, the parties' names and managers in
 * `rm_relation_party`), the bank's warning rules, the signals taken (one per source id) and the
 * warnings raised (one per signal and customer). Timestamps 1767000000000-1767099999999 are this part's.
 */
export class RiskWarnings1767000000000 implements MigrationInterface {
  name = 'RiskWarnings1767000000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE rm_relation (
      bank_id VARCHAR(64) NOT NULL,
      from_ref VARCHAR(128) NOT NULL,
      to_ref VARCHAR(128) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      weight DECIMAL(5,4) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (bank_id, from_ref, to_ref, kind),
      KEY idx_relation_to (bank_id, to_ref)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE rm_relation_party (
      bank_id VARCHAR(64) NOT NULL,
      customer_ref VARCHAR(128) NOT NULL,
      name VARCHAR(100) NOT NULL,
      manager_id VARCHAR(64) NOT NULL,
      manager_name VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (bank_id, customer_ref)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE warning_rule_set (
      bank_id VARCHAR(64) NOT NULL PRIMARY KEY,
      seeded_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE warning_rule (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      title VARCHAR(100) NOT NULL,
      threshold BIGINT NOT NULL,
      severity VARCHAR(8) NOT NULL,
      depth INT NOT NULL,
      floor_bp INT NOT NULL,
      weights TEXT NOT NULL,
      enabled TINYINT(1) NOT NULL,
      version INT NOT NULL DEFAULT 0,
      created_by VARCHAR(64) NOT NULL,
      updated_by VARCHAR(64) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      KEY idx_rule_bank (bank_id, kind)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE risk_signal (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      source_id VARCHAR(128) NOT NULL,
      customer_ref VARCHAR(128) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      severity VARCHAR(8) NOT NULL,
      facts TEXT NOT NULL,
      at DATETIME(3) NOT NULL,
      rule_id CHAR(36) NULL,
      created_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_signal_source (bank_id, source_id),
      KEY idx_signal_customer (bank_id, customer_ref, at)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE risk_warning (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      signal_id CHAR(36) NOT NULL,
      rule_id CHAR(36) NOT NULL,
      rule_title VARCHAR(100) NOT NULL,
      rule_depth INT NOT NULL,
      kind VARCHAR(16) NOT NULL,
      severity VARCHAR(8) NOT NULL,
      customer_ref VARCHAR(128) NOT NULL,
      customer_name VARCHAR(100) NOT NULL,
      hit_ref VARCHAR(128) NOT NULL,
      hit_name VARCHAR(100) NOT NULL,
      depth INT NOT NULL,
      score_bp INT NOT NULL,
      path TEXT NOT NULL,
      manager_name VARCHAR(64) NOT NULL,
      status VARCHAR(16) NOT NULL,
      version INT NOT NULL DEFAULT 0,
      note TEXT NULL,
      open_key CHAR(64) NULL,
      created_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_warning_signal_customer (signal_id, customer_ref),
      UNIQUE KEY uq_warning_open (bank_id, open_key),
      KEY idx_warning_scope (bank_id, org_path, created_at),
      KEY idx_warning_org (bank_id, org_id, created_at),
      KEY idx_warning_owner (bank_id, owner_id, created_at),
      KEY idx_warning_status (bank_id, status, created_at)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    for (const t of [
      'risk_warning',
      'risk_signal',
      'warning_rule',
      'warning_rule_set',
      'rm_relation_party',
      'rm_relation',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
