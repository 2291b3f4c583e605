import type { AuditEntry, AuditQuery, AuditRecord, EventEnvelope, Principal } from '@zhanye/contracts';
import { scopeSql } from '@zhanye/kit';
import { stringify } from 'csv-stringify/sync';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { type ChainedFields, chainHash } from './audit.chain.ts';

interface AuditRow {
  id: string;
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

/** The most rows one part of an export reads (a part also stops at the message size). */
export const EXPORT_PART_ROWS = 5_000;
const EXPORT_COLUMNS = [
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

/** The audit log: appends to the hash chain (from the event consumer), lists and verifies it. */
export class AuditService {
  constructor(private readonly ds: DataSource) {}

  /**
   * Appends one entry, in the consumer's transaction (with its processed-event row). The chain head
   * is locked first, so concurrent appends, from this or another copy, queue up behind it.
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
    const [head]: { seq: string | number; hash: string }[] = await m.query(
      'SELECT seq, hash FROM audit_chain WHERE id = 1 FOR UPDATE',
    );
    if (!head) throw new Error('audit chain head missing');
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
      `INSERT INTO audit_log (id, seq, prev_hash, hash, at, owner_id, username, bank_id, org_id, org_path,
         action, target, result, status, request_id, service, input, before_state, after_state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        fields.id,
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
    await m.query('UPDATE audit_chain SET seq = ?, hash = ? WHERE id = 1', [fields.seq, hash]);
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

  /** Newest first, in the caller's data scope (a bank admin: their bank; `all`: every bank). */
  async list(
    caller: Principal,
    q: z.output<typeof AuditQuery>,
  ): Promise<{ items: AuditRecord[]; total: number; page: number; pageSize: number }> {
    const { sql, params } = this.filters(caller, q);
    const [{ n }] = await this.ds.query(`SELECT COUNT(*) AS n FROM audit_log a WHERE ${sql}`, params);
    const rows: AuditRow[] = await this.ds.query(
      `SELECT a.* FROM audit_log a WHERE ${sql} ORDER BY a.seq DESC LIMIT ? OFFSET ?`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return {
      items: rows.map((r) => ({ ...chained(r), prevHash: r.prev_hash, hash: r.hash })),
      total: Number(n),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * The same records as the list, newest first, as CSV in parts: the first part carries a
   * byte-order mark (Excel then reads Chinese correctly) and the header; each part stops at
   * `EXPORT_PART_ROWS` or before `maxBytes` (a reply travels as one NATS message) and names the
   * seq the next part starts before. Cells a spreadsheet would run as a formula get a leading `'`.
   */
  async export(
    caller: Principal,
    q: AuditFilter & { beforeSeq?: number | undefined },
    maxBytes = 900_000,
  ): Promise<{ filename: string; csv: string; rows: number; total: number; nextBeforeSeq: number | null }> {
    const { sql, params } = this.filters(caller, q);
    const [{ n }] = await this.ds.query(`SELECT COUNT(*) AS n FROM audit_log a WHERE ${sql}`, params);
    const part = q.beforeSeq ? { sql: ' AND a.seq < ?', params: [q.beforeSeq] } : { sql: '', params: [] };
    const kept: AuditRow[] = await this.ds.query(
      `SELECT a.* FROM audit_log a WHERE ${sql}${part.sql} ORDER BY a.seq DESC LIMIT ?`,
      [...params, ...part.params, EXPORT_PART_ROWS],
    );
    const cell = (v: unknown): string => {
      const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
      return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    };
    // one reply travels as one NATS message: stop before the server's payload limit too
    let csv = q.beforeSeq
      ? ''
      : stringify([], { header: true, columns: EXPORT_COLUMNS, bom: true, record_delimiter: 'windows' });
    let bytes = Buffer.byteLength(JSON.stringify(csv)) + 200;
    let count = 0;
    for (const r of kept) {
      const c = chained(r);
      const line = stringify(
        [
          [
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
      nextBeforeSeq:
        (count < kept.length || kept.length === EXPORT_PART_ROWS) && kept[count - 1]
          ? Number(kept[count - 1]?.seq)
          : null,
    };
  }

  /**
   * Recomputes the chain from the first record, in one consistent snapshot: every record's position
   * (no gaps), link (its prev_hash is the previous hash) and hash must hold, and the head must name
   * the last record (so removing the newest records shows too).
   */
  async verify(): Promise<{ ok: boolean; checked: number; brokenAt?: number; reason?: string }> {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const [head]: { seq: string | number; hash: string }[] = await m.query(
        'SELECT seq, hash FROM audit_chain WHERE id = 1',
      );
      const last = Number(head?.seq ?? 0);
      let prevHash = '0'.repeat(64);
      let expected = 1;
      let checked = 0;
      const broken = (seq: number, reason: string) => ({ ok: false, checked, brokenAt: seq, reason });
      for (;;) {
        const rows: AuditRow[] = await m.query(
          'SELECT * FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT 1000',
          [expected, last],
        );
        if (!rows.length) break;
        for (const row of rows) {
          const seq = Number(row.seq);
          if (seq !== expected) return broken(expected, 'record missing');
          if (row.prev_hash !== prevHash) return broken(seq, 'link to the previous record changed');
          if (chainHash(prevHash, chained(row)) !== row.hash) return broken(seq, 'record changed');
          prevHash = row.hash;
          expected = seq + 1;
          checked++;
        }
      }
      if (expected !== last + 1) return broken(expected, 'record missing');
      if (head && head.hash !== prevHash) return broken(last, 'chain head does not match the last record');
      return { ok: true, checked };
    });
  }
}
