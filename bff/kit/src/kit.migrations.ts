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

export const KitMigrations = [KitOutbox1764000000000, KitIdempotency1765600000000];
