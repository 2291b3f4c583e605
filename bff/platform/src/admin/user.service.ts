import { randomBytes } from 'node:crypto';
import type {
  AdminUser,
  CreateUser,
  ListUsers,
  Post,
  Principal,
  SessionEndReason,
  UpdateUser,
} from '@zhanye/contracts';
import { ConflictError, ForbiddenError, likeEscape, marks, NotFoundError, scopeSql } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { lockedNow } from '../identity/identity.repository.ts';
import { hashPassword } from '../identity/identity.service.ts';
import type { SessionControl } from '../session/session.port.ts';
import { actingBank, type Change, isUnionAdmin, uniquely } from './admin.scope.ts';
import { checkAssignment } from './grants.ts';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  bank_id: string;
  org_id: string;
  org_name: string;
  status: 'active' | 'disabled';
  locked_until: Date | null;
  must_change_password: number | null;
  last_login_at: Date | null;
  created_at: Date;
  mfa_enabled: number | string;
  role_ids: string | null;
  post_ids: string | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toUser = (r: UserRow): AdminUser => {
  const locked = lockedNow(r.locked_until);
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    bankId: r.bank_id,
    orgId: r.org_id,
    orgName: r.org_name,
    status: r.status,
    locked,
    lockedUntil: locked ? iso(r.locked_until) : null,
    mfaEnabled: Boolean(Number(r.mfa_enabled)),
    mustChangePassword: Boolean(Number(r.must_change_password ?? 0)),
    roleIds: r.role_ids ? r.role_ids.split(',').sort() : [],
    postIds: r.post_ids ? r.post_ids.split(',').sort() : [],
    lastLoginAt: iso(r.last_login_at),
    createdAt: iso(r.created_at) ?? '',
  };
};

/**
 * Users as administrators see them: `x` exposes the scope columns (`bank_id`, `org_id`, `org_path`,
 * `owner_id` = the user), so the kit's data-scope conditions apply to users as to any record.
 * `must_change_password`, `last_login_at` and `user_mfa` belong to sessions (their migration).
 */
const FROM_USERS = `FROM (
    SELECT u.id, u.username, u.display_name, u.bank_id, u.org_id, o.name AS org_name, o.path AS org_path,
           u.id AS owner_id, u.status, u.locked_until, u.must_change_password, u.last_login_at, u.created_at
      FROM user u JOIN org o ON o.id = u.org_id) x`;
const SELECT_USER = `SELECT x.*,
    EXISTS (SELECT 1 FROM user_mfa f WHERE f.user_id = x.id AND f.enabled_at IS NOT NULL) AS mfa_enabled,
    (SELECT GROUP_CONCAT(ur.role_id SEPARATOR ',') FROM user_role ur WHERE ur.user_id = x.id) AS role_ids,
    (SELECT GROUP_CONCAT(up.post_id SEPARATOR ',') FROM user_post up WHERE up.user_id = x.id) AS post_ids
  ${FROM_USERS}`;

/**
 * Users of the administrator's bank (union administrators: any bank), within their data scope.
 * Who gets which role is bounded (`checkAssignment`: roles of the user's bank or templates, and
 * only those whose rights the administrator holds or may assign), and nobody changes their own
 * roles or disables themselves. Disabling and resets end the user's sessions; other changes re-read them.
 */
export class UserService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionControl,
  ) {}

  async list(caller: Principal, q: z.output<typeof ListUsers>) {
    const scope = scopeSql(caller, 'x', 'read');
    const where = [scope.sql];
    const params: unknown[] = [...scope.params];
    // union administrators see every bank, or the one they name; others only their own
    if (q.bankId || !isUnionAdmin(caller)) {
      where.push('x.bank_id = ?');
      params.push(actingBank(caller, q.bankId));
    }
    if (q.q) {
      where.push("(x.username LIKE ? ESCAPE '\\\\' OR x.display_name LIKE ? ESCAPE '\\\\')");
      const like = `%${likeEscape(q.q)}%`;
      params.push(like, like);
    }
    if (q.orgId) {
      where.push('x.org_id = ?');
      params.push(q.orgId);
    }
    if (q.status === 'locked') {
      where.push('x.locked_until > ?');
      params.push(new Date());
    } else if (q.status) {
      where.push('x.status = ?');
      params.push(q.status);
    }
    const sql = where.join(' AND ');
    const [{ n }] = await this.ds.query(`SELECT COUNT(*) AS n ${FROM_USERS} WHERE ${sql}`, params);
    const rows: UserRow[] = await this.ds.query(
      `${SELECT_USER} WHERE ${sql} ORDER BY x.org_path, x.username LIMIT ? OFFSET ?`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map(toUser), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  /** A user the caller administers (404 otherwise: another bank's or outside their scope). */
  private async find(m: EntityManager | DataSource, caller: Principal, id: string, lock = false) {
    const scope = scopeSql(caller, 'x', isUnionAdmin(caller) ? 'read' : 'write');
    const [row]: UserRow[] = await m.query(`${SELECT_USER} WHERE x.id = ? AND ${scope.sql}`, [
      id,
      ...scope.params,
    ]);
    if (!row) throw new NotFoundError('user not found');
    if (lock) await m.query('SELECT id FROM user WHERE id = ? FOR UPDATE', [id]);
    return row;
  }

  /** An org the caller may put users in: within their scope (a union admin: any bank's). */
  private async orgFor(m: EntityManager, caller: Principal, orgId: string, bank?: string) {
    const scope = scopeSql(caller, 'x', isUnionAdmin(caller) ? 'read' : 'write');
    const [org]: { id: string; bank_id: string }[] = await m.query(
      `SELECT x.id, x.bank_id FROM (SELECT o.id, o.bank_id, o.id AS org_id, o.path AS org_path, '' AS owner_id
          FROM org o) x WHERE x.id = ? AND ${scope.sql}`,
      [orgId, ...scope.params],
    );
    if (!org || (bank && org.bank_id !== bank)) throw new NotFoundError('org not found');
    return org;
  }

  private async checkPosts(m: EntityManager, bank: string, postIds: string[]) {
    if (!postIds.length) return;
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM post WHERE (bank_id IS NULL OR bank_id = ?) AND id IN (${marks(postIds.length)})`,
      [bank, ...postIds],
    );
    const bad = [...new Set(postIds)].filter((id) => !rows.some((r) => r.id === id));
    if (bad.length) throw new NotFoundError(`post not found: ${bad.join(', ')}`);
  }

  private async setLinks(m: EntityManager, userId: string, table: 'user_role' | 'user_post', ids: string[]) {
    const col = table === 'user_role' ? 'role_id' : 'post_id';
    await m.query(`DELETE FROM ${table} WHERE user_id = ?`, [userId]);
    for (const id of new Set(ids))
      await m.query(`INSERT INTO ${table} (user_id, ${col}) VALUES (?, ?)`, [userId, id]);
  }

  /** A new account; the initial password must be changed at the first sign-in. */
  async create(caller: Principal, input: z.output<typeof CreateUser>): Promise<Change<AdminUser>> {
    const hash = await hashPassword(input.password);
    const row = await uniquely('a user with this username', () =>
      this.ds.transaction(async (m) => {
        const org = await this.orgFor(m, caller, input.orgId);
        const [dup] = await m.query('SELECT id FROM user WHERE username = ?', [input.username]);
        if (dup) throw new ConflictError('this username is taken', 'DUPLICATE');
        await checkAssignment(m, caller, org.bank_id, input.roleIds);
        await this.checkPosts(m, org.bank_id, input.postIds);
        const id = `u-${randomBytes(8).toString('hex')}`;
        await m.query(
          `INSERT INTO user (id, bank_id, org_id, username, display_name, password_hash, status,
                             must_change_password, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'active', 1, ?)`,
          [id, org.bank_id, org.id, input.username, input.displayName, hash, new Date()],
        );
        await this.setLinks(m, id, 'user_role', input.roleIds);
        await this.setLinks(m, id, 'user_post', input.postIds);
        return this.find(m, caller, id);
      }),
    );
    return { out: toUser(row), target: row.id, before: null, after: toUser(row) };
  }

  async update(caller: Principal, input: z.output<typeof UpdateUser>): Promise<Change<AdminUser>> {
    if (input.roleIds !== undefined && input.id === caller.userId) {
      throw new ForbiddenError('another administrator must change your roles', 'SELF');
    }
    const { before, after } = await this.ds.transaction(async (m) => {
      const before = await this.find(m, caller, input.id, true);
      if (input.orgId !== undefined) await this.orgFor(m, caller, input.orgId, before.bank_id);
      if (input.roleIds !== undefined) {
        // roles the user already holds may stay; each added one passes the no-escalation rule
        const held = new Set(before.role_ids ? before.role_ids.split(',') : []);
        await checkAssignment(
          m,
          caller,
          before.bank_id,
          input.roleIds,
          input.roleIds.filter((id) => !held.has(id)),
        );
      }
      if (input.postIds !== undefined) await this.checkPosts(m, before.bank_id, input.postIds);
      await m.query(
        'UPDATE user SET display_name = COALESCE(?, display_name), org_id = COALESCE(?, org_id) WHERE id = ?',
        [input.displayName ?? null, input.orgId ?? null, before.id],
      );
      if (input.roleIds !== undefined) await this.setLinks(m, before.id, 'user_role', input.roleIds);
      if (input.postIds !== undefined) await this.setLinks(m, before.id, 'user_post', input.postIds);
      return { before, after: await this.find(m, caller, before.id) };
    });
    await this.sessions.accessChanged({ users: [after.id] });
    return { out: toUser(after), target: after.id, before: toUser(before), after: toUser(after) };
  }

  /** One state change on a user, audited as before/after; `end` ends their sessions afterwards. */
  private async change(
    caller: Principal,
    id: string,
    apply: (m: EntityManager, row: UserRow) => Promise<void>,
    end?: SessionEndReason,
  ): Promise<Change<AdminUser>> {
    const { before, after } = await this.ds.transaction(async (m) => {
      const before = await this.find(m, caller, id, true);
      await apply(m, before);
      return { before, after: await this.find(m, caller, id) };
    });
    if (end) await this.sessions.endAllForUser(id, end);
    return { out: toUser(after), target: id, before: toUser(before), after: toUser(after) };
  }

  disable(caller: Principal, id: string) {
    if (id === caller.userId) throw new ConflictError('you cannot disable yourself', 'SELF');
    return this.change(
      caller,
      id,
      async (m) => void (await m.query("UPDATE user SET status = 'disabled' WHERE id = ?", [id])),
      'user_disabled',
    );
  }

  enable(caller: Principal, id: string) {
    return this.change(
      caller,
      id,
      async (m) => void (await m.query("UPDATE user SET status = 'active' WHERE id = ?", [id])),
    );
  }

  unlock(caller: Principal, id: string) {
    return this.change(
      caller,
      id,
      async (m) =>
        void (await m.query('UPDATE user SET failed_logins = 0, locked_until = NULL WHERE id = ?', [id])),
    );
  }

  /** A temporary password: every session ends, and the user must choose a new one at sign-in. */
  async resetPassword(caller: Principal, id: string, password: string) {
    const hash = await hashPassword(password);
    return this.change(
      caller,
      id,
      async (m) =>
        void (await m.query(
          `UPDATE user SET password_hash = ?, must_change_password = 1, failed_logins = 0, locked_until = NULL
            WHERE id = ?`,
          [hash, id],
        )),
      'password_reset',
    );
  }

  /** Lost phone: the second factor and its recovery codes go; enrolment is asked again if required. */
  resetMfa(caller: Principal, id: string) {
    return this.change(
      caller,
      id,
      async (m) => {
        await m.query('DELETE FROM user_mfa WHERE user_id = ?', [id]);
        await m.query('DELETE FROM user_recovery_code WHERE user_id = ?', [id]);
      },
      'mfa_reset',
    );
  }

  /** The posts users of the caller's bank can hold. */
  async posts(caller: Principal): Promise<Post[]> {
    const rows: { id: string; code: string; title_zh: string; title_en: string; sort: number }[] =
      await this.ds.query('SELECT * FROM post WHERE bank_id IS NULL OR bank_id = ? ORDER BY sort, code', [
        caller.bankId,
      ]);
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: { 'zh-CN': r.title_zh, 'en-US': r.title_en },
      sort: Number(r.sort),
    }));
  }
}
