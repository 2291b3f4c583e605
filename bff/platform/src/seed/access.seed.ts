import { allPermissions, DOMAINS, type DomainDecl, type MenuDecl } from '@zhanye/contracts';
import type { EntityManager } from 'typeorm';

/** The union (the provincial credit union above the banks): every menu, every bank in reach. */
export const UNION_BANK = 'union';
export const UNION_HQ = 'union-hq';
export const UNION_ADMIN_ROLE = 'union_admin';

/**
 * The standard menu tree: every node each domain declares (contracts `<name>.domain.ts`: its
 * directory, the pages its app or the shell serves, the buttons whose codes the app checks with
 * `can()` and the API requires). Ids are stable: roles and packages refer to them.
 */
export const MENUS: readonly MenuDecl[] = DOMAINS.flatMap((d: DomainDecl) => d.menus ?? []);

/** Template role id -> the declared menu nodes it holds (`DomainDecl.grants`). */
export const DECLARED_GRANTS: readonly (readonly [role: string, menu: string])[] = DOMAINS.flatMap(
  (d: DomainDecl) =>
    Object.entries(d.grants ?? {}).flatMap(([role, menus]) => menus.map((menu) => [role, menu] as const)),
);

/** Gives shared templates (bank null) that exist the declared grants of these nodes (all: every node). */
export async function grantDeclared(m: EntityManager, nodes?: ReadonlySet<string>): Promise<void> {
  for (const [role, menu] of DECLARED_GRANTS) {
    if (nodes && !nodes.has(menu)) continue;
    await m.query(
      'INSERT IGNORE INTO role_menu (role_id, menu_id) SELECT r.id, ? FROM role r WHERE r.id = ? AND r.bank_id IS NULL',
      [menu, role],
    );
  }
}

/** Menu nodes only the union may hold: no bank's package includes them. */
export const UNION_ONLY_MENUS: readonly string[] = MENUS.filter((m) => m.unionOnly).map((m) => m.id);

/** The system posts (shared by every bank): what a person does in the credit process. */
export const POSTS = [
  ['p-account-manager', 'account_manager', '客户经理', 'Account manager', 1],
  ['p-investigator', 'investigator', '调查岗', 'Investigator', 2],
  ['p-reviewer', 'reviewer', '审查岗', 'Reviewer', 3],
  ['p-approver', 'approver', '审批岗', 'Approver', 4],
  ['p-disbursement-checker', 'disbursement_checker', '放款审核岗', 'Disbursement checker', 5],
  ['p-post-loan-officer', 'post_loan_officer', '贷后管理岗', 'Post-loan officer', 6],
  ['p-branch-head', 'branch_head', '支行行长', 'Branch head', 7],
  ['p-hq-manager', 'hq_manager', '总行管理岗', 'HQ manager', 8],
  ['p-union-admin', 'union_admin', '省联社管理员', 'Union administrator', 9],
] as const;

/**
 * Brings in the menu nodes the domains declare that this database has not seen yet (an upgrade or
 * a new domain needs no migration), and gives them with their codes to the union's administrator
 * role, which holds every node and every code. A node seen before is left alone: an administrator's
 * changes stay, and a node an administrator deleted is not brought back. Runs at every start;
 * `INSERT IGNORE` makes concurrent starts of several copies harmless.
 */
export async function syncDeclaredMenus(m: EntityManager): Promise<string[]> {
  const seen = new Set(
    ((await m.query('SELECT menu_id FROM menu_declared')) as { menu_id: string }[]).map((r) => r.menu_id),
  );
  const added = MENUS.filter((n) => !seen.has(n.id));
  for (const n of added) {
    await m.query(
      `INSERT IGNORE INTO menu (id, parent_id, kind, title_zh, title_en, icon, app, route, permission, sort)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [n.id, n.parent, n.kind, n.titleZh, n.titleEn, n.icon, n.app, n.route, n.permission, n.sort],
    );
    await m.query('INSERT IGNORE INTO menu_declared (menu_id, declared_at) VALUES (?, UTC_TIMESTAMP(3))', [
      n.id,
    ]);
  }
  await grantDeclared(m, new Set(added.map((n) => n.id)));
  // the union holds every menu and (as API grants) every code, whatever happens to the menu tree
  await m.query(
    'INSERT IGNORE INTO role_menu (role_id, menu_id) SELECT r.id, m.id FROM role r, menu m WHERE r.id = ?',
    [UNION_ADMIN_ROLE],
  );
  await grantUnionAdminEveryCode(m);
  return added.map((n) => n.id);
}

/**
 * The standard menu tree and posts, and the union with its administrator role (every menu node,
 * every permission). Idempotent (`INSERT IGNORE`): a node an administrator changed keeps the change.
 */
export async function seedAccessModel(m: EntityManager): Promise<void> {
  for (const [id, code, zh, en, sort] of POSTS) {
    await m.query(
      'INSERT IGNORE INTO post (id, bank_id, code, title_zh, title_en, sort) VALUES (?, NULL, ?, ?, ?, ?)',
      [id, code, zh, en, sort],
    );
  }
  await m.query(
    "INSERT IGNORE INTO bank (id, code, name, status, created_at) VALUES (?, 'UNION', '省农村信用社联合社', 'active', UTC_TIMESTAMP(3))",
    [UNION_BANK],
  );
  await m.query(
    "INSERT IGNORE INTO org (id, bank_id, parent_id, path, name, kind, sort) VALUES (?, ?, NULL, ?, '省联社', 'hq', 0)",
    [UNION_HQ, UNION_BANK, `/${UNION_BANK}/${UNION_HQ}/`],
  );
  await m.query(
    "INSERT IGNORE INTO role (id, bank_id, code, name, data_scope, mfa_required) VALUES (?, ?, ?, '省联社管理员', 'all', 0)",
    [UNION_ADMIN_ROLE, UNION_BANK, UNION_ADMIN_ROLE],
  );
  await syncDeclaredMenus(m);
}

/**
 * The union holds every menu anyway; every code as an API grant too, so the union administrator
 * keeps every permission whatever happens to the menu tree. Run at every start as well: a code a
 * later release adds reaches the union administrator, who can then grant it (nobody grants a code
 * they lack, `admin/grants.ts`). Nothing happens before the union exists.
 */
export async function grantUnionAdminEveryCode(m: Pick<EntityManager, 'query'>): Promise<void> {
  await m.query(
    `INSERT IGNORE INTO role_permission (role_id, permission)
     SELECT r.id, p.code FROM role r
       JOIN (${allPermissions.map(() => 'SELECT ? AS code').join(' UNION ALL ')}) p
      WHERE r.id = ?`,
    [...allPermissions, UNION_ADMIN_ROLE],
  );
}
