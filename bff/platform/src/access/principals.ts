import { type DataScope, DataScopes, type Principal } from '@zhanye/contracts';
import { likePrefix, UnauthenticatedError } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { UNION_BANK } from '../seed/access.seed.ts';

/** The widest scope among a user's roles. */
export function widestScope(scopes: string[]): DataScope {
  let best = 0;
  for (const s of scopes) best = Math.max(best, DataScopes.indexOf(s as DataScope));
  return DataScopes[best] ?? 'self';
}

/** One role's share of a user's data scope: its scope, and its picked orgs for `custom`. */
export interface ScopeGrant {
  scope: string;
  orgIds: string[];
}

/**
 * Combines the data scopes of a user's roles into one (RuoYi's rule, made exact):
 * `all` (union users only; a bank user gets `bank`) > `bank` > one standard scope as it is;
 * a `custom` role, or roles mixing `org` / `orgAndBelow` / `self`, give `custom` with the union of
 * their orgs (own org for `org`, the subtree for `orgAndBelow`, the picked ones for `custom`).
 * `self` adds no org: a user's own records are visible in every scope.
 */
export async function combineScopes(
  grants: ScopeGrant[],
  user: { bankId: string; orgId: string },
  subtree: () => Promise<string[]>,
): Promise<{ dataScope: DataScope; scopeOrgIds?: string[] }> {
  const scopes = new Set(grants.map((g) => g.scope).filter((s) => DataScopes.includes(s as DataScope)));
  if (scopes.has('all')) return { dataScope: user.bankId === UNION_BANK ? 'all' : 'bank' };
  if (scopes.has('bank')) return { dataScope: 'bank' };
  if (scopes.size === 0) return { dataScope: 'self' };
  if (scopes.size === 1 && !scopes.has('custom')) return { dataScope: [...scopes][0] as DataScope };
  const orgs = new Set<string>();
  for (const g of grants) if (g.scope === 'custom') for (const o of g.orgIds) orgs.add(o);
  if (scopes.has('org')) orgs.add(user.orgId);
  if (scopes.has('orgAndBelow')) for (const o of await subtree()) orgs.add(o);
  return { dataScope: 'custom', scopeOrgIds: [...orgs].sort() };
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  bank_id: string;
  bank_name: string;
  bank_status: string;
  org_id: string;
  org_path: string;
  org_name: string;
  status: string;
  posts: string | null;
}

/**
 * Builds what a user may do, from the database, at sign-in and whenever their access changed:
 * roles, permission codes (granted menus and buttons within the bank's package, plus API grants),
 * data scope, posts. Owned by the access model; sessions call it, never build principals themselves.
 * A disabled user or a disabled bank gets no principal (401), so neither can sign in or refresh.
 */
export class PrincipalBuilder {
  constructor(private readonly ds: DataSource) {}

  async build(userId: string, sessionId?: string): Promise<Principal> {
    const [user]: UserRow[] = await this.ds.query(
      `SELECT u.id, u.username, u.display_name, u.bank_id, b.name AS bank_name, b.status AS bank_status,
              u.org_id, o.path AS org_path, o.name AS org_name, u.status,
              (SELECT GROUP_CONCAT(p.code ORDER BY p.sort, p.code SEPARATOR ',')
                 FROM user_post up JOIN post p ON p.id = up.post_id
                WHERE up.user_id = u.id AND (p.bank_id IS NULL OR p.bank_id = u.bank_id)) AS posts
         FROM user u JOIN bank b ON b.id = u.bank_id JOIN org o ON o.id = u.org_id
        WHERE u.id = ?`,
      [userId],
    );
    if (user?.status !== 'active') throw new UnauthenticatedError('the account is not active');
    if (user.bank_status !== 'active') throw new UnauthenticatedError('the bank is disabled');
    const union = user.bank_id === UNION_BANK;
    // one round trip: the user's roles (of their bank, or shared templates) with their scope, the
    // codes of granted menu nodes inside the bank's package, API grants, and custom-scope orgs
    const rows: { k: 'role' | 'perm' | 'org'; role: string; v: string | null; scope: string }[] =
      await this.ds.query(
        `SELECT 'role' AS k, r.id AS role, r.code AS v, r.data_scope AS scope
           FROM user_role ur JOIN role r ON r.id = ur.role_id AND (r.bank_id IS NULL OR r.bank_id = ?)
          WHERE ur.user_id = ?
         UNION ALL
         SELECT 'perm', r.id, m.permission, r.data_scope
           FROM user_role ur JOIN role r ON r.id = ur.role_id AND (r.bank_id IS NULL OR r.bank_id = ?)
           JOIN role_menu rm ON rm.role_id = r.id JOIN menu m ON m.id = rm.menu_id
          WHERE ur.user_id = ? AND m.permission IS NOT NULL
            AND (? OR EXISTS (SELECT 1 FROM bank_menu bm WHERE bm.bank_id = ? AND bm.menu_id = m.id))
         UNION ALL
         SELECT 'perm', r.id, rp.permission, r.data_scope
           FROM user_role ur JOIN role r ON r.id = ur.role_id AND (r.bank_id IS NULL OR r.bank_id = ?)
           JOIN role_permission rp ON rp.role_id = r.id
          WHERE ur.user_id = ?
         UNION ALL
         SELECT 'org', r.id, o.id, r.data_scope
           FROM user_role ur JOIN role r ON r.id = ur.role_id AND (r.bank_id IS NULL OR r.bank_id = ?)
           JOIN role_org ro ON ro.role_id = r.id JOIN org o ON o.id = ro.org_id AND o.bank_id = ?
          WHERE ur.user_id = ? AND r.data_scope = 'custom'`,
        [
          user.bank_id,
          userId,
          user.bank_id,
          userId,
          union ? 1 : 0,
          user.bank_id,
          user.bank_id,
          userId,
          user.bank_id,
          user.bank_id,
          userId,
        ],
      );
    const roles = rows.filter((r) => r.k === 'role');
    const scope = await combineScopes(
      roles.map((r) => ({
        scope: r.scope,
        orgIds: rows.filter((o) => o.k === 'org' && o.role === r.role).map((o) => o.v ?? ''),
      })),
      { bankId: user.bank_id, orgId: user.org_id },
      async () =>
        (
          (await this.ds.query('SELECT id FROM org WHERE bank_id = ? AND path LIKE ?', [
            user.bank_id,
            likePrefix(user.org_path),
          ])) as { id: string }[]
        ).map((o) => o.id),
    );
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      bankId: user.bank_id,
      bankName: user.bank_name,
      orgId: user.org_id,
      orgPath: user.org_path,
      orgName: user.org_name,
      roles: [...new Set(roles.map((r) => r.v ?? ''))].filter(Boolean).sort(),
      permissions: [...new Set(rows.filter((r) => r.k === 'perm' && r.v).map((r) => r.v as string))].sort(),
      dataScope: scope.dataScope,
      ...(scope.scopeOrgIds ? { scopeOrgIds: scope.scopeOrgIds } : {}),
      posts: user.posts ? user.posts.split(',') : [],
      ...(sessionId ? { sessionId } : {}),
    };
  }
}
