import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables every service has: the transactional outbox and the processed-event ledger. */
export class KitOutbox1764000000000 implements MigrationInterface {
  name = 'KitOutbox1764000000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE outbox (
      id CHAR(36) NOT NULL PRIMARY KEY,
      subject VARCHAR(200) NOT NULL,
      bank_id VARCHAR(64) NOT NULL,
      payload LONGTEXT NOT NULL,
      occurred_at DATETIME(3) NOT NULL,
      published_at DATETIME(3) NULL,
      KEY idx_outbox_pending (published_at, occurred_at)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE processed_event (
      consumer VARCHAR(100) NOT NULL,
      event_id CHAR(36) NOT NULL,
      processed_at DATETIME(3) NOT NULL,
      PRIMARY KEY (consumer, event_id)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE processed_event');
    await q.query('DROP TABLE outbox');
  }
}

/** Idempotency keys of mutations (kit `IdempotencyKeys`): per user, with the first answer. */
export class KitIdempotency1765600000000 implements MigrationInterface {
  name = 'KitIdempotency1765600000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE idempotency_key (
      user_id VARCHAR(64) NOT NULL,
      idem_key VARCHAR(128) NOT NULL,
      endpoint VARCHAR(100) NOT NULL,
      request_hash CHAR(64) NOT NULL,
      status SMALLINT NULL,
      body LONGTEXT NULL,
      created_at DATETIME(3) NOT NULL,
      completed_at DATETIME(3) NULL,
      PRIMARY KEY (user_id, idem_key),
      KEY idx_idempotency_created (created_at)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE idempotency_key');
  }
}

/**
 * Workflows (kit `Workflow`): each service's evidence of the steps people took (`workflow_step`),
 * the to-dos its waiting steps opened (`workflow_todo`), and its scheduled jobs' runs (`job_run`,
 * one row per job and period: however many copies run, one runs it).
 */
export class KitWorkflow1766100000000 implements MigrationInterface {
  name = 'KitWorkflow1766100000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE workflow_step (
      id CHAR(36) NOT NULL PRIMARY KEY,
      aggregate VARCHAR(64) NOT NULL,
      aggregate_id VARCHAR(64) NOT NULL,
      bank_id VARCHAR(64) NOT NULL,
      command VARCHAR(64) NOT NULL,
      from_state VARCHAR(64) NOT NULL,
      to_state VARCHAR(64) NOT NULL,
      actor_id VARCHAR(64) NOT NULL,
      actor_name VARCHAR(64) NOT NULL,
      actor_posts VARCHAR(255) NOT NULL,
      actor_org_id VARCHAR(64) NOT NULL,
      actor_org_name VARCHAR(128) NOT NULL,
      client_ip VARCHAR(64) NULL,
      at DATETIME(3) NOT NULL,
      comment VARCHAR(1000) NULL,
      snapshot LONGTEXT NOT NULL,
      snapshot_sha256 CHAR(64) NOT NULL,
      KEY idx_step_aggregate (aggregate, aggregate_id, at),
      KEY idx_step_actor (bank_id, actor_id, at)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE workflow_todo (
      id CHAR(36) NOT NULL PRIMARY KEY,
      aggregate VARCHAR(64) NOT NULL,
      aggregate_id VARCHAR(64) NOT NULL,
      bank_id VARCHAR(64) NOT NULL,
      state VARCHAR(64) NOT NULL,
      kind VARCHAR(96) NOT NULL,
      title_key VARCHAR(128) NOT NULL,
      params TEXT NOT NULL,
      assignee_user VARCHAR(64) NULL,
      assignee_post VARCHAR(64) NULL,
      assignee_org_path VARCHAR(255) NULL,
      link_app VARCHAR(64) NOT NULL,
      link_path VARCHAR(255) NOT NULL,
      due_at DATETIME(3) NULL,
      opened_at DATETIME(3) NOT NULL,
      claimed_by VARCHAR(64) NULL,
      claimed_at DATETIME(3) NULL,
      closed_at DATETIME(3) NULL,
      closed_by VARCHAR(64) NULL,
      KEY idx_todo_aggregate (aggregate, aggregate_id, closed_at),
      KEY idx_todo_user (bank_id, assignee_user, closed_at),
      KEY idx_todo_post (bank_id, assignee_org_path, assignee_post, closed_at)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE job_run (
      job VARCHAR(64) NOT NULL,
      period VARCHAR(32) NOT NULL,
      runner VARCHAR(64) NOT NULL,
      started_at DATETIME(3) NOT NULL,
      finished_at DATETIME(3) NULL,
      outcome VARCHAR(16) NULL,
      detail VARCHAR(1000) NULL,
      PRIMARY KEY (job, period),
      KEY idx_job_started (job, started_at)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE job_run');
    await q.query('DROP TABLE workflow_todo');
    await q.query('DROP TABLE workflow_step');
  }
}

export const KitMigrations = [KitOutbox1764000000000, KitIdempotency1765600000000, KitWorkflow1766100000000];
