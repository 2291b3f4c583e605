import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions, their rotated refresh tokens, sign-in tickets and MFA.
 * - `user_session`: one row per sign-in; `refresh_hash` is the current refresh token's SHA-256,
 *   `prev_hash`/`rotated_at` the one before it (accepted again within the grace window).
 * - `session_refresh`: every refresh token hash a session ever rotated away from: presenting one
 *   outside the grace window is reuse, and ends the session.
 * - `login_ticket`: an unfinished sign-in (MFA or new password next); only its hash is stored.
 * - `user_mfa`: the TOTP secret, AES-256-GCM encrypted; `pending_secret` until confirmed;
 *   `last_step` refuses a code used before. `user_recovery_code`: keyed hashes, single use.
 */
export class Sessions1765300000000 implements MigrationInterface {
  name = 'Sessions1765300000000';
  async up(q: QueryRunner) {
    // the access model migration may have added these already: add only what is missing
    const cols: { COLUMN_NAME: string }[] = await q.query(
      `SELECT COLUMN_NAME FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'user'`,
    );
    const have = new Set(cols.map((c) => c.COLUMN_NAME));
    if (!have.has('must_change_password'))
      await q.query('ALTER TABLE user ADD COLUMN must_change_password TINYINT(1) NOT NULL DEFAULT 0');
    if (!have.has('last_login_at'))
      await q.query('ALTER TABLE user ADD COLUMN last_login_at DATETIME(3) NULL');
    await q.query(`CREATE TABLE user_session (
      id VARCHAR(64) NOT NULL PRIMARY KEY,
      user_id VARCHAR(64) NOT NULL,
      bank_id VARCHAR(64) NOT NULL,
      refresh_hash CHAR(64) NOT NULL,
      prev_hash CHAR(64) NULL,
      rotated_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL,
      last_seen_at DATETIME(3) NOT NULL,
      idle_expires_at DATETIME(3) NOT NULL,
      absolute_expires_at DATETIME(3) NOT NULL,
      ip VARCHAR(64) NULL,
      user_agent VARCHAR(255) NULL,
      mfa TINYINT(1) NOT NULL DEFAULT 0,
      ended_at DATETIME(3) NULL,
      end_reason VARCHAR(32) NULL,
      KEY idx_session_user (user_id, ended_at),
      KEY idx_session_bank (bank_id, ended_at, created_at),
      KEY idx_session_live (ended_at, idle_expires_at)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE session_refresh (
      hash CHAR(64) NOT NULL PRIMARY KEY,
      session_id VARCHAR(64) NOT NULL,
      rotated_at DATETIME(3) NOT NULL,
      KEY idx_refresh_session (session_id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE login_ticket (
      hash CHAR(64) NOT NULL PRIMARY KEY,
      user_id VARCHAR(64) NOT NULL,
      step VARCHAR(16) NOT NULL,
      enrol TINYINT(1) NOT NULL DEFAULT 0,
      created_at DATETIME(3) NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      used_at DATETIME(3) NULL,
      KEY idx_ticket_user (user_id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE user_mfa (
      user_id VARCHAR(64) NOT NULL PRIMARY KEY,
      secret VARCHAR(512) NULL,
      pending_secret VARCHAR(512) NULL,
      enabled_at DATETIME(3) NULL,
      last_step BIGINT NULL,
      updated_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE user_recovery_code (
      user_id VARCHAR(64) NOT NULL,
      hash CHAR(64) NOT NULL,
      used_at DATETIME(3) NULL,
      PRIMARY KEY (user_id, hash)
    ) ENGINE=InnoDB`);
    // failed sign-ins for usernames with no active account: they lock like real ones, so the
    // answers (401 five times, then 429) do not tell which usernames exist
    await q.query(`CREATE TABLE login_probe (
      username VARCHAR(64) NOT NULL PRIMARY KEY,
      failed_logins INT NOT NULL DEFAULT 0,
      locked_until DATETIME(3) NULL,
      updated_at DATETIME(3) NOT NULL,
      KEY idx_login_probe_updated (updated_at)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    for (const t of [
      'login_probe',
      'user_recovery_code',
      'user_mfa',
      'login_ticket',
      'session_refresh',
      'user_session',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
