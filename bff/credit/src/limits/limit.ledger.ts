import { randomUUID } from 'node:crypto';
import { type CreditLimit, type LimitEntry, limitChanged } from '@zhanye/contracts';
import { type Actor, appendEvent, ConflictError, NotFoundError } from '@zhanye/kit';
import type { EntityManager } from 'typeorm';

/** A `credit_limit` row as the queries here select it (dates as `YYYY-MM-DD`, money as strings). */
export interface LimitRow {
  id: string;
  bank_id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  owner_id: string;
  owner_name: string;
  kind: CreditLimit['kind'];
  parent_id: string | null;
  group_id: string | null;
  customer_id: string;
  customer_name: string;
  product_code: string | null;
  product_name: string | null;
  granted: string;
  used: string;
  frozen: string;
  available: string;
  status: CreditLimit['status'];
  valid_from: string;
  valid_to: string;
  application_id: string | null;
  renewals: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The columns of a limit, `l` being its alias. */
export const LIMIT_COLUMNS = `l.id, l.bank_id, l.org_id, l.org_path, l.org_name, l.owner_id, l.owner_name, l.kind,
  l.parent_id, l.group_id, l.customer_id, l.customer_name, l.product_code, l.product_name, l.granted, l.used,
  l.frozen, l.available, l.status, DATE_FORMAT(l.valid_from, '%Y-%m-%d') AS valid_from,
  DATE_FORMAT(l.valid_to, '%Y-%m-%d') AS valid_to, l.application_id, l.renewals, l.version, l.created_at, l.updated_at`;

export function toLimit(row: LimitRow, orgNames?: ReadonlyMap<string, string>): CreditLimit {
  return {
    id: row.id,
    kind: row.kind,
    parentId: row.parent_id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    productCode: row.product_code,
    productName: row.product_name,
    granted: row.granted,
    used: row.used,
    frozen: row.frozen,
    available: row.available,
    status: row.status,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    applicationId: row.application_id,
    renewals: Number(row.renewals),
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    orgId: row.org_id,
    orgName: orgNames?.get(row.org_id) ?? row.org_name,
    version: Number(row.version),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** A limit by id, unscoped (the caller has already been checked), locked when `lock`. */
export async function limitById(m: EntityManager, id: string, lock = false): Promise<LimitRow> {
  const [row]: LimitRow[] = await m.query(
    `SELECT ${LIMIT_COLUMNS} FROM credit_limit l WHERE l.id = ?${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!row) throw new NotFoundError('no such limit');
  return row;
}

export type EntryKind = LimitEntry['kind'];

/**
 * Each change of a limit's figures is ONE conditional update: it applies only while the figures
 * allow it (and the status, and the version the person saw), so no interleaving of requests can
 * oversell or drive a figure below zero. `set` and `when` are SQL over the row's columns; `?` are
 * bound from `params` (set's first, then when's).
 */
export interface Change {
  kind: EntryKind;
  amount: string;
  set: string;
  setParams: unknown[];
  when: string;
  whenParams: unknown[];
  /** The version the person saw (operations from a page); absent for reserve, release and jobs. */
  version?: number;
  key?: string | null;
  ref?: string | null;
  reason?: string | null;
}

interface UpdateResult {
  affectedRows?: number;
}

/**
 * Applies a change to one limit and writes its ledger line (with the figures after) and a
 * `limitChanged` event; returns the row after, or throws 409 naming why it could not apply.
 */
export async function applyChange(
  m: EntityManager,
  limitId: string,
  change: Change,
  actor: Actor,
): Promise<{ row: LimitRow; entryId: string }> {
  const versionSql = change.version === undefined ? '' : ' AND version = ?';
  const res: UpdateResult = await m.query(
    `UPDATE credit_limit SET ${change.set}, version = version + 1, updated_at = UTC_TIMESTAMP(3)
      WHERE id = ? AND (${change.when})${versionSql}`,
    [
      ...change.setParams,
      limitId,
      ...change.whenParams,
      ...(change.version === undefined ? [] : [change.version]),
    ],
  );
  if (res.affectedRows !== 1) {
    const row = await limitById(m, limitId);
    if (change.version !== undefined && Number(row.version) !== change.version) {
      throw new ConflictError('the limit changed meanwhile; reload it and try again', 'STALE_VERSION');
    }
    throw refusalOf(change.kind, row);
  }
  const row = await limitById(m, limitId);
  const entryId = await writeEntry(m, row, change, actor);
  return { row, entryId };
}

/** Why a conditional change did not apply to `row`. */
function refusalOf(kind: EntryKind, row: LimitRow): ConflictError {
  const active = row.status === 'active';
  const open = active || row.status === 'frozen';
  switch (kind) {
    case 'reserve':
      return active
        ? new ConflictError('the limit has not that much available', 'INSUFFICIENT_LIMIT')
        : new ConflictError(`the limit is ${row.status}`, 'LIMIT_NOT_ACTIVE');
    case 'release':
      return new ConflictError('more than is used on the limit', 'RELEASE_EXCEEDS_USED');
    case 'freeze':
      return open
        ? new ConflictError('the limit has not that much available', 'INSUFFICIENT_LIMIT')
        : new ConflictError(`the limit is ${row.status}`, 'LIMIT_NOT_ACTIVE');
    case 'unfreeze':
      return open
        ? new ConflictError('more than is frozen on the limit', 'EXCEEDS_FROZEN')
        : new ConflictError(`the limit is ${row.status}`, 'LIMIT_NOT_ACTIVE');
    case 'adjust':
      return open
        ? new ConflictError('the limit may not go below what is used and frozen', 'BELOW_USED')
        : new ConflictError(`the limit is ${row.status}`, 'LIMIT_NOT_ACTIVE');
    default:
      return new ConflictError(`the limit is ${row.status}`, 'LIMIT_NOT_ACTIVE');
  }
}

/** A ledger line with the figures of `row` (after the change), and the `limitChanged` event. */
export async function writeEntry(
  m: EntityManager,
  row: LimitRow,
  change: Pick<Change, 'kind' | 'amount' | 'key' | 'ref' | 'reason'>,
  actor: Actor,
): Promise<string> {
  const id = randomUUID();
  await m.query(
    `INSERT INTO limit_entry (id, bank_id, limit_id, kind, amount, op_key, ref, reason, by_id, by_name, at,
        granted_after, used_after, frozen_after, available_after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3), ?, ?, ?, ?)`,
    [
      id,
      row.bank_id,
      row.id,
      change.kind,
      change.amount,
      change.key ?? null,
      change.ref ?? null,
      change.reason ?? null,
      actor.caller.userId,
      actor.caller.displayName,
      row.granted,
      row.used,
      row.frozen,
      row.available,
    ],
  );
  await appendEvent(m, limitChanged, row.bank_id, {
    limitId: row.id,
    customerId: row.customer_id,
    kind: change.kind,
    status: row.status,
    granted: row.granted,
    used: row.used,
    frozen: row.frozen,
    available: row.available,
    validTo: row.valid_to,
  });
  return id;
}

interface EntryRow {
  id: string;
  limit_id: string;
  kind: EntryKind;
  amount: string;
  op_key: string | null;
  ref: string | null;
  reason: string | null;
  by_id: string;
  by_name: string;
  at: Date;
  granted_after: string;
  used_after: string;
  frozen_after: string;
  available_after: string;
}

export const toEntry = (r: EntryRow): LimitEntry => ({
  id: r.id,
  limitId: r.limit_id,
  kind: r.kind,
  amount: r.amount,
  key: r.op_key,
  ref: r.ref,
  reason: r.reason,
  by: r.by_id,
  byName: r.by_name,
  at: new Date(r.at).toISOString(),
  after: {
    granted: r.granted_after,
    used: r.used_after,
    frozen: r.frozen_after,
    available: r.available_after,
  },
});

export async function entriesOf(m: EntityManager, limitId: string, limit = 200): Promise<LimitEntry[]> {
  const rows: EntryRow[] = await m.query(
    'SELECT * FROM limit_entry WHERE limit_id = ? ORDER BY seq DESC LIMIT ?',
    [limitId, limit],
  );
  return rows.map(toEntry);
}

/** The entry written under an idempotency key for a kind of movement, if any. */
export async function entryByKey(
  m: EntityManager,
  bankId: string,
  kind: EntryKind,
  key: string,
): Promise<EntryRow | undefined> {
  const [row]: EntryRow[] = await m.query(
    'SELECT * FROM limit_entry WHERE bank_id = ? AND kind = ? AND op_key = ?',
    [bankId, kind, key],
  );
  return row;
}
