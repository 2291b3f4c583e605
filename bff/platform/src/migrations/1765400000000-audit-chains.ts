import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One audit hash chain per bank instead of one for the whole union, so a bank's sequence numbers
 * say nothing about other banks' activity.
 * - `audit_log.chain`: the bank whose chain holds the record, or `*` for records without a bank
 *   (union-level) and for every record written before this migration: those keep their global
 *   seq, links and hashes (history is never rewritten, so they still verify as chain `*`).
 *   `seq` is unique per chain.
 * - `audit_chain`: one head row (last seq and hash) per chain, keyed by the chain; the old single
 *   row (`id = 1`) becomes chain `*`. An append locks its chain's head only.
 * - The list and the export read newest first by `(at, id)`, which needs no global counter.
 */
export class AuditChains1765400000000 implements MigrationInterface {
  name = 'AuditChains1765400000000';
  async up(q: QueryRunner) {
    await q.query(`ALTER TABLE audit_log
      ADD COLUMN chain VARCHAR(64) NOT NULL DEFAULT '*' AFTER id,
      DROP INDEX uq_audit_seq,
      DROP INDEX idx_audit_bank,
      DROP INDEX idx_audit_owner,
      DROP INDEX idx_audit_action,
      DROP INDEX idx_audit_at,
      ADD UNIQUE KEY uq_audit_chain_seq (chain, seq),
      ADD KEY idx_audit_at (at, id),
      ADD KEY idx_audit_bank (bank_id, at, id),
      ADD KEY idx_audit_owner (owner_id, at, id),
      ADD KEY idx_audit_action (action, at, id)`);
    // every record from now on names its chain
    await q.query('ALTER TABLE audit_log ALTER COLUMN chain DROP DEFAULT');
    await q.query(`CREATE TABLE audit_chain_head (
      chain VARCHAR(64) NOT NULL PRIMARY KEY,
      seq BIGINT NOT NULL,
      hash CHAR(64) NOT NULL
    ) ENGINE=InnoDB`);
    await q.query(
      `INSERT INTO audit_chain_head (chain, seq, hash) SELECT '*', seq, hash FROM audit_chain WHERE id = 1`,
    );
    await q.query('DROP TABLE audit_chain');
    await q.query('RENAME TABLE audit_chain_head TO audit_chain');
  }

  /** Back to one chain: only while no bank chain holds a record (merging them would rewrite history). */
  async down(q: QueryRunner) {
    const [{ n }] = await q.query("SELECT COUNT(*) AS n FROM audit_log WHERE chain <> '*'");
    if (Number(n) > 0) throw new Error('bank audit chains hold records: they cannot be merged back into one');
    await q.query(`CREATE TABLE audit_chain_old (
      id TINYINT NOT NULL PRIMARY KEY,
      seq BIGINT NOT NULL,
      hash CHAR(64) NOT NULL
    ) ENGINE=InnoDB`);
    await q.query(
      `INSERT INTO audit_chain_old (id, seq, hash) SELECT 1, seq, hash FROM audit_chain WHERE chain = '*'`,
    );
    await q.query(`INSERT IGNORE INTO audit_chain_old (id, seq, hash) VALUES (1, 0, REPEAT('0', 64))`);
    await q.query('DROP TABLE audit_chain');
    await q.query('RENAME TABLE audit_chain_old TO audit_chain');
    await q.query(`ALTER TABLE audit_log
      DROP INDEX uq_audit_chain_seq,
      DROP INDEX idx_audit_at,
      DROP INDEX idx_audit_bank,
      DROP INDEX idx_audit_owner,
      DROP INDEX idx_audit_action,
      DROP COLUMN chain,
      ADD UNIQUE KEY uq_audit_seq (seq),
      ADD KEY idx_audit_bank (bank_id, seq),
      ADD KEY idx_audit_owner (owner_id, seq),
      ADD KEY idx_audit_action (action, seq),
      ADD KEY idx_audit_at (at)`);
  }
}
