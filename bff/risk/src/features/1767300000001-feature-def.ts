import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The feature catalogue: immutable versions per (bank, name). A bank's first use copies the
 * standard features (`standard.ts`); the version in use is the newest `active` one.
 */
export class RiskFeatureDef1767300000001 implements MigrationInterface {
  name = 'RiskFeatureDef1767300000001';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE feature_def (
      bank_id VARCHAR(64) NOT NULL,
      name VARCHAR(63) NOT NULL,
      version INT NOT NULL,
      title_zh VARCHAR(100) NOT NULL,
      title_en VARCHAR(100) NOT NULL,
      entity VARCHAR(16) NOT NULL,
      value_type VARCHAR(8) NOT NULL,
      unit VARCHAR(8) NOT NULL,
      window_days INT NULL,
      kind VARCHAR(16) NOT NULL,
      aggregate_spec TEXT NULL,
      expression TEXT NULL,
      depends_on TEXT NOT NULL,
      description TEXT NOT NULL,
      status VARCHAR(8) NOT NULL,
      owner_id VARCHAR(64) NOT NULL,
      owner_name VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (bank_id, name, version),
      KEY idx_feature_status (bank_id, status, name)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE feature_def');
  }
}
