import type { Bank, CreateBank, Principal, UpdateBank } from '@zhanye/contracts';
import { ConflictError, InputError, marks, NotFoundError } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { UNION_BANK, UNION_ONLY_MENUS } from '../seed/access.seed.ts';
import type { SessionControl } from '../session/session.port.ts';
import { type Change, requireUnion, uniquely } from './admin.scope.ts';
import { assertHeld } from './grants.ts';

interface BankRow {
  id: string;
  code: string;
  name: string;
  status: 'active' | 'disabled';
  created_at: Date;
  menu_ids: string | null;
  user_count: string | number;
}

const toBank = (r: BankRow): Bank => ({
  id: r.id,
  code: r.code,
  name: r.name,
  status: r.status,
  menuIds: r.menu_ids ? r.menu_ids.split(',').sort() : [],
  userCount: Number(r.user_count),
  createdAt: new Date(r.created_at).toISOString(),
});

const SELECT_BANK = `SELECT b.*,
    (SELECT GROUP_CONCAT(bm.menu_id SEPARATOR ',') FROM bank_menu bm WHERE bm.bank_id = b.id) AS menu_ids,
    (SELECT COUNT(*) FROM user u WHERE u.bank_id = b.id) AS user_count
  FROM bank b`;

/**
 * A package as stored: the nodes named plus every ancestor (a page needs its directory to show),
 * after checking each exists and none is reserved for the union.
 */
export async function packageOf(m: EntityManager | DataSource, menuIds: string[]): Promise<string[]> {
  const wanted = [...new Set(menuIds)];
  const reserved = wanted.filter((id) => UNION_ONLY_MENUS.includes(id));
  if (reserved.length) {
    throw new InputError('some menus are for the union only', {
      menuIds: [`for the union only: ${reserved.join(', ')}`],
    });
  }
  if (!wanted.length) return [];
  const all: { id: string; parent_id: string | null }[] = await m.query('SELECT id, parent_id FROM menu');
  const parent = new Map(all.map((r) => [r.id, r.parent_id]));
  const unknown = wanted.filter((id) => !parent.has(id));
  if (unknown.length)
    throw new InputError('unknown menus', { menuIds: [`no such menu: ${unknown.join(', ')}`] });
  const out = new Set<string>();
  for (const id of wanted) {
    for (let cur: string | null | undefined = id; cur && !out.has(cur); cur = parent.get(cur)) out.add(cur);
  }
  return [...out].sort();
}

/** Banks (tenants) and their menu packages: the union's administrators only. */
export class BankService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionControl,
  ) {}

  async list(caller: Principal): Promise<Bank[]> {
    requireUnion(caller, 'see banks');
    const rows: BankRow[] = await this.ds.query(`${SELECT_BANK} ORDER BY b.created_at, b.id`);
    return rows.map(toBank);
  }

  private async find(m: EntityManager | DataSource, id: string): Promise<BankRow> {
    const [row]: BankRow[] = await m.query(`${SELECT_BANK} WHERE b.id = ?`, [id]);
    if (!row) throw new NotFoundError('bank not found');
    return row;
  }

  /** Nodes added to a package widen what the bank's roles give: their codes must be the caller's. */
  private async checkAdded(m: EntityManager, caller: Principal, menus: string[], had: string[]) {
    const added = menus.filter((id) => !had.includes(id));
    if (!added.length) return;
    const rows: { permission: string | null }[] = await m.query(
      `SELECT permission FROM menu WHERE id IN (${marks(added.length)})`,
      added,
    );
    assertHeld(
      caller,
      rows.map((r) => r.permission),
      'the package',
    );
  }

  /** A bank with its head office (the root of its org tree) and its package. */
  async create(caller: Principal, input: z.output<typeof CreateBank>): Promise<Change<Bank>> {
    requireUnion(caller, 'add banks');
    const id = `bank-${input.code.toLowerCase()}`;
    const hq = `${id}-hq`;
    const row = await uniquely('a bank with this code', () =>
      this.ds.transaction(async (m) => {
        const [dup] = await m.query('SELECT id FROM bank WHERE code = ? OR id = ?', [input.code, id]);
        if (dup) throw new ConflictError('a bank with this code already exists', 'DUPLICATE');
        const menus = await packageOf(m, input.menuIds);
        await this.checkAdded(m, caller, menus, []);
        await m.query("INSERT INTO bank (id, code, name, status, created_at) VALUES (?, ?, ?, 'active', ?)", [
          id,
          input.code,
          input.name,
          new Date(),
        ]);
        await m.query(
          "INSERT INTO org (id, bank_id, parent_id, path, name, kind, sort) VALUES (?, ?, NULL, ?, ?, 'hq', 0)",
          [hq, id, `/${id}/${hq}/`, input.hqName],
        );
        for (const menuId of menus) {
          await m.query('INSERT INTO bank_menu (bank_id, menu_id) VALUES (?, ?)', [id, menuId]);
        }
        return this.find(m, id);
      }),
    );
    return { out: toBank(row), target: id, before: null, after: toBank(row) };
  }

  /**
   * Rename, disable or enable, change the package. A disabled bank's users cannot sign in or
   * refresh (`PrincipalBuilder` refuses them), and their open sessions are re-checked at once.
   */
  async update(caller: Principal, input: z.output<typeof UpdateBank>): Promise<Change<Bank>> {
    requireUnion(caller, 'change banks');
    const { before, after } = await this.ds.transaction(async (m) => {
      const before = await this.find(m, input.id);
      await m.query('SELECT id FROM bank WHERE id = ? FOR UPDATE', [input.id]);
      if (input.status === 'disabled' && input.id === UNION_BANK) {
        throw new ConflictError('the union itself cannot be disabled', 'UNION');
      }
      if (input.menuIds !== undefined) {
        if (input.id === UNION_BANK) throw new ConflictError('the union holds every menu', 'UNION');
        const menus = await packageOf(m, input.menuIds);
        await this.checkAdded(m, caller, menus, before.menu_ids ? before.menu_ids.split(',') : []);
        await m.query('DELETE FROM bank_menu WHERE bank_id = ?', [input.id]);
        for (const menuId of menus) {
          await m.query('INSERT INTO bank_menu (bank_id, menu_id) VALUES (?, ?)', [input.id, menuId]);
        }
        // grants of the bank's own roles outside the new package go (templates are bounded at use)
        if (menus.length) {
          await m.query(
            `DELETE rm FROM role_menu rm JOIN role r ON r.id = rm.role_id
              WHERE r.bank_id = ? AND rm.menu_id NOT IN (${marks(menus.length)})`,
            [input.id, ...menus],
          );
        } else {
          await m.query('DELETE rm FROM role_menu rm JOIN role r ON r.id = rm.role_id WHERE r.bank_id = ?', [
            input.id,
          ]);
        }
      }
      await m.query('UPDATE bank SET name = COALESCE(?, name), status = COALESCE(?, status) WHERE id = ?', [
        input.name ?? null,
        input.status ?? null,
        input.id,
      ]);
      return { before, after: await this.find(m, input.id) };
    });
    if (input.menuIds !== undefined || before.status !== after.status) {
      await this.sessions.accessChanged({ bank: input.id });
    }
    return { out: toBank(after), target: input.id, before: toBank(before), after: toBank(after) };
  }
}
