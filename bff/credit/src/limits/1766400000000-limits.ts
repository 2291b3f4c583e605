import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Limits (额度), their ledger and adjustments. The figures are DECIMAL(18,2) and the row keeps
 * granted = used + frozen + available, none negative (CHECK constraints back the conditional
 * updates that change them).
 */
export class Limits1766400000000 implements MigrationInterface {
  name = 'Limits1766400000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE credit_limit (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      org_name VARCHAR(64) NOT NULL DEFAULT '',
      owner_id VARCHAR(64) NOT NULL,
      owner_name VARCHAR(64) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      parent_id CHAR(36) NULL,
      group_id CHAR(36) NULL,
      comprehensive_group CHAR(36) NULL,
      customer_id CHAR(36) NOT NULL,
      customer_name VARCHAR(64) NOT NULL,
      product_code VARCHAR(32) NULL,
      product_name VARCHAR(64) NULL,
      granted DECIMAL(18,2) NOT NULL,
      used DECIMAL(18,2) NOT NULL DEFAULT 0,
      frozen DECIMAL(18,2) NOT NULL DEFAULT 0,
      available DECIMAL(18,2) NOT NULL,
      status VARCHAR(16) NOT NULL,
      valid_from DATE NOT NULL,
      valid_to DATE NOT NULL,
      application_id CHAR(36) NULL,
      renewals INT NOT NULL DEFAULT 0,
      renewal_declined DATE NULL,
      version INT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      CONSTRAINT chk_limit_figures CHECK (used >= 0 AND frozen >= 0 AND available >= 0 AND granted = used + frozen + available),
      UNIQUE KEY uq_limit_application (application_id),
      UNIQUE KEY uq_limit_group (bank_id, comprehensive_group),
      KEY idx_limit_scope (bank_id, org_path, created_at),
      KEY idx_limit_org (bank_id, org_id, created_at),
      KEY idx_limit_owner (bank_id, owner_id, created_at),
      KEY idx_limit_customer (bank_id, customer_id),
      KEY idx_limit_parent (parent_id),
      KEY idx_limit_expiry (status, valid_to)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE limit_entry (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      limit_id CHAR(36) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      amount DECIMAL(18,2) NOT NULL,
      op_key VARCHAR(128) NULL,
      ref VARCHAR(64) NULL,
      reason VARCHAR(200) NULL,
      by_id VARCHAR(64) NOT NULL,
      by_name VARCHAR(64) NOT NULL,
      at DATETIME(3) NOT NULL,
      granted_after DECIMAL(18,2) NOT NULL,
      used_after DECIMAL(18,2) NOT NULL,
      frozen_after DECIMAL(18,2) NOT NULL,
      available_after DECIMAL(18,2) NOT NULL,
      seq BIGINT NOT NULL AUTO_INCREMENT,
      UNIQUE KEY uq_entry_seq (seq),
      UNIQUE KEY uq_entry_key (bank_id, kind, op_key),
      KEY idx_entry_limit (limit_id, seq)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE limit_adjustment (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      limit_id CHAR(36) NOT NULL,
      customer_name VARCHAR(64) NOT NULL,
      from_amount DECIMAL(18,2) NOT NULL,
      to_amount DECIMAL(18,2) NOT NULL,
      reason VARCHAR(200) NOT NULL,
      status VARCHAR(16) NOT NULL,
      requested_by VARCHAR(64) NOT NULL,
      requested_by_name VARCHAR(64) NOT NULL,
      requested_at DATETIME(3) NOT NULL,
      decided_by VARCHAR(64) NULL,
      decided_by_name VARCHAR(64) NULL,
      decided_at DATETIME(3) NULL,
      comment VARCHAR(200) NULL,
      KEY idx_adj_scope (bank_id, org_path, status, requested_at),
      KEY idx_adj_status (bank_id, status, requested_at),
      KEY idx_adj_limit (limit_id)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE limit_adjustment');
    await q.query('DROP TABLE limit_entry');
    await q.query('DROP TABLE credit_limit');
  }
}
