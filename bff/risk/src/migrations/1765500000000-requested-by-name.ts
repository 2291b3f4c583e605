import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The name of whoever a decision was requested for, kept with the run (like credit's
 * `created_by_name`): the risk console shows people by name, never by user id. Runs stored
 * before keep an empty name.
 */
export class RiskRequestedByName1765500000000 implements MigrationInterface {
  name = 'RiskRequestedByName1765500000000';
  async up(q: QueryRunner) {
    await q.query(
      `ALTER TABLE decision_run ADD COLUMN requested_by_name VARCHAR(64) NOT NULL DEFAULT '' AFTER requested_by`,
    );
  }
  async down(q: QueryRunner) {
    await q.query('ALTER TABLE decision_run DROP COLUMN requested_by_name');
  }
}
