import { randomUUID } from 'node:crypto';
import {
  type CreditLimit,
  colleaguesCall,
  compareMoney,
  type LimitAdjustment,
  type ListLimits,
  normaliseMoney,
  orgTreeCall,
  Permissions as P,
  type Principal,
} from '@zhanye/contracts';
import {
  type Actor,
  type Bus,
  businessDate,
  ConflictError,
  callService,
  type Deadline,
  ForbiddenError,
  InputError,
  isTransientDbError,
  type Logger,
  likePrefix,
  NotFoundError,
  scopeSql,
  transactionBefore,
} from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Limits } from '../ports.ts';
import {
  applyChange,
  entriesOf,
  entryByKey,
  LIMIT_COLUMNS,
  type LimitRow,
  limitById,
  toEntry,
  toLimit,
  writeEntry,
} from './limit.ledger.ts';

type Application = Parameters<Limits['grant']>[2];
type Movement = { limitId: string; amount: string; key: string; ref: string };
type Adjustment = z.infer<typeof LimitAdjustment>;

const ORG_NAMES_TTL_MS = 60_000;
/** The post of the managers a limit is handed to (the platform's post code). */
const ACCOUNT_MANAGER_POST = 'account_manager';

const isDuplicateKey = (e: unknown) => {
  const err = e as { code?: string; driverError?: { code?: string } };
  return (err.driverError?.code ?? err.code) === 'ER_DUP_ENTRY';
};

export const need = (caller: Principal, permission: string) => {
  if (!caller.permissions.includes(permission)) throw new ForbiddenError(`requires permission ${permission}`);
};

interface AdjustmentRow {
  id: string;
  bank_id: string;
  limit_id: string;
  customer_name: string;
  from_amount: string;
  to_amount: string;
  reason: string;
  status: Adjustment['status'];
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  comment: string | null;
}

const toAdjustment = (r: AdjustmentRow): Adjustment => ({
  id: r.id,
  limitId: r.limit_id,
  customerName: r.customer_name,
  from: r.from_amount,
  to: r.to_amount,
  reason: r.reason,
  status: r.status,
  requestedBy: r.requested_by,
  requestedByName: r.requested_by_name,
  requestedAt: new Date(r.requested_at).toISOString(),
  decidedBy: r.decided_by,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  comment: r.comment,
});

/** Limits: grants, the ledger's movements, operations, adjustments, the overview. */
export class LimitService {
  private readonly orgNameCache = new Map<string, { at: number; names: Map<string, string> }>();

  constructor(
    private readonly ds: DataSource,
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {}

  /** Names of the orgs of the caller's bank (from the platform, kept a minute); empty when it is away. */
  async orgNames(caller: Principal): Promise<Map<string, string>> {
    const hit = this.orgNameCache.get(caller.bankId);
    if (hit && Date.now() - hit.at < ORG_NAMES_TTL_MS) return hit.names;
    try {
      const { orgs } = await callService(this.bus, orgTreeCall, {}, caller, 'credit');
      const names = new Map(orgs.map((o) => [o.id, o.name]));
      this.orgNameCache.set(caller.bankId, { at: Date.now(), names });
      return names;
    } catch (err) {
      this.log.debug({ err }, 'org names not available; the stored ones are shown');
      return hit?.names ?? new Map();
    }
  }

  /** A limit in the caller's data scope (404 otherwise). */
  private async scoped(
    m: EntityManager | DataSource,
    caller: Principal,
    id: string,
    mode: 'read' | 'write',
  ): Promise<LimitRow> {
    const scope = scopeSql(caller, 'l', mode);
    const [row]: LimitRow[] = await m.query(
      `SELECT ${LIMIT_COLUMNS} FROM credit_limit l WHERE l.id = ? AND ${scope.sql}`,
      [id, ...scope.params],
    );
    if (!row) throw new NotFoundError('no such limit');
    return row;
  }

  // ---- grant (the applications part, in the approval's transaction) ----

  async grant(m: EntityManager, actor: Actor, app: Application): Promise<string> {
    const amount = normaliseMoney(app.amount);
    const today = businessDate();
    const orgName = actor.caller.orgId === app.orgId ? actor.caller.orgName : '';
    let parentId: string | null = null;
    if (app.groupId) {
      // one comprehensive limit per group (一键多申): created by the first grant, raised by the next
      await m.query(
        `INSERT INTO credit_limit (id, bank_id, org_id, org_path, org_name, owner_id, owner_name, kind, group_id,
            comprehensive_group, customer_id, customer_name, granted, used, frozen, available, status, valid_from,
            valid_to, renewals, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'comprehensive', ?, ?, ?, ?, ?, 0, 0, ?, 'active', ?,
            DATE_ADD(?, INTERVAL ? MONTH), 0, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))
         ON DUPLICATE KEY UPDATE granted = granted + VALUES(granted), available = available + VALUES(available),
            valid_to = GREATEST(valid_to, VALUES(valid_to)), version = version + 1, updated_at = UTC_TIMESTAMP(3)`,
        [
          randomUUID(),
          app.bankId,
          app.orgId,
          app.orgPath,
          orgName,
          app.ownerId,
          app.ownerName,
          app.groupId,
          app.groupId,
          app.customerId,
          app.customerName,
          amount,
          amount,
          today,
          today,
          app.termMonths,
        ],
      );
      const [parent]: LimitRow[] = await m.query(
        `SELECT ${LIMIT_COLUMNS} FROM credit_limit l WHERE l.bank_id = ? AND l.comprehensive_group = ?`,
        [app.bankId, app.groupId],
      );
      if (!parent) throw new Error('comprehensive limit missing after upsert');
      if (parent.customer_id !== app.customerId) {
        throw new ConflictError('a group of applications is one customer’s', 'GROUP_CUSTOMER_MISMATCH');
      }
      parentId = parent.id;
      await writeEntry(m, parent, { kind: 'grant', amount, ref: app.id, reason: app.productName }, actor);
    }
    const id = randomUUID();
    await m.query(
      `INSERT INTO credit_limit (id, bank_id, org_id, org_path, org_name, owner_id, owner_name, kind, parent_id,
          group_id, customer_id, customer_name, product_code, product_name, granted, used, frozen, available,
          status, valid_from, valid_to, application_id, renewals, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'credit', ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 'active', ?, DATE_ADD(?, INTERVAL ? MONTH),
          ?, 0, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
      [
        id,
        app.bankId,
        app.orgId,
        app.orgPath,
        orgName,
        app.ownerId,
        app.ownerName,
        parentId,
        app.groupId,
        app.customerId,
        app.customerName,
        app.productCode,
        app.productName,
        amount,
        amount,
        today,
        today,
        app.termMonths,
        app.id,
      ],
    );
    await writeEntry(m, await limitById(m, id), { kind: 'grant', amount, ref: app.id }, actor);
    return id;
  }

  // ---- reads ----

  async list(caller: Principal, input: z.output<typeof ListLimits>) {
    const scope = scopeSql(caller, 'l');
    const where = [scope.sql];
    const params: unknown[] = [...scope.params];
    if (input.customerId) {
      where.push('l.customer_id = ?');
      params.push(input.customerId);
    }
    if (input.status) {
      where.push('l.status = ?');
      params.push(input.status);
    }
    if (input.orgId) {
      where.push('l.org_id = ?');
      params.push(input.orgId);
    }
    if (input.q) {
      where.push('(l.customer_name LIKE ? OR l.product_name LIKE ?)');
      params.push(likePrefix(input.q), likePrefix(input.q));
    }
    const sqlWhere = where.join(' AND ');
    const [count]: { n: number | string }[] = await this.ds.query(
      `SELECT COUNT(*) AS n FROM credit_limit l WHERE ${sqlWhere}`,
      params,
    );
    const rows: LimitRow[] = await this.ds.query(
      `SELECT ${LIMIT_COLUMNS} FROM credit_limit l WHERE ${sqlWhere}
        ORDER BY l.created_at DESC, l.id LIMIT ? OFFSET ?`,
      [...params, input.pageSize, (input.page - 1) * input.pageSize],
    );
    const names = await this.orgNames(caller);
    return {
      items: rows.map((r) => toLimit(r, names)),
      total: Number(count?.n ?? 0),
      page: input.page,
      pageSize: input.pageSize,
    };
  }

  async detail(caller: Principal, id: string) {
    const row = await this.scoped(this.ds, caller, id, 'read');
    const subs: LimitRow[] =
      row.kind === 'comprehensive'
        ? await this.ds.query(
            `SELECT ${LIMIT_COLUMNS} FROM credit_limit l WHERE l.parent_id = ? ORDER BY l.created_at, l.id`,
            [row.id],
          )
        : [];
    const names = await this.orgNames(caller);
    return {
      limit: toLimit(row, names),
      entries: await entriesOf(this.ds.manager, row.id),
      subLimits: subs.map((s) => toLimit(s, names)),
    };
  }

  /**
   * Sums per customer or per branch of the limits that still count (active or frozen), top-level
   * only (a sub-limit is inside its comprehensive limit), in DECIMAL arithmetic.
   */
  async overview(caller: Principal, by: 'customer' | 'branch') {
    const scope = scopeSql(caller, 'l');
    const key = by === 'customer' ? 'l.customer_id' : 'l.org_id';
    const name = by === 'customer' ? 'MAX(l.customer_name)' : 'MAX(l.org_name)';
    const rows: {
      k: string;
      name: string;
      n: number | string;
      granted: string;
      used: string;
      frozen: string;
      available: string;
    }[] = await this.ds.query(
      `SELECT ${key} AS k, ${name} AS name, COUNT(*) AS n, SUM(l.granted) AS granted, SUM(l.used) AS used,
              SUM(l.frozen) AS frozen, SUM(l.available) AS available
         FROM credit_limit l
        WHERE ${scope.sql} AND l.parent_id IS NULL AND l.status IN ('active', 'frozen')
        GROUP BY ${key} ORDER BY SUM(l.granted) DESC LIMIT 500`,
      scope.params,
    );
    const names = by === 'branch' ? await this.orgNames(caller) : undefined;
    return {
      by,
      rows: rows.map((r) => ({
        key: r.k,
        name: names?.get(r.k) ?? r.name,
        limits: Number(r.n),
        granted: normaliseMoney(String(r.granted)),
        used: normaliseMoney(String(r.used)),
        frozen: normaliseMoney(String(r.frozen)),
        available: normaliseMoney(String(r.available)),
      })),
    };
  }

  async customerLimits(caller: Principal, customerId: string): Promise<CreditLimit[]> {
    need(caller, P.limitRead);
    const scope = scopeSql(caller, 'l');
    const rows: LimitRow[] = await this.ds.query(
      `SELECT ${LIMIT_COLUMNS} FROM credit_limit l WHERE l.customer_id = ? AND ${scope.sql}
        ORDER BY l.created_at, l.id LIMIT 200`,
      [customerId, ...scope.params],
    );
    return rows.map((r) => toLimit(r));
  }

  // ---- reserve and release (drawdowns, over NATS) ----

  /**
   * Reserves (or releases) an amount on a limit, once per idempotency key. A sub-limit's movement
   * also moves its comprehensive limit, parent first, both conditional, in one transaction.
   */
  async move(caller: Principal, kind: 'reserve' | 'release', input: Movement, deadline: Deadline) {
    need(caller, P.limitManage);
    const amount = normaliseMoney(input.amount);
    const actor: Actor = { caller, clientIp: null };
    for (let attempt = 0; ; attempt++) {
      try {
        return await transactionBefore(this.ds, deadline, async (m) => {
          const row = await this.scoped(m, caller, input.limitId, 'write');
          if (row.kind === 'comprehensive') {
            throw new ConflictError('drawdowns draw on a product’s sub-limit', 'COMPREHENSIVE_LIMIT');
          }
          const seen = await entryByKey(m, row.bank_id, kind, input.key);
          if (seen) return this.replay(m, seen, input.limitId, amount);
          const reserve = kind === 'reserve';
          const change = reserve
            ? {
                kind,
                amount,
                set: 'available = available - ?, used = used + ?',
                setParams: [amount, amount],
                when: "available >= ? AND status = 'active'",
                whenParams: [amount],
              }
            : {
                kind,
                amount,
                set: 'available = available + ?, used = used - ?',
                setParams: [amount, amount],
                when: 'used >= ?',
                whenParams: [amount],
              };
          if (row.parent_id) await applyChange(m, row.parent_id, { ...change, ref: input.ref }, actor);
          const { row: after, entryId } = await applyChange(
            m,
            row.id,
            { ...change, key: input.key, ref: input.ref },
            actor,
          );
          return { limit: toLimit(after), entryId, replayed: false };
        });
      } catch (e) {
        // the same key arriving twice at once: the second insert of the key loses; it replays
        if (attempt < 2 && (isDuplicateKey(e) || isTransientDbError(e))) continue;
        throw e;
      }
    }
  }

  private async replay(
    m: EntityManager,
    seen: NonNullable<Awaited<ReturnType<typeof entryByKey>>>,
    limitId: string,
    amount: string,
  ) {
    if (seen.limit_id !== limitId || compareMoney(seen.amount, amount) !== 0) {
      throw new ConflictError('this idempotency key was used for another movement', 'IDEMPOTENCY_KEY_REUSED');
    }
    return { limit: toLimit(await limitById(m, limitId)), entryId: toEntry(seen).id, replayed: true };
  }

  // ---- operations from the pages ----

  private async operate(
    caller: Principal,
    deadline: Deadline,
    id: string,
    work: (m: EntityManager, row: LimitRow, actor: Actor) => Promise<LimitRow>,
  ): Promise<{ before: CreditLimit; after: CreditLimit }> {
    const actor: Actor = { caller, clientIp: null };
    const out = await transactionBefore(this.ds, deadline, async (m) => {
      const row = await this.scoped(m, caller, id, 'write');
      return { before: row, after: await work(m, row, actor) };
    });
    const names = await this.orgNames(caller);
    return { before: toLimit(out.before, names), after: toLimit(out.after, names) };
  }

  freeze(
    caller: Principal,
    deadline: Deadline,
    input: { id: string; version: number; reason: string; amount: string },
    unfreeze: boolean,
  ) {
    const amount = normaliseMoney(input.amount);
    return this.operate(caller, deadline, input.id, async (m, row, actor) => {
      const change = unfreeze
        ? {
            kind: 'unfreeze' as const,
            set: "frozen = frozen - ?, available = available + ?, status = 'active'",
            when: "frozen >= ? AND status IN ('active', 'frozen')",
          }
        : {
            kind: 'freeze' as const,
            // the whole available amount frozen: the limit is frozen (nothing may be drawn)
            set: "available = available - ?, frozen = frozen + ?, status = IF(available = 0, 'frozen', status)",
            when: "available >= ? AND status IN ('active', 'frozen')",
          };
      return (
        await applyChange(
          m,
          row.id,
          {
            ...change,
            amount,
            setParams: [amount, amount],
            whenParams: [amount],
            version: input.version,
            reason: input.reason,
          },
          actor,
        )
      ).row;
    });
  }

  cancel(caller: Principal, deadline: Deadline, input: { id: string; version: number; reason: string }) {
    return this.operate(caller, deadline, input.id, async (m, row, actor) => {
      const change = {
        kind: 'cancel' as const,
        amount: row.available,
        set: "status = 'cancelled'",
        setParams: [],
        when: "status IN ('active', 'frozen')",
        whenParams: [],
        reason: input.reason,
      };
      const { row: after } = await applyChange(m, row.id, { ...change, version: input.version }, actor);
      // a comprehensive limit's sub-limits end with it
      const subs: { id: string; available: string }[] = await m.query(
        "SELECT id, available FROM credit_limit WHERE parent_id = ? AND status IN ('active', 'frozen')",
        [row.id],
      );
      for (const s of subs) await applyChange(m, s.id, { ...change, amount: s.available }, actor);
      return after;
    });
  }

  /** The account managers of the caller's bank (a transfer's picker). */
  async managers(caller: Principal, deadline: Deadline) {
    const { users } = await callService(
      this.bus,
      colleaguesCall,
      { post: ACCOUNT_MANAGER_POST },
      caller,
      'credit',
      { deadline },
    );
    return {
      items: users.map((u) => ({ userId: u.userId, displayName: u.displayName, orgName: u.orgName })),
    };
  }

  async transfer(
    caller: Principal,
    deadline: Deadline,
    input: { id: string; version: number; reason: string; toUserId: string },
  ) {
    // out of scope is 404 before anything is said about the person named
    await this.scoped(this.ds, caller, input.id, 'write');
    const { users } = await callService(
      this.bus,
      colleaguesCall,
      { userIds: [input.toUserId] },
      caller,
      'credit',
      { deadline },
    );
    const to = users.find((u) => u.userId === input.toUserId);
    if (!to) throw new InputError('invalid input', { toUserId: ['not an active user of the bank'] });
    return this.operate(caller, deadline, input.id, async (m, row, actor) => {
      if (row.owner_id === to.userId) {
        throw new InputError('invalid input', { toUserId: ['the limit is already theirs'] });
      }
      const change = {
        kind: 'transfer' as const,
        amount: '0.00',
        set: 'owner_id = ?, owner_name = ?, org_id = ?, org_path = ?, org_name = ?',
        setParams: [to.userId, to.displayName, to.orgId, to.orgPath, to.orgName],
        when: '1 = 1',
        whenParams: [],
        reason: `${row.owner_name} → ${to.displayName}: ${input.reason}`,
      };
      const { row: after } = await applyChange(m, row.id, { ...change, version: input.version }, actor);
      // the sub-limits of a comprehensive limit go with it
      const subs: { id: string }[] = await m.query('SELECT id FROM credit_limit WHERE parent_id = ?', [
        row.id,
      ]);
      for (const s of subs) await applyChange(m, s.id, change, actor);
      return after;
    });
  }

  // ---- adjustments (动态调额) ----

  async requestAdjustment(
    caller: Principal,
    deadline: Deadline,
    input: { id: string; version: number; reason: string; granted: string },
  ): Promise<{ adjustment: Adjustment; before: CreditLimit; after: CreditLimit }> {
    const to = normaliseMoney(input.granted);
    const actor: Actor = { caller, clientIp: null };
    const out = await transactionBefore(this.ds, deadline, async (m) => {
      const row = await this.scoped(m, caller, input.id, 'write');
      if (row.status !== 'active' && row.status !== 'frozen') {
        throw new ConflictError(`the limit is ${row.status}`, 'LIMIT_NOT_ACTIVE');
      }
      if (Number(row.version) !== input.version) {
        throw new ConflictError('the limit changed meanwhile; reload it and try again', 'STALE_VERSION');
      }
      const cmp = compareMoney(to, row.granted);
      if (cmp === 0) throw new InputError('invalid input', { granted: ['the limit is already that much'] });
      let after = row;
      let status: Adjustment['status'] = 'pending';
      if (cmp < 0) {
        // a decrease applies at once, never below what is used and frozen
        after = (
          await applyChange(
            m,
            row.id,
            {
              kind: 'adjust',
              amount: to,
              set: 'available = available - (granted - ?), granted = ?',
              setParams: [to, to],
              when: 'available >= granted - ?',
              whenParams: [to],
              version: input.version,
              reason: input.reason,
            },
            actor,
          )
        ).row;
        status = 'applied';
      } else {
        const [pending]: { id: string }[] = await m.query(
          "SELECT id FROM limit_adjustment WHERE limit_id = ? AND status = 'pending' FOR UPDATE",
          [row.id],
        );
        if (pending)
          throw new ConflictError('an increase is already waiting for approval', 'ADJUSTMENT_PENDING');
      }
      const id = randomUUID();
      await m.query(
        `INSERT INTO limit_adjustment (id, bank_id, org_id, org_path, owner_id, limit_id, customer_name, from_amount,
            to_amount, reason, status, requested_by, requested_by_name, requested_at, decided_by, decided_by_name,
            decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3), ?, ?, ?)`,
        [
          id,
          row.bank_id,
          row.org_id,
          row.org_path,
          row.owner_id,
          row.id,
          row.customer_name,
          row.granted,
          to,
          input.reason,
          status,
          caller.userId,
          caller.displayName,
          status === 'applied' ? caller.userId : null,
          status === 'applied' ? caller.displayName : null,
          status === 'applied' ? new Date() : null,
        ],
      );
      return { id, before: row, after };
    });
    return {
      adjustment: await this.adjustment(this.ds.manager, out.id),
      before: toLimit(out.before),
      after: toLimit(out.after),
    };
  }

  private async adjustment(m: EntityManager, id: string): Promise<Adjustment> {
    const [row]: AdjustmentRow[] = await m.query('SELECT * FROM limit_adjustment WHERE id = ?', [id]);
    if (!row) throw new NotFoundError('no such adjustment');
    return toAdjustment(row);
  }

  async listAdjustments(caller: Principal, status: Adjustment['status'] | undefined) {
    const scope = scopeSql(caller, 'a');
    const rows: AdjustmentRow[] = await this.ds.query(
      `SELECT a.* FROM limit_adjustment a WHERE ${scope.sql}${status ? ' AND a.status = ?' : ''}
        ORDER BY a.requested_at DESC, a.id LIMIT 200`,
      [...scope.params, ...(status ? [status] : [])],
    );
    return { items: rows.map(toAdjustment) };
  }

  /** Approves (and applies) or rejects an increase; never by whoever asked for it. */
  async decideAdjustment(
    caller: Principal,
    deadline: Deadline,
    input: { id: string; approve: boolean; comment: string },
  ): Promise<{ before: Adjustment; after: Adjustment }> {
    const actor: Actor = { caller, clientIp: null };
    return transactionBefore(this.ds, deadline, async (m) => {
      const scope = scopeSql(caller, 'a', 'write');
      const [row]: AdjustmentRow[] = await m.query(
        `SELECT a.* FROM limit_adjustment a WHERE a.id = ? AND ${scope.sql} FOR UPDATE`,
        [input.id, ...scope.params],
      );
      if (!row) throw new NotFoundError('no such adjustment');
      if (row.status !== 'pending') {
        throw new ConflictError(`the adjustment is ${row.status}`, 'ADJUSTMENT_DECIDED');
      }
      if (row.requested_by === caller.userId) {
        throw new ForbiddenError(
          'an increase is approved by someone other than who asked for it',
          'FOUR_EYES',
        );
      }
      if (input.approve) {
        await applyChange(
          m,
          row.limit_id,
          {
            kind: 'adjust',
            amount: row.to_amount,
            set: 'available = available + (? - granted), granted = ?',
            setParams: [row.to_amount, row.to_amount],
            when: "granted < ? AND status IN ('active', 'frozen')",
            whenParams: [row.to_amount],
            reason: row.reason,
            ref: row.id,
          },
          actor,
        );
      }
      await m.query(
        `UPDATE limit_adjustment SET status = ?, decided_by = ?, decided_by_name = ?, decided_at = UTC_TIMESTAMP(3),
            comment = ? WHERE id = ?`,
        [
          input.approve ? 'approved' : 'rejected',
          caller.userId,
          caller.displayName,
          input.comment || null,
          row.id,
        ],
      );
      return { before: toAdjustment(row), after: await this.adjustment(m, row.id) };
    });
  }
}
