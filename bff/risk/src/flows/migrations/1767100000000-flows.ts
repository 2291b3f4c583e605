import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import prescreenCases from '../../graphs/credit.prescreen.v1.cases.json' with { type: 'json' };
import pricingCases from '../../graphs/credit.pricing.v1.cases.json' with { type: 'json' };
import renewalCases from '../../graphs/credit.renewal.v1.cases.json' with { type: 'json' };

const cases: Record<string, unknown[]> = {
  'credit.prescreen': prescreenCases,
  'credit.pricing': pricingCases,
  'credit.renewal': renewalCases,
};

/**
 * Decision flows: a flow per owner (the union `*` or a bank) with its release, immutable versions
 * (one number sequence per name), the release history, and on each run the content hash, feature
 * snapshot, as-of time, latency and canary flag. The stored graphs become the union's flows: each
 * key a flow, its active version stable, with the test cases of its file.
 */
export class RiskFlows1767100000000 implements MigrationInterface {
  name = 'RiskFlows1767100000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE flow (
      bank_id VARCHAR(64) NOT NULL,
      name VARCHAR(100) NOT NULL,
      title VARCHAR(100) NOT NULL,
      description VARCHAR(500) NOT NULL DEFAULT '',
      stable_version INT NULL,
      canary_version INT NULL,
      canary_percent INT NOT NULL DEFAULT 0,
      row_version INT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (bank_id, name),
      KEY idx_flow_name (name, bank_id),
      CONSTRAINT chk_flow_canary CHECK (canary_percent BETWEEN 0 AND 99)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE flow_version (
      name VARCHAR(100) NOT NULL,
      version INT NOT NULL,
      bank_id VARCHAR(64) NOT NULL,
      title VARCHAR(100) NOT NULL,
      content LONGTEXT NOT NULL,
      hash CHAR(64) NOT NULL,
      features TEXT NOT NULL,
      note VARCHAR(200) NOT NULL DEFAULT '',
      cases LONGTEXT NOT NULL,
      last_test TEXT NULL,
      status VARCHAR(16) NOT NULL,
      author_id VARCHAR(64) NOT NULL,
      author_name VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      published_at DATETIME(3) NULL,
      published_by_id VARCHAR(64) NULL,
      published_by_name VARCHAR(64) NULL,
      PRIMARY KEY (name, version),
      KEY idx_flow_version_owner (bank_id, name, version)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE flow_release (
      id CHAR(36) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      name VARCHAR(100) NOT NULL,
      action VARCHAR(16) NOT NULL,
      version INT NOT NULL,
      canary_percent INT NOT NULL,
      note VARCHAR(200) NOT NULL DEFAULT '',
      actor_id VARCHAR(64) NOT NULL,
      actor_name VARCHAR(64) NOT NULL,
      at DATETIME(3) NOT NULL,
      KEY idx_flow_release (bank_id, name, at)
    ) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE decision_run
      ADD COLUMN flow_hash CHAR(64) NOT NULL DEFAULT '' AFTER graph_version,
      ADD COLUMN features LONGTEXT NULL AFTER input,
      ADD COLUMN as_of DATETIME(3) NULL AFTER features,
      ADD COLUMN latency_us INT NOT NULL DEFAULT 0 AFTER trace,
      ADD COLUMN canary TINYINT(1) NOT NULL DEFAULT 0 AFTER latency_us,
      ADD KEY idx_run_flow (bank_id, graph_key, created_at)`);
    const graphs: { graph_key: string; version: number; title: string; content: string; active: number }[] =
      await q.query(
        'SELECT graph_key, version, title, content, active FROM decision_graph ORDER BY graph_key, version',
      );
    for (const key of [...new Set(graphs.map((g) => g.graph_key))]) {
      const versions = graphs.filter((g) => g.graph_key === key);
      const stable = versions.filter((g) => Number(g.active) === 1).at(-1)?.version ?? null;
      const title = versions.at(-1)!.title.slice(0, 100);
      await q.query(
        `INSERT INTO flow (bank_id, name, title, description, stable_version, canary_version, canary_percent,
           row_version, created_at, updated_at)
         VALUES ('*', ?, ?, '', ?, NULL, 0, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
        [key, title, stable],
      );
      for (const g of versions) {
        await q.query(
          `INSERT INTO flow_version (name, version, bank_id, title, content, hash, features, note, cases, last_test,
             status, author_id, author_name, created_at, published_at, published_by_id, published_by_name)
           VALUES (?, ?, '*', ?, ?, ?, '[]', '', ?, NULL, ?, 'system', '系统', UTC_TIMESTAMP(3),
             UTC_TIMESTAMP(3), 'system', '系统')`,
          [
            key,
            g.version,
            g.title.slice(0, 100),
            g.content,
            createHash('sha256').update(g.content).digest('hex'),
            JSON.stringify(g.version === 1 ? (cases[key] ?? []) : []),
            g.version === stable ? 'stable' : 'retired',
          ],
        );
      }
    }
    await q.query(`UPDATE decision_run r JOIN flow_version v ON v.name = r.graph_key AND v.version = r.graph_version
      SET r.flow_hash = v.hash`);
  }
  async down(q: QueryRunner) {
    await q.query(`ALTER TABLE decision_run DROP KEY idx_run_flow, DROP COLUMN flow_hash, DROP COLUMN features,
      DROP COLUMN as_of, DROP COLUMN latency_us, DROP COLUMN canary`);
    await q.query('DROP TABLE flow_release');
    await q.query('DROP TABLE flow_version');
    await q.query('DROP TABLE flow');
  }
}
