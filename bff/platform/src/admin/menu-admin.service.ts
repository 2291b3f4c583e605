import { randomBytes } from 'node:crypto';
import {
  CreateMenu,
  fieldErrors,
  type MenuItem,
  type Principal,
  type ReorderMenus,
  type UpdateMenu,
} from '@zhanye/contracts';
import { ConflictError, InputError, NotFoundError } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { MenuRow } from '../access/menu.service.ts';
import { UNION_ADMIN_ROLE, UNION_BANK } from '../seed/access.seed.ts';
import type { SessionControl } from '../session/session.port.ts';
import { type Change, requireUnion } from './admin.scope.ts';
import { assertHeld } from './grants.ts';

export const toMenuItem = (r: MenuRow): MenuItem => ({
  id: r.id,
  parentId: r.parent_id,
  kind: r.kind,
  title: { 'zh-CN': r.title_zh, 'en-US': r.title_en },
  icon: r.icon,
  app: r.app,
  route: r.route,
  permission: r.permission,
  sort: Number(r.sort),
  hidden: Boolean(Number(r.hidden)),
});

/** What a create or update writes, in the column order of both statements, then the id. */
const columnValues = (n: MenuRow) => [
  n.parent_id,
  n.kind,
  n.title_zh,
  n.title_en,
  n.icon,
  n.app,
  n.route,
  n.permission,
  n.sort,
  n.hidden,
  n.id,
];

/** Which parent kinds each kind may sit under (null: the top level). */
const PARENTS: Record<MenuRow['kind'], (MenuRow['kind'] | null)[]> = {
  directory: [null, 'directory'],
  page: [null, 'directory'],
  button: ['page'],
};

/**
 * The menu tree (union administrators change it; everyone holding `platform:menu:read` reads it,
 * a bank administrator only their bank's package). A change reaches every open session at once.
 */
export class MenuAdminService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionControl,
  ) {}

  async list(caller: Principal): Promise<MenuItem[]> {
    const rows: MenuRow[] =
      caller.bankId === UNION_BANK
        ? await this.ds.query('SELECT * FROM menu ORDER BY sort, id')
        : await this.ds.query(
            `SELECT m.* FROM menu m JOIN bank_menu bm ON bm.menu_id = m.id AND bm.bank_id = ?
              ORDER BY m.sort, m.id`,
            [caller.bankId],
          );
    return rows.map(toMenuItem);
  }

  private async find(m: EntityManager, id: string): Promise<MenuRow> {
    const [row]: MenuRow[] = await m.query('SELECT * FROM menu WHERE id = ? FOR UPDATE', [id]);
    if (!row) throw new NotFoundError('menu not found');
    return row;
  }

  /** The whole node valid where it sits: kind fields, a parent that exists and fits, no cycle, a free route. */
  private async validate(m: EntityManager, node: MenuRow): Promise<void> {
    const fields: Record<string, string[]> = {};
    const add = (k: string, msg: string) => {
      fields[k] = [...(fields[k] ?? []), msg];
    };
    if (node.kind === 'directory') {
      if (node.app || node.route) add('route', 'a directory has no app or route');
      if (node.permission) add('permission', 'a directory grants nothing: put the code on a page or button');
    }
    if (node.kind === 'button' && (node.app || node.route)) add('route', 'a button has no app or route');
    // the contract's field rules, on the node as it will be (the item's extra `id` is stripped)
    const parsed = CreateMenu.safeParse(toMenuItem(node));
    if (!parsed.success) Object.assign(fields, fieldErrors(parsed.error));
    if (node.parent_id) {
      const [parent]: MenuRow[] = await m.query('SELECT * FROM menu WHERE id = ?', [node.parent_id]);
      if (!parent) add('parentId', 'no such menu');
      else if (!PARENTS[node.kind].includes(parent.kind))
        add('parentId', `a ${node.kind} cannot sit under a ${parent.kind}`);
      // walk up from the new parent: meeting the node itself would make a cycle
      for (let cur: string | null = node.parent_id, hops = 0; cur && hops < 64; hops++) {
        if (cur === node.id) {
          add('parentId', 'a node cannot move under itself');
          break;
        }
        const [up]: { parent_id: string | null }[] = await m.query(
          'SELECT parent_id FROM menu WHERE id = ?',
          [cur],
        );
        cur = up?.parent_id ?? null;
      }
    } else if (!PARENTS[node.kind].includes(null)) {
      add('parentId', `a ${node.kind} needs a parent`);
    }
    const [child]: { kind: string }[] = await m.query(
      'SELECT kind FROM menu WHERE parent_id = ? AND kind NOT IN (?) LIMIT 1',
      [
        node.id,
        node.kind === 'page' ? ['button'] : node.kind === 'directory' ? ['directory', 'page'] : ['-'],
      ],
    );
    if (child) add('kind', `its children (${child.kind}) cannot sit under a ${node.kind}`);
    if (Object.keys(fields).length) throw new InputError('invalid menu', fields);
    if (node.kind === 'page' && node.route) {
      const [dup] = await m.query("SELECT id FROM menu WHERE kind = 'page' AND route = ? AND id <> ?", [
        node.route,
        node.id,
      ]);
      if (dup) throw new ConflictError('another page has this route', 'DUPLICATE');
    }
  }

  async create(caller: Principal, input: z.output<typeof CreateMenu>): Promise<Change<MenuItem>> {
    requireUnion(caller, 'change the menu tree');
    const row = await this.ds.transaction(async (m) => {
      const node: MenuRow = {
        id: `m-${randomBytes(6).toString('hex')}`,
        parent_id: input.parentId,
        kind: input.kind,
        title_zh: input.title['zh-CN'],
        title_en: input.title['en-US'],
        icon: input.icon,
        app: input.app,
        route: input.route,
        permission: input.permission,
        sort: input.sort,
        hidden: input.hidden ? 1 : 0,
      };
      await this.validate(m, node);
      assertHeld(caller, [node.permission], 'the menu node');
      await m.query(
        `INSERT INTO menu (parent_id, kind, title_zh, title_en, icon, app, route, permission, sort, hidden, id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        columnValues(node),
      );
      // the union holds every menu: its administrators get the new node at once
      await m.query('INSERT IGNORE INTO role_menu (role_id, menu_id) VALUES (?, ?)', [
        UNION_ADMIN_ROLE,
        node.id,
      ]);
      return this.find(m, node.id);
    });
    await this.sessions.accessChanged('all');
    return { out: toMenuItem(row), target: row.id, before: null, after: toMenuItem(row) };
  }

  async update(caller: Principal, input: z.output<typeof UpdateMenu>): Promise<Change<MenuItem>> {
    requireUnion(caller, 'change the menu tree');
    const { before, after } = await this.ds.transaction(async (m) => {
      const before = await this.find(m, input.id);
      const node: MenuRow = {
        ...before,
        parent_id: input.parentId === undefined ? before.parent_id : input.parentId,
        kind: input.kind ?? before.kind,
        title_zh: input.title?.['zh-CN'] ?? before.title_zh,
        title_en: input.title?.['en-US'] ?? before.title_en,
        icon: input.icon === undefined ? before.icon : input.icon,
        app: input.app === undefined ? before.app : input.app,
        route: input.route === undefined ? before.route : input.route,
        permission: input.permission === undefined ? before.permission : input.permission,
        sort: input.sort ?? before.sort,
        hidden: input.hidden === undefined ? before.hidden : input.hidden ? 1 : 0,
      };
      await this.validate(m, node);
      // a node bound to another code gives it to every holder of the node
      if (node.permission !== before.permission) assertHeld(caller, [node.permission], 'the menu node');
      await m.query(
        `UPDATE menu SET parent_id = ?, kind = ?, title_zh = ?, title_en = ?, icon = ?, app = ?, route = ?,
                permission = ?, sort = ?, hidden = ? WHERE id = ?`,
        columnValues(node),
      );
      return { before, after: await this.find(m, node.id) };
    });
    await this.sessions.accessChanged('all');
    return { out: toMenuItem(after), target: after.id, before: toMenuItem(before), after: toMenuItem(after) };
  }

  /** The children of one node in a new order (`ids` must all be its children). */
  async reorder(caller: Principal, input: z.output<typeof ReorderMenus>): Promise<Change<MenuItem[]>> {
    requireUnion(caller, 'change the menu tree');
    const { before, after } = await this.ds.transaction(async (m) => {
      const before: MenuRow[] = await m.query(
        'SELECT * FROM menu WHERE parent_id <=> ? ORDER BY sort, id FOR UPDATE',
        [input.parentId],
      );
      const children = new Set(before.map((r) => r.id));
      const strangers = input.ids.filter((id) => !children.has(id));
      if (strangers.length || new Set(input.ids).size !== input.ids.length) {
        throw new InputError('ids must be distinct children of the parent', {
          ids: [strangers.length ? `not children: ${strangers.join(', ')}` : 'duplicates'],
        });
      }
      for (const [i, id] of input.ids.entries()) {
        await m.query('UPDATE menu SET sort = ? WHERE id = ?', [(i + 1) * 10, id]);
      }
      const after: MenuRow[] = await m.query('SELECT * FROM menu WHERE parent_id <=> ? ORDER BY sort, id', [
        input.parentId,
      ]);
      return { before, after };
    });
    await this.sessions.accessChanged('all');
    const items = after.map(toMenuItem);
    return {
      out: items,
      target: input.parentId ?? 'root',
      before: before.map((r) => ({ id: r.id, sort: Number(r.sort) })),
      after: after.map((r) => ({ id: r.id, sort: Number(r.sort) })),
    };
  }

  /** A node without children; its grants and package entries go with it. */
  async remove(caller: Principal, id: string): Promise<Change<{ ok: true }>> {
    requireUnion(caller, 'change the menu tree');
    const before = await this.ds.transaction(async (m) => {
      const row = await this.find(m, id);
      const [child] = await m.query('SELECT id FROM menu WHERE parent_id = ? LIMIT 1', [id]);
      if (child) throw new ConflictError('the menu has children: remove or move them first', 'NOT_EMPTY');
      await m.query('DELETE FROM role_menu WHERE menu_id = ?', [id]);
      await m.query('DELETE FROM bank_menu WHERE menu_id = ?', [id]);
      await m.query('DELETE FROM menu WHERE id = ?', [id]);
      return row;
    });
    await this.sessions.accessChanged('all');
    return { out: { ok: true }, target: id, before: toMenuItem(before), after: null };
  }
}
