import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bureau authorisations (征信授权), the reports kept and the query log. */
export class CreditBureau1766300000001 implements MigrationInterface {
  name = 'CreditBureau1766300000001';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE credit_bureau_authorization (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      customer_id CHAR(36) NOT NULL,
      customer_name VARCHAR(64) NOT NULL,
      purpose VARCHAR(32) NOT NULL,
      valid_from DATE NOT NULL,
      valid_to DATE NOT NULL,
      method VARCHAR(16) NOT NULL,
      attachment_id CHAR(36) NULL,
      status VARCHAR(16) NOT NULL,
      recorded_by_name VARCHAR(64) NOT NULL,
      recorded_at DATETIME(3) NOT NULL,
      revoked_by VARCHAR(64) NULL,
      revoked_by_name VARCHAR(64) NULL,
      revoked_at DATETIME(3) NULL,
      revoke_reason VARCHAR(200) NULL,
      version INT NOT NULL DEFAULT 1,
      KEY idx_bauth_customer (bank_id, customer_id, purpose, status, valid_to),
      KEY idx_bauth_scope (bank_id, org_path, recorded_at),
      KEY idx_bauth_org (bank_id, org_id, recorded_at),
      KEY idx_bauth_owner (bank_id, owner_id, recorded_at)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE credit_bureau_report (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      customer_id CHAR(36) NOT NULL,
      application_id CHAR(36) NULL,
      reference VARCHAR(64) NOT NULL,
      source VARCHAR(16) NOT NULL,
      score INT NOT NULL,
      loans INT NOT NULL,
      outstanding DECIMAL(18,2) NOT NULL,
      overdue_accounts INT NOT NULL,
      max_overdue_days INT NOT NULL,
      queries_last_6_months INT NOT NULL,
      blacklisted TINYINT(1) NOT NULL,
      summary VARCHAR(500) NOT NULL,
      raw LONGTEXT NOT NULL,
      queried_at DATETIME(3) NOT NULL,
      KEY idx_brep_customer (bank_id, customer_id, queried_at),
      KEY idx_brep_application (bank_id, application_id),
      KEY idx_brep_scope (bank_id, org_path)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE credit_bureau_query (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      customer_id CHAR(36) NOT NULL,
      authorization_id CHAR(36) NOT NULL,
      application_id CHAR(36) NULL,
      purpose VARCHAR(32) NOT NULL,
      reason VARCHAR(200) NOT NULL,
      queried_by VARCHAR(64) NOT NULL,
      queried_by_name VARCHAR(64) NOT NULL,
      queried_by_posts VARCHAR(255) NOT NULL,
      queried_by_org_id VARCHAR(64) NOT NULL,
      client_ip VARCHAR(64) NULL,
      report_id CHAR(36) NOT NULL,
      at DATETIME(3) NOT NULL,
      KEY idx_bq_customer (bank_id, customer_id, at),
      KEY idx_bq_scope (bank_id, org_path, at),
      KEY idx_bq_org (bank_id, org_id, at),
      KEY idx_bq_owner (bank_id, owner_id, at),
      KEY idx_bq_authorization (authorization_id)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE credit_bureau_query');
    await q.query('DROP TABLE credit_bureau_report');
    await q.query('DROP TABLE credit_bureau_authorization');
  }
}
