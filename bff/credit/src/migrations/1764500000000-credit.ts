import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Credit1764500000000 implements MigrationInterface {
  name = 'Credit1764500000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE credit_application (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      customer_id CHAR(36) NOT NULL,
      customer_name VARCHAR(64) NOT NULL,
      product_code VARCHAR(32) NOT NULL,
      amount DECIMAL(16,2) NOT NULL,
      term_months INT NOT NULL,
      annual_income DECIMAL(16,2) NOT NULL,
      purpose VARCHAR(200) NOT NULL,
      status VARCHAR(32) NOT NULL,
      created_by VARCHAR(64) NOT NULL,
      created_by_name VARCHAR(64) NOT NULL,
      decision_id CHAR(36) NULL,
      prescreen_outcome VARCHAR(16) NULL,
      prescreen_reasons TEXT NOT NULL,
      decided_by VARCHAR(64) NULL,
      decided_by_name VARCHAR(64) NULL,
      decision_comment VARCHAR(500) NULL,
      version INT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      KEY idx_app_scope (bank_id, org_path, created_at),
      KEY idx_app_org (bank_id, org_id, created_at),
      KEY idx_app_owner (bank_id, owner_id, created_at),
      KEY idx_app_status (bank_id, status, created_at),
      KEY idx_app_customer (bank_id, customer_id)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE credit_application');
  }
}
