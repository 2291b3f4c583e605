import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access model (RuoYi's, enforced on the server): menus become directory / page / button nodes
 * that roles grant (`role_menu`), each bank has a menu package (`bank_menu`) that bounds what its
 * roles can grant, posts say what a person does (`post`, `user_post`), a role may see a picked set
 * of orgs (`role_org`, data scope `custom`) and may require MFA, and banks can be disabled.
 *
 * Existing data keeps its effect: every existing bank's package holds every existing menu node, and
 * a role's permission codes that a menu page carries become grants of that page (the
 * `role_permission` rows they came from go, so the package bounds them; the rest stay as API grants).
 */
export class AccessModel1765200000000 implements MigrationInterface {
  name = 'AccessModel1765200000000';
  async up(q: QueryRunner) {
    await q.query(`ALTER TABLE menu
      ADD COLUMN hidden TINYINT(1) NOT NULL DEFAULT 0,
      ADD KEY idx_menu_parent (parent_id, sort)`);
    await q.query(`ALTER TABLE role
      ADD COLUMN mfa_required TINYINT(1) NOT NULL DEFAULT 0,
      ADD KEY idx_role_bank (bank_id, code)`);
    await q.query('ALTER TABLE org ADD COLUMN sort INT NOT NULL DEFAULT 0');
    await q.query("ALTER TABLE bank ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'active'");
    await q.query(`CREATE TABLE role_menu (
      role_id VARCHAR(64) NOT NULL,
      menu_id VARCHAR(64) NOT NULL,
      PRIMARY KEY (role_id, menu_id),
      KEY idx_role_menu_menu (menu_id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE bank_menu (
      bank_id VARCHAR(64) NOT NULL,
      menu_id VARCHAR(64) NOT NULL,
      PRIMARY KEY (bank_id, menu_id),
      KEY idx_bank_menu_menu (menu_id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE role_org (
      role_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      PRIMARY KEY (role_id, org_id),
      KEY idx_role_org_org (org_id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE post (
      id VARCHAR(64) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NULL,
      code VARCHAR(64) NOT NULL,
      title_zh VARCHAR(64) NOT NULL,
      title_en VARCHAR(64) NOT NULL,
      sort INT NOT NULL DEFAULT 0,
      KEY idx_post_bank (bank_id, code)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE user_post (
      user_id VARCHAR(64) NOT NULL,
      post_id VARCHAR(64) NOT NULL,
      PRIMARY KEY (user_id, post_id),
      KEY idx_user_post_post (post_id)
    ) ENGINE=InnoDB`);
    await q.query('ALTER TABLE user_role ADD KEY idx_user_role_role (role_id)');
    // existing data keeps its effect (see above)
    await q.query(`INSERT IGNORE INTO bank_menu (bank_id, menu_id)
      SELECT b.id, m.id FROM bank b CROSS JOIN menu m`);
    await q.query(`INSERT IGNORE INTO role_menu (role_id, menu_id)
      SELECT rp.role_id, m.id FROM role_permission rp JOIN menu m ON m.permission = rp.permission
       WHERE m.kind = 'page'`);
    await q.query(`DELETE rp FROM role_permission rp
      WHERE EXISTS (SELECT 1 FROM role_menu rm JOIN menu m ON m.id = rm.menu_id
                     WHERE rm.role_id = rp.role_id AND m.permission = rp.permission)`);
    // the union administrator's role belongs to the union, not to every bank as a template
    await q.query("UPDATE role SET bank_id = 'union' WHERE id = 'union_admin' AND bank_id IS NULL");
  }
  async down(q: QueryRunner) {
    await q.query(`INSERT IGNORE INTO role_permission (role_id, permission)
      SELECT rm.role_id, m.permission FROM role_menu rm JOIN menu m ON m.id = rm.menu_id
       WHERE m.permission IS NOT NULL`);
    for (const t of ['user_post', 'post', 'role_org', 'bank_menu', 'role_menu'])
      await q.query(`DROP TABLE ${t}`);
    await q.query('ALTER TABLE user_role DROP KEY idx_user_role_role');
    await q.query('ALTER TABLE bank DROP COLUMN status');
    await q.query('ALTER TABLE org DROP COLUMN sort');
    await q.query('ALTER TABLE role DROP KEY idx_role_bank, DROP COLUMN mfa_required');
    await q.query("DELETE FROM menu WHERE kind = 'button'");
    await q.query('ALTER TABLE menu DROP KEY idx_menu_parent, DROP COLUMN hidden');
  }
}
