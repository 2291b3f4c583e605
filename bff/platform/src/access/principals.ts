import { type DataScope, DataScopes, type Principal } from '@zhanye/contracts';
import { UnauthenticatedError } from '@zhanye/kit';
import type { DataSource } from 'typeorm';

/** The widest scope among a user's roles. */
export function widestScope(scopes: string[]): DataScope {
  let best = 0;
  for (const s of scopes) best = Math.max(best, DataScopes.indexOf(s as DataScope));
  return DataScopes[best] ?? 'self';
}

/**
 * Builds what a user may do, from the database, at sign-in and whenever their access changed:
 * roles, permission codes (granted menus and buttons within the bank's package, plus API grants),
 * data scope, posts. Owned by the access model; sessions call it, never build principals themselves.
 */
export class PrincipalBuilder {
  constructor(private readonly ds: DataSource) {}

  async build(userId: string, sessionId?: string): Promise<Principal> {
    const users: {
      id: string;
      username: string;
      display_name: string;
      bank_id: string;
      bank_name: string;
      org_id: string;
      org_path: string;
      org_name: string;
      status: string;
    }[] = await this.ds.query(
      `SELECT u.id, u.username, u.display_name, u.bank_id, b.name AS bank_name, u.org_id,
              o.path AS org_path, o.name AS org_name, u.status
         FROM user u JOIN bank b ON b.id = u.bank_id JOIN org o ON o.id = u.org_id
        WHERE u.id = ?`,
      [userId],
    );
    const user = users[0];
    if (!user || user.status !== 'active') throw new UnauthenticatedError('the account is not active');
    const grants: { code: string; data_scope: string; permission: string | null }[] = await this.ds.query(
      `SELECT r.code, r.data_scope, rp.permission
         FROM user_role ur JOIN role r ON r.id = ur.role_id
         LEFT JOIN role_permission rp ON rp.role_id = r.id
        WHERE ur.user_id = ?`,
      [userId],
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
      roles: [...new Set(grants.map((g) => g.code))],
      permissions: [...new Set(grants.flatMap((g) => (g.permission ? [g.permission] : [])))].sort(),
      dataScope: widestScope(grants.map((g) => g.data_scope)),
      ...(sessionId ? { sessionId } : {}),
    };
  }
}
