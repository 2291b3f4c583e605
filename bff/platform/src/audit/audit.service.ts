import {
  type AuditChainCheck,
  type AuditEntry,
  type AuditQuery,
  type AuditRecord,
  type AuditVerification,
  type EventEnvelope,
  type Principal,
  UNION_CHAIN,
} from '@zhanye/contracts';
import { InputError, scopeSql } from '@zhanye/kit';
import { stringify } from 'csv-stringify/sync';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { type ChainedFields, chainHash, GENESIS_HASH } from './audit.chain.ts';

interface AuditRow {
  id: string;
  chain: string;
  seq: string | number;
  prev_hash: string;
  hash: string;
  at: Date;
  owner_id: string | null;
  username: string | null;
  bank_id: string | null;
  org_id: string | null;
  org_path: string | null;
  action: string;
  target: string | null;
  result: string;
  status: number;
  request_id: string;
  service: string;
  input: string | null;
  before_state: string | null;
  after_state: string | null;
}

const cut = (s: string | null | undefined, n: number): string | null => (s == null ? null : s.slice(0, n));
const parseJson = (s: string | null): unknown => (s == null ? null : JSON.parse(s));
const toJson = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** A stored row as the fields its hash covers (JSON columns parsed back, time as ISO). */
function chained(row: AuditRow): ChainedFields {
  return {
    id: row.id,
    seq: Number(row.seq),
    at: new Date(row.at).toISOString(),
    userId: row.owner_id,
    username: row.username,
    bankId: row.bank_id,
    orgId: row.org_id,
    orgPath: row.org_path,
    action: row.action,
    target: row.target,
    result: row.result,
    status: Number(row.status),
    requestId: row.request_id,
    service: row.service,
    input: parseJson(row.input),
    before: parseJson(row.before_state),
    after: parseJson(row.after_state),
  };
}

/**
 * Where an export part continues: the (at, id) of the last record sent, opaque to the client
 * (base64url of `<at ISO>|<id>`). It names only a record the caller has just received, and the
 * next part is read through the same data-scope filter, so a forged cursor reveals nothing.
 */
export const encodeCursor = (row: { at: Date | string; id: string }): string =>
  Buffer.from(`${new Date(row.at).toISOString()}|${row.id}`).toString('base64url');

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([\s\S]{1,36})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  const at = m ? new Date(m[1]!) : undefined;
  if (!m || !at || Number.isNaN(at.getTime())) {
    throw new InputError('invalid export cursor', { cursor: ['not a cursor this export returned'] });
  }
  return { at, id: m[2]! };
}

/** The chain an entry is appended to: its bank's, or the union's when no bank is known. */
export const chainOf = (bankId: string | null): string => bankId || UNION_CHAIN;

/** The most rows one part of an export reads (a part also stops at the message size). */
export const EXPORT_PART_ROWS = 5_000;
const EXPORT_COLUMNS = [
  'chain',
  'seq',
  'at',
  'username',
  'userId',
  'bankId',
  'orgId',
  'action',
  'target',
  'result',
  'status',
  'service',
  'requestId',
  'input',
  'before',
  'after',
  'hash',
];

type AuditFilter = Omit<z.output<typeof AuditQuery>, 'page' | 'pageSize'>;

/** The audit log: appends to the hash chains (from the event consumer), lists and verifies them. */
export class AuditService {
  /** Chains whose head row is known to exist (heads are never removed). */
  private readonly heads = new Set<string>();

  constructor(private readonly ds: DataSource) {}

  /**
   * Makes sure a chain has its head row, outside the caller's transaction (autocommit), before the
   * head is locked: creating it inside, where two appends could both find it missing, would let
   * their gap and row locks deadlock.
   */
  private async ensureHead(chain: string): Promise<void> {
    if (this.heads.has(chain)) return;
    const [found] = await this.ds.query('SELECT 1 AS x FROM audit_chain WHERE chain = ?', [chain]);
    if (!found) {
      await this.ds.query('INSERT IGNORE INTO audit_chain (chain, seq, hash) VALUES (?, 0, ?)', [
        chain,
        GENESIS_HASH,
      ]);
    }
    this.heads.add(chain);
  }

  /**
   * Appends one entry to its bank's chain (`*` without a bank), in the consumer's transaction (with
   * its processed-event row). That chain's head is locked first, so concurrent appends to one
   * chain, from this or another copy, queue up behind it; other banks' appends do not wait.
   */
  async append(m: EntityManager, entry: AuditEntry, envelope: EventEnvelope): Promise<number> {
    let actor = {
      userId: cut(entry.userId, 64),
      username: cut(entry.username, 64),
      bankId: cut(entry.bankId, 64),
      orgId: cut(entry.orgId, 64),
      orgPath: cut(entry.orgPath, 255),
    };
    // a refused login names a username only: file it under that user's bank, so its admins see it
    if (!actor.userId && actor.username) {
      const [u]: { id: string; bank_id: string; org_id: string; path: string | null }[] = await m.query(
        'SELECT u.id, u.bank_id, u.org_id, o.path FROM user u LEFT JOIN org o ON o.id = u.org_id WHERE u.username = ?',
        [actor.username],
      );
      if (u) actor = { ...actor, userId: u.id, bankId: u.bank_id, orgId: u.org_id, orgPath: u.path };
    }
    const chain = chainOf(actor.bankId);
    await this.ensureHead(chain);
    const [head]: { seq: string | number; hash: string }[] = await m.query(
      'SELECT seq, hash FROM audit_chain WHERE chain = ? FOR UPDATE',
      [chain],
    );
    if (!head) throw new Error(`audit chain head missing: ${chain}`);
    const at = new Date(entry.at);
    const fields: ChainedFields = {
      id: envelope.id.slice(0, 36),
      seq: Number(head.seq) + 1,
      at: (Number.isNaN(at.getTime()) ? new Date(envelope.occurredAt) : at).toISOString(),
      ...actor,
      action: entry.action.slice(0, 100),
      target: cut(entry.target, 200),
      result: entry.result.slice(0, 32),
      status: entry.status,
      requestId: entry.requestId.slice(0, 64),
      service: entry.service.slice(0, 32),
      input: entry.input ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    };
    const hash = chainHash(head.hash, fields);
    await m.query(
      `INSERT INTO audit_log (id, chain, seq, prev_hash, hash, at, owner_id, username, bank_id, org_id, org_path,
         action, target, result, status, request_id, service, input, before_state, after_state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        fields.id,
        chain,
        fields.seq,
        head.hash,
        hash,
        new Date(fields.at),
        fields.userId,
        fields.username,
        fields.bankId,
        fields.orgId,
        fields.orgPath,
        fields.action,
        fields.target,
        fields.result,
        fields.status,
        fields.requestId,
        fields.service,
        toJson(fields.input),
        toJson(fields.before),
        toJson(fields.after),
      ],
    );
    await m.query('UPDATE audit_chain SET seq = ?, hash = ? WHERE chain = ?', [fields.seq, hash, chain]);
    return fields.seq;
  }

  /** The filters of the list and the export, inside the caller's data scope, as bound SQL. */
  private filters(caller: Principal, q: AuditFilter): { sql: string; params: unknown[] } {
    const scope = scopeSql(caller, 'a', 'read');
    const where = [scope.sql];
    const params: unknown[] = [...scope.params];
    if (q.user) {
      where.push('(a.username = ? OR a.owner_id = ?)');
      params.push(q.user, q.user);
    }
    if (q.action) {
      where.push('a.action = ?');
      params.push(q.action);
    }
    if (q.result) {
      where.push('a.result = ?');
      params.push(q.result);
    }
    if (q.from) {
      where.push('a.at >= ?');
      params.push(new Date(q.from));
    }
    if (q.to) {
      where.push('a.at <= ?');
      params.push(new Date(q.to));
    }
    return { sql: where.join(' AND '), params };
  }

  /**
   * Newest first by (at, id), in the caller's data scope (a bank admin: their bank; `all`: every
   * bank). Sequence numbers are per chain, so they order nothing across banks.
   */
  async list(
    caller: Principal,
    q: z.output<typeof AuditQuery>,
  ): Promise<{ items: AuditRecord[]; total: number; page: number; pageSize: number }> {
    const { sql, params } = this.filters(caller, q);
    const [{ n }] = await this.ds.query(`SELECT COUNT(*) AS n FROM audit_log a WHERE ${sql}`, params);
    const rows: AuditRow[] = await this.ds.query(
      `SELECT a.* FROM audit_log a WHERE ${sql} ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return {
      items: rows.map((r) => ({ ...chained(r), chain: r.chain, prevHash: r.prev_hash, hash: r.hash })),
      total: Number(n),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * The same records as the list, newest first, as CSV in parts: the first part carries a
   * byte-order mark (Excel then reads Chinese correctly) and the header; each part stops at
   * `EXPORT_PART_ROWS` or before `maxBytes` (a reply travels as one NATS message) and returns the
   * cursor the next part continues from (keyset on (at, id), across chains: records appended
   * meanwhile, newer than the first part, are not mixed in). Cells a spreadsheet would run as a
   * formula get a leading `'`.
   */
  async export(
    caller: Principal,
    q: AuditFilter & { cursor?: string | undefined },
    maxBytes = 900_000,
  ): Promise<{ filename: string; csv: string; rows: number; total: number; nextCursor: string | null }> {
    const { sql, params } = this.filters(caller, q);
    const [{ n }] = await this.ds.query(`SELECT COUNT(*) AS n FROM audit_log a WHERE ${sql}`, params);
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const part = after
      ? { sql: ' AND (a.at < ? OR (a.at = ? AND a.id < ?))', params: [after.at, after.at, after.id] }
      : { sql: '', params: [] };
    const kept: AuditRow[] = await this.ds.query(
      `SELECT a.* FROM audit_log a WHERE ${sql}${part.sql} ORDER BY a.at DESC, a.id DESC LIMIT ?`,
      [...params, ...part.params, EXPORT_PART_ROWS],
    );
    const cell = (v: unknown): string => {
      const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
      return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    };
    // one reply travels as one NATS message: stop before the server's payload limit too
    let csv = q.cursor
      ? ''
      : stringify([], { header: true, columns: EXPORT_COLUMNS, bom: true, record_delimiter: 'windows' });
    let bytes = Buffer.byteLength(JSON.stringify(csv)) + 200;
    let count = 0;
    for (const r of kept) {
      const c = chained(r);
      const line = stringify(
        [
          [
            r.chain,
            c.seq,
            c.at,
            c.username,
            c.userId,
            c.bankId,
            c.orgId,
            c.action,
            c.target,
            c.result,
            c.status,
            c.service,
            c.requestId,
            c.input,
            c.before,
            c.after,
            r.hash,
          ].map(cell),
        ],
        { record_delimiter: 'windows' },
      );
      // measured as it travels: inside a JSON string (quotes escaped again)
      bytes += Buffer.byteLength(JSON.stringify(line)) - 2;
      if (bytes > maxBytes && count > 0) break;
      csv += line;
      count++;
    }
    const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
    return {
      filename: `audit-${caller.bankId}-${stamp}.csv`,
      csv,
      rows: count,
      total: Number(n),
      // more to come when this part stopped early (size) or was full (rows)
      nextCursor:
        (count < kept.length || kept.length === EXPORT_PART_ROWS) && kept[count - 1]
          ? encodeCursor(kept[count - 1]!)
          : null,
    };
  }

  /**
   * Recomputes the chains the caller may verify, in one consistent snapshot: a bank's admin their
   * bank's chain; a union auditor (scope `all`) every chain, `*` included. Each chain is checked
   * whole (its numbering shows other banks nothing) and a broken chain does not stop the others.
   */
  async verify(caller: Principal): Promise<AuditVerification> {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      let chains: string[];
      if (caller.dataScope === 'all') {
        // a record whose chain has no head is checked too (and fails)
        const rows: { chain: string }[] = await m.query(
          'SELECT chain FROM audit_chain UNION SELECT DISTINCT chain FROM audit_log',
        );
        chains = rows.map((r) => r.chain).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } else {
        chains = [chainOf(caller.bankId)];
      }
      const checks: AuditChainCheck[] = [];
      for (const chain of chains) checks.push(await this.verifyChain(m, chain));
      const broken = checks.find((c) => !c.ok);
      return {
        ok: !broken,
        checked: checks.reduce((n, c) => n + c.checked, 0),
        ...(broken ? { chain: broken.chain, brokenAt: broken.brokenAt, reason: broken.reason } : {}),
        chains: checks,
      };
    });
  }

  /**
   * One chain from its first record: every record's position (no gaps), link (its prev_hash is the
   * previous hash), hash and chain (a bank chain holds that bank's records only) must hold, and the
   * head must name the last record (so removing the newest records shows too, as does a record
   * numbered after it).
   */
  private async verifyChain(m: EntityManager, chain: string): Promise<AuditChainCheck> {
    const [head]: { seq: string | number; hash: string }[] = await m.query(
      'SELECT seq, hash FROM audit_chain WHERE chain = ?',
      [chain],
    );
    const last = Number(head?.seq ?? 0);
    let prevHash = GENESIS_HASH;
    let expected = 1;
    let checked = 0;
    const broken = (seq: number, reason: string): AuditChainCheck => ({
      chain,
      ok: false,
      checked,
      brokenAt: seq,
      reason,
    });
    for (;;) {
      const rows: AuditRow[] = await m.query(
        'SELECT * FROM audit_log WHERE chain = ? AND seq >= ? ORDER BY seq LIMIT 1000',
        [chain, expected],
      );
      if (!rows.length) break;
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq > last && expected === last + 1) {
          return broken(seq, head ? 'record after the chain head' : 'chain head missing');
        }
        if (seq !== expected) return broken(expected, 'record missing');
        if (row.prev_hash !== prevHash) return broken(seq, 'link to the previous record changed');
        if (chainHash(prevHash, chained(row)) !== row.hash) return broken(seq, 'record changed');
        if (chain !== UNION_CHAIN && row.bank_id !== chain) return broken(seq, 'record of another bank');
        prevHash = row.hash;
        expected = seq + 1;
        checked++;
      }
    }
    if (expected !== last + 1) return broken(expected, 'record missing');
    if (head && head.hash !== prevHash) return broken(last, 'chain head does not match the last record');
    return { chain, ok: true, checked };
  }
}
