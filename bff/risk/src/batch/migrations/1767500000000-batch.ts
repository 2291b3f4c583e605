import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Batch credit: runs, their committed chunks (the once-only gate) and the decided customers. */
export class RiskBatch1767500000000 implements MigrationInterface {
  name = 'RiskBatch1767500000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE batch_run (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      status VARCHAR(16) NOT NULL,
      version INT NOT NULL DEFAULT 1,
      flow_name VARCHAR(64) NOT NULL,
      flow_version INT NOT NULL,
      flow_hash VARCHAR(128) NOT NULL,
      as_of DATE NOT NULL,
      pop_org_path VARCHAR(255) NULL,
      pop_segment VARCHAR(32) NULL,
      pop_tag VARCHAR(64) NULL,
      min_seq BIGINT NOT NULL DEFAULT 0,
      max_seq BIGINT NOT NULL DEFAULT -1,
      chunk_size INT NOT NULL,
      chunks_total INT NOT NULL DEFAULT 0,
      chunks_done INT NOT NULL DEFAULT 0,
      generation INT NOT NULL DEFAULT 0,
      total INT NOT NULL DEFAULT 0,
      processed INT NOT NULL DEFAULT 0,
      approved INT NOT NULL DEFAULT 0,
      refused INT NOT NULL DEFAULT 0,
      created_by_name VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      started_at DATETIME(3) NULL,
      finished_at DATETIME(3) NULL,
      updated_at DATETIME(3) NOT NULL,
      KEY idx_batch_run_bank (bank_id, created_at),
      KEY idx_batch_run_status (status, updated_at)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE batch_chunk (
      run_id CHAR(36) NOT NULL,
      chunk_no INT NOT NULL,
      customers INT NOT NULL,
      approved INT NOT NULL,
      worker VARCHAR(64) NOT NULL,
      done_at DATETIME(3) NOT NULL,
      PRIMARY KEY (run_id, chunk_no)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE batch_result (
      run_id CHAR(36) NOT NULL,
      customer_ref VARCHAR(64) NOT NULL,
      bank_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      manager_id VARCHAR(64) NULL,
      chunk_no INT NOT NULL,
      approved TINYINT(1) NOT NULL,
      limit_fen BIGINT NOT NULL,
      spread_bps INT NULL,
      grade VARCHAR(16) NULL,
      reason VARCHAR(255) NULL,
      PRIMARY KEY (run_id, customer_ref)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE batch_result');
    await q.query('DROP TABLE batch_chunk');
    await q.query('DROP TABLE batch_run');
  }
}
