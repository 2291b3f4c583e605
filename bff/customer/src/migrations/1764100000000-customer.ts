import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Customer1764100000000 implements MigrationInterface {
  name = 'Customer1764100000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE customer (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      owner_name VARCHAR(64) NOT NULL,
      name VARCHAR(64) NOT NULL,
      id_number CHAR(18) NOT NULL,
      phone CHAR(11) NOT NULL,
      segment VARCHAR(16) NOT NULL,
      birth_date DATE NULL,
      gender CHAR(1) NULL,
      created_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_customer_bank_idno (bank_id, id_number),
      KEY idx_customer_scope (bank_id, org_path, created_at),
      KEY idx_customer_owner (bank_id, owner_id, created_at),
      KEY idx_customer_name (bank_id, name),
      KEY idx_customer_phone (bank_id, phone)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE timeline (
      id CHAR(36) NOT NULL PRIMARY KEY,
      customer_id CHAR(36) NOT NULL,
      bank_id VARCHAR(64) NOT NULL,
      kind VARCHAR(64) NOT NULL,
      title VARCHAR(200) NOT NULL,
      detail TEXT NOT NULL,
      source_event_id CHAR(36) NULL,
      occurred_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_timeline_event (source_event_id),
      KEY idx_timeline_customer (customer_id, occurred_at)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE timeline');
    await q.query('DROP TABLE customer');
  }
}
