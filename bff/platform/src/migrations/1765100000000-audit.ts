import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: append-only, hash-chained. `audit_chain` holds the head (last seq and hash) in one
 * row; an append locks it (`FOR UPDATE`), so copies of the platform append one at a time and the
 * chain cannot fork. `owner_id` is the actor, so the kit's data-scope conditions apply as they are.
 */
export class Audit1765100000000 implements MigrationInterface {
  name = 'Audit1765100000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE audit_log (
      id CHAR(36) NOT NULL PRIMARY KEY,
      seq BIGINT NOT NULL,
      prev_hash CHAR(64) NOT NULL,
      hash CHAR(64) NOT NULL,
      at DATETIME(3) NOT NULL,
      owner_id VARCHAR(64) NULL,
      username VARCHAR(64) NULL,
      bank_id VARCHAR(64) NULL,
      org_id VARCHAR(64) NULL,
      org_path VARCHAR(255) NULL,
      action VARCHAR(100) NOT NULL,
      target VARCHAR(200) NULL,
      result VARCHAR(32) NOT NULL,
      status SMALLINT NOT NULL,
      request_id VARCHAR(64) NOT NULL,
      service VARCHAR(32) NOT NULL,
      input LONGTEXT NULL,
      before_state LONGTEXT NULL,
      after_state LONGTEXT NULL,
      UNIQUE KEY uq_audit_seq (seq),
      KEY idx_audit_bank (bank_id, seq),
      KEY idx_audit_owner (owner_id, seq),
      KEY idx_audit_action (action, seq),
      KEY idx_audit_at (at)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE audit_chain (
      id TINYINT NOT NULL PRIMARY KEY,
      seq BIGINT NOT NULL,
      hash CHAR(64) NOT NULL
    ) ENGINE=InnoDB`);
    await q.query(`INSERT INTO audit_chain (id, seq, hash) VALUES (1, 0, REPEAT('0', 64))`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE audit_chain');
    await q.query('DROP TABLE audit_log');
  }
}
