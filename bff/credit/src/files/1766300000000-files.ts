import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Files kept with applications and bureau authorisations, in the credit database. */
export class CreditFiles1766300000000 implements MigrationInterface {
  name = 'CreditFiles1766300000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE credit_attachment (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      org_path VARCHAR(255) NOT NULL,
      owner_kind VARCHAR(16) NOT NULL,
      owner_ref CHAR(36) NOT NULL,
      kind VARCHAR(32) NOT NULL,
      filename VARCHAR(128) NOT NULL,
      mime VARCHAR(64) NOT NULL,
      size INT NOT NULL,
      sha256 CHAR(64) NOT NULL,
      content MEDIUMBLOB NOT NULL,
      uploaded_by VARCHAR(64) NOT NULL,
      uploaded_by_name VARCHAR(64) NOT NULL,
      uploaded_at DATETIME(3) NOT NULL,
      KEY idx_att_owner (owner_kind, owner_ref, uploaded_at),
      KEY idx_att_path (bank_id, org_path)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE credit_attachment');
  }
}
