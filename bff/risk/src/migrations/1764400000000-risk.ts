import type { MigrationInterface, QueryRunner } from 'typeorm';
import prescreenV1 from '../graphs/credit.prescreen.v1.json' with { type: 'json' };

/**
 * Decision graphs and runs, and the first pre-screen graph. The graph file is part of this
 * migration: never edit it; a changed rule set is a new file, a new version and a new migration.
 */
export class Risk1764400000000 implements MigrationInterface {
  name = 'Risk1764400000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE decision_graph (
      graph_key VARCHAR(100) NOT NULL,
      version INT NOT NULL,
      title VARCHAR(200) NOT NULL,
      content LONGTEXT NOT NULL,
      active TINYINT(1) NOT NULL DEFAULT 0,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (graph_key, version),
      KEY idx_graph_active (graph_key, active, version)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE decision_run (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      graph_key VARCHAR(100) NOT NULL,
      graph_version INT NOT NULL,
      subject_ref VARCHAR(128) NOT NULL,
      outcome VARCHAR(16) NOT NULL,
      input LONGTEXT NOT NULL,
      output LONGTEXT NOT NULL,
      reasons TEXT NOT NULL,
      trace LONGTEXT NOT NULL,
      requested_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      KEY idx_run_scope (bank_id, org_path, created_at),
      KEY idx_run_org (bank_id, org_id, created_at),
      KEY idx_run_owner (bank_id, owner_id, created_at),
      KEY idx_run_subject (bank_id, subject_ref, created_at),
      KEY idx_run_created (created_at)
    ) ENGINE=InnoDB`);
    await q.query(
      `INSERT INTO decision_graph (graph_key, version, title, content, active, created_at)
       VALUES (?, ?, ?, ?, 1, UTC_TIMESTAMP(3))`,
      ['credit.prescreen', 1, '个人贷款预审', JSON.stringify(prescreenV1)],
    );
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE decision_run');
    await q.query('DROP TABLE decision_graph');
  }
}
