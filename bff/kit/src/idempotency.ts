import { createHash } from 'node:crypto';
import type { ReplyEnvelope } from '@zhanye/contracts';
import type { DataSource } from 'typeorm';
import { ConflictError, InputError } from './errors.ts';

/** What a client may send as `Idempotency-Key`: 8-128 letters, digits, `-`, `_`, `.`, `:`. */
const KEY = /^[\w.:-]{8,128}$/;
/** How long a key is remembered; a retry comes within minutes, so a day is plenty. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** JSON with object keys sorted at every depth, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The fingerprint of a request: the endpoint and its input (path params, body). */
export const requestHash = (endpointId: string, input: unknown) =>
  createHash('sha256')
    .update(`${endpointId}\n${canonical(input)}`)
    .digest('hex');

export type Claim = { kind: 'fresh' } | { kind: 'replay'; reply: ReplyEnvelope };

interface KeyRow {
  request_hash: string;
  status: number | null;
  body: string | null;
}

/**
 * Idempotency keys for mutations (kit `dispatch`): the first request with a key runs; the same key
 * with the same request returns the first answer without running again; the same key with another
 * request is 409 `IDEMPOTENCY_KEY_REUSED`; while the first is still running (or its outcome is
 * unknown after a crash), 409 `IDEMPOTENCY_IN_PROGRESS`, so a request is never applied twice.
 * Keys are per user. A 5xx answer is not kept: the request may be retried with the same key.
 */
export class IdempotencyKeys {
  constructor(private readonly ds: DataSource) {}

  static check(key: string): void {
    if (!KEY.test(key)) {
      throw new InputError('invalid Idempotency-Key', {
        'Idempotency-Key': ['8-128 letters, digits, - _ . : (e.g. a UUID)'],
      });
    }
  }

  async claim(userId: string, key: string, endpointId: string, hash: string): Promise<Claim> {
    const inserted: { affectedRows?: number } = await this.ds.query(
      `INSERT IGNORE INTO idempotency_key (user_id, idem_key, endpoint, request_hash, created_at)
       VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3))`,
      [userId, key, endpointId, hash],
    );
    if (inserted.affectedRows === 1) return { kind: 'fresh' };
    const [row]: KeyRow[] = await this.ds.query(
      'SELECT request_hash, status, body FROM idempotency_key WHERE user_id = ? AND idem_key = ?',
      [userId, key],
    );
    // purged between the insert and the read: a fresh claim next time
    if (!row) throw new ConflictError('retry the request', 'IDEMPOTENCY_IN_PROGRESS');
    if (row.request_hash !== hash) {
      throw new ConflictError(
        'this Idempotency-Key was used for another request; use a new key for a new request',
        'IDEMPOTENCY_KEY_REUSED',
      );
    }
    if (row.status === null || row.body === null) {
      throw new ConflictError(
        'the same request is still being processed; look at the result before sending it again',
        'IDEMPOTENCY_IN_PROGRESS',
      );
    }
    return { kind: 'replay', reply: { status: Number(row.status), body: JSON.parse(row.body) } };
  }

  /** Keeps the answer of a claimed key (a 5xx frees the key instead, for a retry). */
  async settle(userId: string, key: string, reply: ReplyEnvelope): Promise<void> {
    if (reply.status >= 500) {
      await this.ds.query(
        'DELETE FROM idempotency_key WHERE user_id = ? AND idem_key = ? AND status IS NULL',
        [userId, key],
      );
      return;
    }
    await this.ds.query(
      `UPDATE idempotency_key SET status = ?, body = ?, completed_at = UTC_TIMESTAMP(3)
        WHERE user_id = ? AND idem_key = ?`,
      [reply.status, JSON.stringify(reply.body ?? null), userId, key],
    );
  }

  /** Forgets keys older than the TTL, a batch at a time; returns how many went. */
  async purge(): Promise<number> {
    const res: { affectedRows?: number } = await this.ds.query(
      `DELETE FROM idempotency_key WHERE created_at < UTC_TIMESTAMP(3) - INTERVAL ${IDEMPOTENCY_TTL_HOURS} HOUR LIMIT 5000`,
    );
    return res.affectedRows ?? 0;
  }
}
