import { randomBytes } from 'node:crypto';
import {
  allPermissions,
  type CreateRole,
  type DataScope,
  type Principal,
  type Role,
  type UpdateRole,
} from '@zhanye/contracts';
import { ConflictError, ForbiddenError, InputError, marks } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { UNION_BANK } from '../seed/access.seed.ts';
import type { SessionControl } from '../session/session.port.ts';
import { actingBank, assertBank, type Change, isUnionAdmin, uniquely } from './admin.scope.ts';
import { assignableIds, checkAssignment, scopeProblem } from './grants.ts';

interface RoleRow {
  id: string;
  bank_id: string | null;
  code: string;
  name: string;
  data_scope: DataScope;
  mfa_required: number;
  menu_ids: string | null;
  permissions: string | null;
  org_ids: string | null;
  assignable_ids: string | null;
  user_count: string | number;
}

const list = (s: string | null) => (s ? s.split(',').sort() : []);
const toRole = (r: RoleRow, assignable = false): Role => ({
  id: r.id,
  bankId: r.bank_id,
  code: r.code,
  name: r.name,
  dataScope: r.data_scope,
  customOrgIds: list(r.org_ids),
  menuIds: list(r.menu_ids),
  permissions: list(r.permissions),
  assignableRoleIds: list(r.assignable_ids),
  mfaRequired: Boolean(Number(r.mfa_required)),
  userCount: Number(r.user_count),
  assignable,
});

/** A role with its grants; `userCount` counts holders in `countBank` (null: everywhere). */
const SELECT_ROLE = `SELECT r.*,
    (SELECT GROUP_CONCAT(rm.menu_id SEPARATOR ',') FROM role_menu rm WHERE rm.role_id = r.id) AS menu_ids,
    (SELECT GROUP_CONCAT(rp.permission SEPARATOR ',') FROM role_permission rp WHERE rp.role_id = r.id) AS permissions,
    (SELECT GROUP_CONCAT(ro.org_id SEPARATOR ',') FROM role_org ro WHERE ro.role_id = r.id) AS org_ids,
    (SELECT GROUP_CONCAT(ra.assignable_role_id SEPARATOR ',') FROM role_assignable ra WHERE ra.role_id = r.id)
      AS assignable_ids,
    (SELECT COUNT(*) FROM user_role ur JOIN user u ON u.id = ur.user_id
      WHERE ur.role_id = r.id AND (? IS NULL OR u.bank_id = ?)) AS user_count
  FROM role r`;

type RoleInput = {
  dataScope?: DataScope | undefined;
  customOrgIds?: string[] | undefined;
  menuIds?: string[] | undefined;
  permissions?: string[] | undefined;
  assignableRoleIds?: string[] | undefined;
};

/**
 * Roles: a bank administrator manages their bank's roles; shared templates (bank null) are theirs
 * to read and (where allowed, see `grants.ts`) assign, the union's to change. No privilege
 * escalation: a role may grant only menus in its bank's package, only permission codes its author
 * holds, a data scope no wider than the author's own, and name as assignable ("may assign") only
 * roles its author may assign. Changing a role re-reads its holders' open sessions at once.
 */
export class RoleService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionControl,
  ) {}

  async list(caller: Principal): Promise<Role[]> {
    const union = isUnionAdmin(caller);
    const count = union ? null : caller.bankId;
    const rows: RoleRow[] = union
      ? await this.ds.query(`${SELECT_ROLE} ORDER BY r.bank_id IS NOT NULL, r.bank_id, r.code`, [
          count,
          count,
        ])
      : await this.ds.query(
          `${SELECT_ROLE} WHERE r.bank_id IS NULL OR r.bank_id = ? ORDER BY r.bank_id IS NOT NULL, r.code`,
          [count, count, caller.bankId],
        );
    const mayAssign = await assignableIds(this.ds, caller, rows);
    return rows.map((r) => toRole(r, mayAssign.has(r.id)));
  }

  private async find(m: EntityManager | DataSource, caller: Principal, id: string): Promise<RoleRow> {
    const count = isUnionAdmin(caller) ? null : caller.bankId;
    const [row]: RoleRow[] = await m.query(`${SELECT_ROLE} WHERE r.id = ?`, [count, count, id]);
    assertBank(caller, row ? row.bank_id : undefined, 'role');
    return row as RoleRow;
  }

  /** A role as the caller sees it, with whether they may assign it. */
  private async view(m: EntityManager | DataSource, caller: Principal, row: RoleRow): Promise<Role> {
    return toRole(row, (await assignableIds(m, caller, [row])).has(row.id));
  }

  /** A role the caller may change: their bank's (union: any); templates only for the union. */
  private async findWritable(m: EntityManager, caller: Principal, id: string): Promise<RoleRow> {
    const row = await this.find(m, caller, id);
    if (row.bank_id === null && !isUnionAdmin(caller)) {
      throw new ForbiddenError('shared role templates are read-only: create a role of your bank instead');
    }
    await m.query('SELECT id FROM role WHERE id = ? FOR UPDATE', [id]);
    return row;
  }

  /**
   * What a grant may contain. Only the added menus and codes are checked against the author (a
   * grant someone else made stays when the role is edited); the scope and orgs are checked whole.
   */
  private async checkGrants(
    m: EntityManager,
    caller: Principal,
    bank: string | null,
    added: { menuIds: string[]; permissions: string[]; assignableRoleIds: string[] },
    scope: { dataScope: DataScope; customOrgIds: string[] },
  ): Promise<void> {
    const held = new Set(caller.permissions);
    const unknownCodes = added.permissions.filter((p) => !(allPermissions as readonly string[]).includes(p));
    if (unknownCodes.length) {
      throw new InputError('unknown permission codes', {
        permissions: [`unknown: ${unknownCodes.join(', ')}`],
      });
    }
    const notHeld = added.permissions.filter((p) => !held.has(p));
    if (added.menuIds.length) {
      const menus: { id: string; permission: string | null; in_package: number }[] = await m.query(
        `SELECT m.id, m.permission,
                EXISTS (SELECT 1 FROM bank_menu bm WHERE bm.bank_id = ? AND bm.menu_id = m.id) AS in_package
           FROM menu m WHERE m.id IN (${marks(added.menuIds.length)})`,
        [bank ?? '', ...added.menuIds],
      );
      const found = new Map(menus.map((r) => [r.id, r]));
      const unknown = added.menuIds.filter((id) => !found.has(id));
      if (unknown.length)
        throw new InputError('unknown menus', { menuIds: [`no such menu: ${unknown.join(', ')}`] });
      // templates and the union's roles are bounded by each holder's package when used
      if (bank !== null && bank !== UNION_BANK) {
        const outside = menus.filter((r) => !Number(r.in_package)).map((r) => r.id);
        if (outside.length) {
          throw new ForbiddenError(
            `menus outside the bank's package: ${outside.join(', ')}`,
            'OUTSIDE_PACKAGE',
          );
        }
      }
      for (const r of menus) if (r.permission && !held.has(r.permission)) notHeld.push(r.permission);
    }
    if (notHeld.length) {
      throw new ForbiddenError(
        `you can only grant what you hold yourself; not held: ${[...new Set(notHeld)].join(', ')}`,
        'ESCALATION',
      );
    }
    if (scope.dataScope === 'custom') {
      if (bank === null) {
        throw new InputError('a shared template cannot name orgs', { dataScope: ['not for templates'] });
      }
      const orgs: { id: string }[] = scope.customOrgIds.length
        ? await m.query(
            `SELECT id FROM org WHERE bank_id = ? AND id IN (${marks(scope.customOrgIds.length)})`,
            [bank, ...scope.customOrgIds],
          )
        : [];
      const foreign = scope.customOrgIds.filter((id) => !orgs.some((o) => o.id === id));
      if (foreign.length) {
        throw new InputError('orgs must be of the role’s bank', {
          customOrgIds: [`not an org of this bank: ${foreign.join(', ')}`],
        });
      }
    }
    const wider = await scopeProblem(m, caller, bank, scope.dataScope, scope.customOrgIds);
    if (wider) throw new ForbiddenError(wider, 'ESCALATION');
    // roles named as assignable: the author may assign each of them
    await checkAssignment(m, caller, bank, added.assignableRoleIds);
  }

  private async writeGrants(m: EntityManager, roleId: string, input: RoleInput, scope: DataScope) {
    if (input.menuIds !== undefined) {
      await m.query('DELETE FROM role_menu WHERE role_id = ?', [roleId]);
      for (const id of new Set(input.menuIds)) {
        await m.query('INSERT INTO role_menu (role_id, menu_id) VALUES (?, ?)', [roleId, id]);
      }
    }
    if (input.permissions !== undefined) {
      await m.query('DELETE FROM role_permission WHERE role_id = ?', [roleId]);
      for (const p of new Set(input.permissions)) {
        await m.query('INSERT INTO role_permission (role_id, permission) VALUES (?, ?)', [roleId, p]);
      }
    }
    if (input.assignableRoleIds !== undefined) {
      await m.query('DELETE FROM role_assignable WHERE role_id = ?', [roleId]);
      for (const id of new Set(input.assignableRoleIds)) {
        await m.query('INSERT INTO role_assignable (role_id, assignable_role_id) VALUES (?, ?)', [
          roleId,
          id,
        ]);
      }
    }
    if (input.customOrgIds !== undefined || scope !== 'custom') {
      await m.query('DELETE FROM role_org WHERE role_id = ?', [roleId]);
      if (scope === 'custom') {
        for (const id of new Set(input.customOrgIds ?? [])) {
          await m.query('INSERT INTO role_org (role_id, org_id) VALUES (?, ?)', [roleId, id]);
        }
      }
    }
  }

  async create(caller: Principal, input: z.output<typeof CreateRole>): Promise<Change<Role>> {
    const bank = input.bankId === null ? null : actingBank(caller, input.bankId);
    if (bank === null && !isUnionAdmin(caller)) {
      throw new ForbiddenError('only the union’s administrators add shared templates');
    }
    const row = await uniquely('a role with this code', () =>
      this.ds.transaction(async (m) => {
        const [dup] = await m.query(
          'SELECT id FROM role WHERE code = ? AND (bank_id <=> ? OR bank_id IS NULL)',
          [input.code, bank],
        );
        if (dup) throw new ConflictError('a role with this code already exists', 'DUPLICATE');
        await this.checkGrants(
          m,
          caller,
          bank,
          {
            menuIds: input.menuIds,
            permissions: input.permissions,
            assignableRoleIds: input.assignableRoleIds,
          },
          { dataScope: input.dataScope, customOrgIds: input.customOrgIds },
        );
        const id = `r-${randomBytes(6).toString('hex')}`;
        await m.query(
          'INSERT INTO role (id, bank_id, code, name, data_scope, mfa_required) VALUES (?, ?, ?, ?, ?, ?)',
          [id, bank, input.code, input.name, input.dataScope, input.mfaRequired ? 1 : 0],
        );
        await this.writeGrants(m, id, input, input.dataScope);
        const row = await this.find(m, caller, id);
        return { row, out: await this.view(m, caller, row) };
      }),
    );
    return { out: row.out, target: row.row.id, before: null, after: toRole(row.row) };
  }

  async update(caller: Principal, input: z.output<typeof UpdateRole>): Promise<Change<Role>> {
    const { before, after, out } = await this.ds.transaction(async (m) => {
      const before = await this.findWritable(m, caller, input.id);
      const dataScope = input.dataScope ?? before.data_scope;
      const customOrgIds = input.customOrgIds ?? list(before.org_ids);
      if (dataScope === 'custom' && !customOrgIds.length) {
        throw new InputError('invalid input', { customOrgIds: ['pick at least one org for a custom scope'] });
      }
      const hadMenus = new Set(list(before.menu_ids));
      const hadCodes = new Set(list(before.permissions));
      const hadAssignable = new Set(list(before.assignable_ids));
      await this.checkGrants(
        m,
        caller,
        before.bank_id,
        {
          menuIds: (input.menuIds ?? []).filter((id) => !hadMenus.has(id)),
          permissions: (input.permissions ?? []).filter((p) => !hadCodes.has(p)),
          assignableRoleIds: (input.assignableRoleIds ?? []).filter((id) => !hadAssignable.has(id)),
        },
        // an unchanged scope was allowed when it was set; a changed one is checked
        input.dataScope !== undefined || input.customOrgIds !== undefined
          ? { dataScope, customOrgIds }
          : { dataScope: 'self', customOrgIds: [] },
      );
      await m.query(
        'UPDATE role SET name = COALESCE(?, name), data_scope = ?, mfa_required = COALESCE(?, mfa_required) WHERE id = ?',
        [
          input.name ?? null,
          dataScope,
          input.mfaRequired === undefined ? null : input.mfaRequired ? 1 : 0,
          before.id,
        ],
      );
      await this.writeGrants(m, before.id, { ...input, customOrgIds }, dataScope);
      const after = await this.find(m, caller, before.id);
      return { before, after, out: await this.view(m, caller, after) };
    });
    await this.holdersChanged(after);
    return { out, target: after.id, before: toRole(before), after: toRole(after) };
  }

  /** Only a role nobody holds (409 otherwise: take it from its users first). */
  async remove(caller: Principal, id: string): Promise<Change<{ ok: true }>> {
    const before = await this.ds.transaction(async (m) => {
      const row = await this.findWritable(m, caller, id);
      const [{ n }] = await m.query('SELECT COUNT(*) AS n FROM user_role WHERE role_id = ?', [id]);
      if (Number(n) > 0) throw new ConflictError(`the role is held by ${n} user(s)`, 'IN_USE');
      for (const t of ['role_menu', 'role_permission', 'role_org', 'role_assignable']) {
        await m.query(`DELETE FROM ${t} WHERE role_id = ?`, [id]);
      }
      // other roles' "may assign" of this one go with it
      await m.query('DELETE FROM role_assignable WHERE assignable_role_id = ?', [id]);
      await m.query('DELETE FROM role WHERE id = ?', [id]);
      return row;
    });
    return { out: { ok: true }, target: id, before: toRole(before), after: null };
  }

  /** Holders of a changed role re-read their access; a template may be held in every bank. */
  private async holdersChanged(role: RoleRow): Promise<void> {
    if (role.bank_id === null) return this.sessions.accessChanged('all');
    const users: { user_id: string }[] = await this.ds.query(
      'SELECT user_id FROM user_role WHERE role_id = ?',
      [role.id],
    );
    if (users.length) await this.sessions.accessChanged({ users: users.map((u) => u.user_id) });
  }
}
