import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry becomes a release control plane: releases carry their build metadata (immutable once
 * registered), activation rules decide who gets which version, and every change is in the history.
 * Rows registered before this migration keep `integrity` NULL ("no metadata yet"); the first full
 * registration of the same app and version fills them in. Their old `active` flag becomes a
 * `default` rule; the column stays, unused.
 */
export class ReleaseControl1764900000000 implements MigrationInterface {
  name = 'ReleaseControl1764900000000';
  async up(q: QueryRunner) {
    await q.query(`ALTER TABLE app_release
      MODIFY scope VARCHAR(64) NULL,
      MODIFY manifest_url VARCHAR(255) NULL,
      MODIFY route VARCHAR(64) NULL,
      ADD COLUMN contract_version VARCHAR(32) NULL,
      ADD COLUMN shared JSON NULL,
      ADD COLUMN provides JSON NULL,
      ADD COLUMN commit_sha VARCHAR(64) NULL,
      ADD COLUMN built_at DATETIME(3) NULL,
      ADD COLUMN integrity JSON NULL`);
    await q.query(`CREATE TABLE rollout_rule (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      app VARCHAR(64) NOT NULL,
      version VARCHAR(64) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      target VARCHAR(64) NULL,
      percent INT NULL,
      state VARCHAR(20) NOT NULL,
      supersedes TINYINT(1) NOT NULL DEFAULT 0,
      requested_by VARCHAR(64) NOT NULL,
      approved_by VARCHAR(64) NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      KEY idx_rule_app_state (app, state)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE rollout_event (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      app VARCHAR(64) NOT NULL,
      action VARCHAR(32) NOT NULL,
      version VARCHAR(64) NULL,
      detail JSON NOT NULL,
      actor VARCHAR(64) NOT NULL,
      at DATETIME(3) NOT NULL,
      KEY idx_event_app (app, id)
    ) ENGINE=InnoDB`);
    await q.query(`INSERT INTO rollout_rule
        (app, version, kind, target, percent, state, requested_by, approved_by, created_at, updated_at)
      SELECT app, version, 'default', NULL, NULL, 'active', registered_by, NULL, created_at, UTC_TIMESTAMP(3)
        FROM app_release WHERE active = 1`);
    await q.query(`INSERT INTO rollout_event (app, action, version, detail, actor, at)
      SELECT app, 'default', version, '{"migrated":true}', 'system:migration', UTC_TIMESTAMP(3)
        FROM app_release WHERE active = 1`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE rollout_event');
    await q.query('DROP TABLE rollout_rule');
    await q.query(`ALTER TABLE app_release
      DROP COLUMN contract_version, DROP COLUMN shared, DROP COLUMN provides,
      DROP COLUMN commit_sha, DROP COLUMN built_at, DROP COLUMN integrity`);
  }
}
