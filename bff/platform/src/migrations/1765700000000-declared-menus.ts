import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `menu_declared`: the menu nodes the domains' declarations have brought in, so that the platform
 * adds a newly declared node at its next start (an upgrade needs no migration per node), and never
 * brings back a node an administrator deleted. Every node present now came from the seeds.
 */
export class DeclaredMenus1765700000000 implements MigrationInterface {
  name = 'DeclaredMenus1765700000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE menu_declared (
      menu_id VARCHAR(64) NOT NULL PRIMARY KEY,
      declared_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB`);
    await q.query('INSERT INTO menu_declared (menu_id, declared_at) SELECT id, UTC_TIMESTAMP(3) FROM menu');
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE menu_declared');
  }
}
