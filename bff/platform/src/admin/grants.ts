import { allPermissions, type DataScope, DataScopes, type Principal } from '@zhanye/contracts';
import { ForbiddenError, marks, NotFoundError, scopeSql } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { UNION_BANK } from '../seed/access.seed.ts';

type Db = EntityManager | DataSource;

/**
 * The no-escalation rule, in one place for every path that gives a user codes or data: a role's
 * grants (role create and edit), a role given to a user (user create and edit) and a role named as
 * assignable by another ("may assign", `role_assignable`).
 * - Codes: only codes the author holds, or, for a role given or delegated whole, a role the
 *   author's own roles may assign (a delegation the union or a holder of the codes made).
 * - Data: a scope no wider than the author's, and custom orgs only within the author's reach.
 *   A delegation never widens this: "may assign" lifts the codes rule, not the scope rule.
 * The union's own paths obey the codes rule too: a menu node bound to a code, or a node added to a
 * bank's package (which widens what the bank's roles give), needs the code held (`assertHeld`).
 */

/**
 * 403 `ESCALATION` unless the caller holds every code in `codes` that some endpoint checks (a code
 * no endpoint knows yet, such as a new app's page code, guards nothing and is not checked).
 */
export function assertHeld(caller: Principal, codes: (string | null)[], what: string): void {
  const held = new Set(caller.permissions);
  const known = new Set<string>(allPermissions);
  const lacking = [...new Set(codes)].filter((c): c is string => !!c && known.has(c) && !held.has(c));
  if (lacking.length) {
    throw new ForbiddenError(
      `${what} would give codes you do not hold: ${lacking.sort().join(', ')}`,
      'ESCALATION',
    );
  }
}

/**
 * Codes each role gives a user of `bank`: its granted menu nodes inside the bank's package (the
 * union and templates without a bank: every node) and its API grants. As `PrincipalBuilder` reads them.
 */
export async function roleCodes(
  db: Db,
  roleIds: string[],
  bank: string | null,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(roleIds.map((id) => [id, []]));
  if (!roleIds.length) return out;
  const unbounded = bank === null || bank === UNION_BANK;
  const rows: { role_id: string; code: string }[] = await db.query(
    `SELECT rm.role_id, m.permission AS code FROM role_menu rm JOIN menu m ON m.id = rm.menu_id
      WHERE rm.role_id IN (${marks(roleIds.length)}) AND m.permission IS NOT NULL
        AND (? OR EXISTS (SELECT 1 FROM bank_menu bm WHERE bm.bank_id = ? AND bm.menu_id = m.id))
     UNION
     SELECT rp.role_id, rp.permission FROM role_permission rp WHERE rp.role_id IN (${marks(roleIds.length)})`,
    [...roleIds, unbounded ? 1 : 0, bank ?? '', ...roleIds],
  );
  for (const r of rows) out.get(r.role_id)?.push(r.code);
  return out;
}

/** Roles the caller's own roles may assign without the caller holding their codes. */
export async function delegatedTo(db: Db, caller: Principal): Promise<Set<string>> {
  const rows: { id: string }[] = await db.query(
    `SELECT DISTINCT ra.assignable_role_id AS id FROM user_role ur
       JOIN role r ON r.id = ur.role_id AND (r.bank_id IS NULL OR r.bank_id = ?)
       JOIN role_assignable ra ON ra.role_id = r.id
      WHERE ur.user_id = ?`,
    [caller.bankId, caller.userId],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Why a data scope is wider than the caller's (null: it is not). `all` belongs to the union's
 * roles; a wider standard scope is refused; custom orgs must be orgs the caller sees themselves.
 */
export async function scopeProblem(
  db: Db,
  caller: Principal,
  bank: string | null,
  scope: DataScope,
  customOrgIds: string[],
): Promise<string | null> {
  if (scope === 'all' && bank !== UNION_BANK) return 'data scope "all" is for the union’s roles only';
  if (DataScopes.indexOf(scope) > DataScopes.indexOf(caller.dataScope)) {
    return 'a role cannot see more data than its author';
  }
  if (scope !== 'custom' || !customOrgIds.length) return null;
  // the orgs as the caller's own scope reads them (kit's rule, on the org tree)
  const seen = scopeSql(caller, 'x', 'read');
  const rows: { id: string }[] = await db.query(
    `SELECT x.id FROM (SELECT o.id, o.bank_id, o.id AS org_id, o.path AS org_path, '' AS owner_id FROM org o) x
      WHERE x.id IN (${marks(customOrgIds.length)}) AND ${seen.sql}`,
    [...customOrgIds, ...seen.params],
  );
  const outside = customOrgIds.filter((id) => !rows.some((r) => r.id === id));
  return outside.length ? `orgs outside your own data scope: ${outside.join(', ')}` : null;
}

/** What the rule needs of a role. */
export interface AssignedRole {
  id: string;
  bank_id: string | null;
  name: string;
  data_scope: DataScope;
  org_ids: string | null;
}

/**
 * Roles given to a user of `bank` (`null`: named as assignable by a template): each must be of
 * that bank or a template (404 otherwise, so other banks' ids cannot be probed), `all` only inside
 * the union; each role in `added` must also pass the no-escalation rule (403 `ESCALATION`).
 */
export async function checkAssignment(
  db: Db,
  caller: Principal,
  bank: string | null,
  roleIds: string[],
  added: string[] = roleIds,
): Promise<void> {
  if (!roleIds.length) return;
  const ids = [...new Set(roleIds)];
  const rows: AssignedRole[] = await db.query(
    `SELECT r.id, r.bank_id, r.name, r.data_scope,
            (SELECT GROUP_CONCAT(ro.org_id SEPARATOR ',') FROM role_org ro WHERE ro.role_id = r.id) AS org_ids
       FROM role r WHERE r.id IN (${marks(ids.length)})`,
    ids,
  );
  const fits = (r: AssignedRole) =>
    (r.bank_id === null || r.bank_id === bank) && (r.data_scope !== 'all' || bank === UNION_BANK);
  const missing = ids.filter((id) => !rows.some((r) => r.id === id && fits(r)));
  if (missing.length) throw new NotFoundError(`role not found: ${missing.join(', ')}`);
  const checked = rows.filter((r) => added.includes(r.id));
  if (!checked.length) return;
  const problems = await assignProblems(db, caller, bank, checked);
  if (problems.size) {
    throw new ForbiddenError(
      `you can give only roles whose rights you hold or that your roles may assign, seeing no more data than you: ${[
        ...problems,
      ]
        .map(([r, why]) => `${r.name} (${why})`)
        .join('; ')}`,
      'ESCALATION',
    );
  }
}

/** For each role the caller may not give a user of `bank`, the reason. */
async function assignProblems(
  db: Db,
  caller: Principal,
  bank: string | null,
  roles: AssignedRole[],
): Promise<Map<AssignedRole, string>> {
  const out = new Map<AssignedRole, string>();
  if (!roles.length) return out;
  const held = new Set(caller.permissions);
  const [codes, delegated] = await Promise.all([
    roleCodes(
      db,
      roles.map((r) => r.id),
      bank,
    ),
    delegatedTo(db, caller),
  ]);
  for (const r of roles) {
    const lacking = delegated.has(r.id) ? [] : (codes.get(r.id) ?? []).filter((c) => !held.has(c));
    const scope = await scopeProblem(db, caller, bank, r.data_scope, r.org_ids ? r.org_ids.split(',') : []);
    if (lacking.length) out.set(r, `not held: ${[...new Set(lacking)].sort().join(', ')}`);
    else if (scope) out.set(r, scope);
  }
  return out;
}

/** Which of `roles` (of the caller's bank, or templates) the caller may give a user of their bank. */
export async function assignableIds(db: Db, caller: Principal, roles: AssignedRole[]): Promise<Set<string>> {
  const byBank = new Map<string, AssignedRole[]>();
  for (const r of roles) {
    const bank = r.bank_id ?? caller.bankId;
    byBank.set(bank, [...(byBank.get(bank) ?? []), r]);
  }
  const out = new Set<string>();
  for (const [bank, group] of byBank) {
    const refused = await assignProblems(db, caller, bank, group);
    for (const r of group) {
      if (!refused.has(r) && (r.data_scope !== 'all' || bank === UNION_BANK)) out.add(r.id);
    }
  }
  return out;
}
