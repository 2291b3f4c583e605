import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "May assign": `role_assignable` lists the roles a role's holders may give users without holding
 * their codes (see `admin/grants.ts`). Before it, anyone who could edit users could give any
 * template; from now on a user administrator gives only roles whose codes they hold, or roles their
 * own roles may assign. No row is added here: the union decides which roles bank administrators
 * may assign (the demo data gives its `admin` template the business roles).
 */
export class RoleAssignable1765500000000 implements MigrationInterface {
  name = 'RoleAssignable1765500000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE role_assignable (
      role_id VARCHAR(64) NOT NULL,
      assignable_role_id VARCHAR(64) NOT NULL,
      PRIMARY KEY (role_id, assignable_role_id),
      KEY idx_role_assignable_target (assignable_role_id)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE role_assignable');
  }
}
