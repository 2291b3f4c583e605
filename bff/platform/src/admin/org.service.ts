import { randomBytes } from 'node:crypto';
import { type CreateOrg, type Org, orgMoved, type Principal, type UpdateOrg } from '@zhanye/contracts';
import { appendEvent, ConflictError, InputError, likePrefix, NotFoundError } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { SessionControl } from '../session/session.port.ts';
import { actingBank, assertBank, type Change } from './admin.scope.ts';

interface OrgRow {
  id: string;
  bank_id: string;
  parent_id: string | null;
  path: string;
  name: string;
  kind: 'hq' | 'branch' | 'subbranch';
  sort: number;
  user_count?: string | number;
}

const toOrg = (r: OrgRow): Org => ({
  id: r.id,
  bankId: r.bank_id,
  parentId: r.parent_id,
  path: r.path,
  name: r.name,
  kind: r.kind,
  sort: Number(r.sort),
  userCount: Number(r.user_count ?? 0),
});

/** Depth first, siblings by `sort` then name: the order a tree shows them in. */
function treeOrder(rows: OrgRow[]): OrgRow[] {
  const out: OrgRow[] = [];
  const ids = new Set(rows.map((r) => r.id));
  const walk = (parent: string | null) => {
    for (const r of rows
      .filter((x) => (parent === null ? !x.parent_id || !ids.has(x.parent_id) : x.parent_id === parent))
      .sort((a, b) => Number(a.sort) - Number(b.sort) || a.name.localeCompare(b.name, 'zh-CN'))) {
      out.push(r);
      walk(r.id);
    }
  };
  walk(null);
  return out;
}

/** The org tree of each bank: materialised paths (`/<bank>/<hq>/<branch>/`), kept whole on a move. */
export class OrgService {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionControl,
  ) {}

  async list(caller: Principal, bankId?: string): Promise<Org[]> {
    const bank = actingBank(caller, bankId);
    const rows: OrgRow[] = await this.ds.query(
      `SELECT o.*, (SELECT COUNT(*) FROM user u WHERE u.org_id = o.id) AS user_count
         FROM org o WHERE o.bank_id = ?`,
      [bank],
    );
    return treeOrder(rows).map(toOrg);
  }

  private async find(m: EntityManager | DataSource, caller: Principal, id: string, lock = false) {
    const [row]: OrgRow[] = await m.query(
      `SELECT o.*, (SELECT COUNT(*) FROM user u WHERE u.org_id = o.id) AS user_count
         FROM org o WHERE o.id = ?${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    assertBank(caller, row?.bank_id, 'org');
    return row as OrgRow;
  }

  async create(caller: Principal, input: z.output<typeof CreateOrg>): Promise<Change<Org>> {
    const out = await this.ds.transaction(async (m) => {
      const parent = await this.find(m, caller, input.parentId, true);
      const id = `o-${randomBytes(6).toString('hex')}`;
      const path = `${parent.path}${id}/`;
      if (path.length > 255) throw new InputError('the tree is too deep', { parentId: ['too deep'] });
      await m.query(
        'INSERT INTO org (id, bank_id, parent_id, path, name, kind, sort) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [id, parent.bank_id, parent.id, path, input.name, input.kind, input.sort],
      );
      return this.find(m, caller, id);
    });
    await this.sessions.accessChanged({ bank: out.bank_id });
    return { out: toOrg(out), target: out.id, before: null, after: toOrg(out) };
  }

  /** Rename, reorder, or move under another org of the same bank: the subtree's paths follow. */
  async update(caller: Principal, input: z.output<typeof UpdateOrg>): Promise<Change<Org>> {
    const { before, after } = await this.ds.transaction(async (m) => {
      const org = await this.find(m, caller, input.id, true);
      if (input.parentId !== undefined && input.parentId !== org.parent_id) {
        if (!org.parent_id) throw new ConflictError('the head office cannot move', 'HQ');
        const parent = await this.find(m, caller, input.parentId, true);
        if (parent.bank_id !== org.bank_id) throw new NotFoundError('org not found');
        if (parent.path.startsWith(org.path)) {
          throw new InputError('an org cannot move under itself', { parentId: ['inside the moved subtree'] });
        }
        const path = `${parent.path}${org.id}/`;
        const [{ deepest }] = await m.query(
          'SELECT COALESCE(MAX(LENGTH(path)), 0) AS deepest FROM org WHERE bank_id = ? AND path LIKE ?',
          [org.bank_id, `${org.path}%`],
        );
        if (Number(deepest) - org.path.length + path.length > 255) {
          throw new InputError('the tree would be too deep', { parentId: ['too deep'] });
        }
        // every path below starts with the old prefix: swap it for the new one, in this transaction
        await m.query(
          `UPDATE org SET path = CONCAT(?, SUBSTRING(path, ?)) WHERE bank_id = ? AND path LIKE ?`,
          [path, org.path.length + 1, org.bank_id, likePrefix(org.path)],
        );
        await m.query('UPDATE org SET parent_id = ? WHERE id = ?', [parent.id, org.id]);
        // domain rows carry org paths too: they follow through the outbox, committed with this move
        await appendEvent(m, orgMoved, org.bank_id, {
          bankId: org.bank_id,
          orgId: org.id,
          fromPath: org.path,
          toPath: path,
        });
      }
      if (input.name !== undefined || input.sort !== undefined) {
        await m.query('UPDATE org SET name = COALESCE(?, name), sort = COALESCE(?, sort) WHERE id = ?', [
          input.name ?? null,
          input.sort ?? null,
          org.id,
        ]);
      }
      return { before: org, after: await this.find(m, caller, org.id) };
    });
    // paths are in principals (`orgPath`) and in custom scopes expanded from subtrees
    if (before.path !== after.path) await this.sessions.accessChanged({ bank: after.bank_id });
    return { out: toOrg(after), target: after.id, before: toOrg(before), after: toOrg(after) };
  }

  /** Only an empty org goes: no sub-orgs, no users; custom scopes naming it lose it. */
  async remove(caller: Principal, id: string): Promise<Change<{ ok: true }>> {
    const org = await this.ds.transaction(async (m) => {
      const org = await this.find(m, caller, id, true);
      if (!org.parent_id) throw new ConflictError('the head office cannot be removed', 'HQ');
      const [{ n }] = await m.query('SELECT COUNT(*) AS n FROM org WHERE parent_id = ?', [id]);
      if (Number(n) > 0)
        throw new ConflictError('the org has sub-orgs: move or remove them first', 'NOT_EMPTY');
      if (Number(org.user_count) > 0) {
        throw new ConflictError('the org has users: move them first', 'NOT_EMPTY');
      }
      await m.query('DELETE FROM role_org WHERE org_id = ?', [id]);
      await m.query('DELETE FROM org WHERE id = ?', [id]);
      return org;
    });
    await this.sessions.accessChanged({ bank: org.bank_id });
    return { out: { ok: true }, target: id, before: toOrg(org), after: null };
  }
}
