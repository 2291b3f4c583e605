import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `lead` is a reserved word in MariaDB/MySQL 8 (the LEAD() window function): quote it in raw SQL. */
export class Lead1764100000000 implements MigrationInterface {
  name = 'Lead1764100000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE \`lead\` (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      customer_id CHAR(36) NOT NULL,
      customer_name VARCHAR(64) NOT NULL,
      product VARCHAR(64) NOT NULL,
      expected_amount DECIMAL(16,2) NOT NULL,
      source VARCHAR(16) NOT NULL,
      status VARCHAR(16) NOT NULL,
      note VARCHAR(500) NOT NULL DEFAULT '',
      created_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      KEY idx_lead_bank_org_path (bank_id, org_path),
      KEY idx_lead_bank_owner (bank_id, owner_id),
      KEY idx_lead_customer (customer_id)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE `lead`');
  }
}
