import { createHash, randomBytes } from 'node:crypto';
import {
  accessEpochKey,
  type ClientInfo,
  type IssuedSession,
  type Principal,
  type SessionEndReason,
  type SessionInfo,
} from '@zhanye/contracts';
import { type Logger, NotFoundError, UnauthenticatedError } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { PrincipalBuilder } from '../access/principals.ts';
import type { AuthAudit } from './auth.audit.ts';
import type { SessionSettings } from './session.config.ts';
import type { SessionSignals } from './session.kv.ts';
import type { SessionControl } from './session.port.ts';

interface SessionRow {
  id: string;
  user_id: string;
  bank_id: string;
  refresh_hash: string;
  prev_hash: string | null;
  rotated_at: Date | null;
  created_at: Date;
  last_seen_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  ip: string | null;
  user_agent: string | null;
  mfa: number;
  ended_at: Date | null;
  end_reason: string | null;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** `bytes` random bytes as base64url: session ids, refresh secrets, sign-in tickets. */
export const randomToken = (bytes: number) => randomBytes(bytes).toString('base64url');
const ms = (d: Date | string) => new Date(d).getTime();
const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The session id a refresh token names (`<sid>.<secret>`), or null for anything else. */
export function sessionIdOf(refreshToken: string): string | null {
  const dot = refreshToken.indexOf('.');
  const sid = dot > 0 ? refreshToken.slice(0, dot) : '';
  return SESSION_ID.test(sid) && refreshToken.length - dot > 20 ? sid : null;
}

const affected = (r: unknown) => Number((r as { affectedRows?: number } | undefined)?.affectedRows ?? 0);

/**
 * Server-side sessions: created at the end of a sign-in, refreshed with a rotating refresh token
 * (grace window for racing tabs, reuse ends the session), bounded by idle and absolute timeouts,
 * ended by logout, revocation, password change, disabling, reuse or expiry. Every end is written
 * to the `ended_sessions` KV bucket so each gateway refuses the session's access token at once.
 */
export class SessionService implements SessionControl {
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly principals: PrincipalBuilder,
    private readonly signals: SessionSignals,
    private readonly settings: SessionSettings,
    private readonly audit: AuthAudit,
    private readonly log: Logger,
  ) {}

  /** Starts a session for a user whose sign-in has finished. */
  async create(userId: string, client: ClientInfo, mfa: boolean): Promise<IssuedSession> {
    const sid = randomToken(18);
    const version = Date.now();
    const principal = await this.principals.build(userId, sid);
    const secret = `${sid}.${randomToken(32)}`;
    const now = new Date();
    const absolute = new Date(now.getTime() + this.settings.absoluteMs);
    const idle = new Date(Math.min(now.getTime() + this.settings.idleMs, absolute.getTime()));
    await this.ds.query(
      `INSERT INTO user_session (id, user_id, bank_id, refresh_hash, created_at, last_seen_at,
              idle_expires_at, absolute_expires_at, ip, user_agent, mfa)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        sid,
        userId,
        principal.bankId,
        sha256(secret),
        now,
        now,
        idle,
        absolute,
        client.ip,
        client.userAgent,
        mfa ? 1 : 0,
      ],
    );
    return {
      sessionId: sid,
      refreshToken: secret,
      principal,
      version,
      idleExpiresAt: idle.toISOString(),
      absoluteExpiresAt: absolute.toISOString(),
    };
  }

  /**
   * Rotates a refresh token. The current token gets a new one; the one just rotated away from,
   * within the grace window, gets an access token only (refreshToken null: two tabs raced); any
   * older token of the session is reuse (it was copied) and ends the session.
   */
  async refresh(refreshToken: string, client: ClientInfo): Promise<IssuedSession> {
    const sid = sessionIdOf(refreshToken);
    if (!sid) throw new UnauthenticatedError('session expired, sign in again');
    const hash = sha256(refreshToken);
    const now = new Date();
    type Outcome =
      | { kind: 'ok'; row: SessionRow; next: string | null; idle: Date }
      | { kind: 'end'; row: SessionRow; reason: SessionEndReason }
      | { kind: 'refused' };
    const outcome = await this.ds.transaction(async (m): Promise<Outcome> => {
      const rows: SessionRow[] = await m.query('SELECT * FROM user_session WHERE id = ? FOR UPDATE', [sid]);
      const row = rows[0];
      if (!row || row.ended_at) return { kind: 'refused' };
      if (now.getTime() >= ms(row.absolute_expires_at))
        return { kind: 'end', row, reason: 'absolute_timeout' };
      if (now.getTime() >= ms(row.idle_expires_at)) return { kind: 'end', row, reason: 'idle_timeout' };
      const idle = new Date(Math.min(now.getTime() + this.settings.idleMs, ms(row.absolute_expires_at)));
      if (hash === row.refresh_hash) {
        const next = `${sid}.${randomToken(32)}`;
        await m.query(
          `UPDATE user_session SET refresh_hash = ?, prev_hash = ?, rotated_at = ?, last_seen_at = ?,
                  idle_expires_at = ?, ip = COALESCE(?, ip), user_agent = COALESCE(?, user_agent)
            WHERE id = ?`,
          [sha256(next), hash, now, now, idle, client.ip, client.userAgent, sid],
        );
        await m.query('INSERT INTO session_refresh (hash, session_id, rotated_at) VALUES (?, ?, ?)', [
          hash,
          sid,
          now,
        ]);
        return { kind: 'ok', row, next, idle };
      }
      const inGrace =
        hash === row.prev_hash &&
        row.rotated_at !== null &&
        now.getTime() - ms(row.rotated_at) <= this.settings.graceMs;
      if (inGrace) {
        await m.query('UPDATE user_session SET last_seen_at = ?, idle_expires_at = ? WHERE id = ?', [
          now,
          idle,
          sid,
        ]);
        return { kind: 'ok', row, next: null, idle };
      }
      const old: unknown[] = await m.query(
        'SELECT 1 FROM session_refresh WHERE hash = ? AND session_id = ?',
        [hash, sid],
      );
      return old.length ? { kind: 'end', row, reason: 'refresh_reuse' } : { kind: 'refused' };
    });
    if (outcome.kind === 'refused') throw new UnauthenticatedError('session expired, sign in again');
    if (outcome.kind === 'end') {
      await this.endRows([outcome.row], outcome.reason, client.requestId);
      if (outcome.reason === 'refresh_reuse') {
        this.log.warn({ sessionId: sid, userId: outcome.row.user_id }, 'refresh token reused: session ended');
        this.audit.record({
          action: 'auth.refresh_reuse',
          userId: outcome.row.user_id,
          target: sid,
          result: 'SESSION_ENDED',
          status: 401,
          requestId: client.requestId,
          input: { ip: client.ip, userAgent: client.userAgent },
        });
      }
      throw new UnauthenticatedError('session expired, sign in again');
    }
    const { row, next, idle } = outcome;
    return {
      ...(await this.principalOf(row)),
      refreshToken: next,
      idleExpiresAt: idle.toISOString(),
    };
  }

  /** The current principal of a live session (its user's access changed). */
  async current(sessionId: string): Promise<IssuedSession> {
    const rows: SessionRow[] = await this.ds.query(
      'SELECT * FROM user_session WHERE id = ? AND ended_at IS NULL',
      [sessionId],
    );
    const row = rows[0];
    const now = Date.now();
    if (!row || now >= ms(row.idle_expires_at) || now >= ms(row.absolute_expires_at))
      throw new UnauthenticatedError('session expired, sign in again');
    return { ...(await this.principalOf(row)), refreshToken: null };
  }

  private async principalOf(row: SessionRow): Promise<Omit<IssuedSession, 'refreshToken'>> {
    const version = Date.now();
    let principal: Principal;
    try {
      principal = await this.principals.build(row.user_id, row.id);
    } catch (e) {
      // the account was disabled (or removed) meanwhile: its sessions are over
      if (e instanceof UnauthenticatedError) await this.endRows([row], 'user_disabled');
      throw e;
    }
    return {
      sessionId: row.id,
      principal,
      version,
      idleExpiresAt: new Date(row.idle_expires_at).toISOString(),
      absoluteExpiresAt: new Date(row.absolute_expires_at).toISOString(),
    };
  }

  /** Ends one session (logout or revocation); false when it was not live. */
  async end(sessionId: string, reason: SessionEndReason, requestId?: string): Promise<boolean> {
    const rows: SessionRow[] = await this.ds.query(
      'SELECT * FROM user_session WHERE id = ? AND ended_at IS NULL',
      [sessionId],
    );
    return (await this.endRows(rows, reason, requestId)) > 0;
  }

  /** Ends the session a refresh token belongs to, if the token is its current or previous one. */
  async endByRefreshToken(refreshToken: string, reason: SessionEndReason, requestId?: string) {
    const sid = sessionIdOf(refreshToken);
    if (!sid) return false;
    const hash = sha256(refreshToken);
    const rows: SessionRow[] = await this.ds.query(
      'SELECT * FROM user_session WHERE id = ? AND ended_at IS NULL AND (refresh_hash = ? OR prev_hash = ?)',
      [sid, hash, hash],
    );
    return (await this.endRows(rows, reason, requestId)) > 0;
  }

  async endAllForUser(userId: string, reason: SessionEndReason, keep?: string): Promise<number> {
    const rows: SessionRow[] = await this.ds.query(
      'SELECT * FROM user_session WHERE user_id = ? AND ended_at IS NULL AND id <> ?',
      [userId, keep ?? ''],
    );
    return this.endRows(rows, reason);
  }

  async accessChanged(target: { users: string[] } | { bank: string } | 'all'): Promise<void> {
    const keys =
      target === 'all'
        ? [accessEpochKey.all]
        : 'bank' in target
          ? [accessEpochKey.bank(target.bank)]
          : [...new Set(target.users)].map(accessEpochKey.user);
    await this.signals.bump(keys);
  }

  /**
   * Marks rows ended (only those still live: several platform copies may race), then tells every
   * gateway and audits each end.
   */
  private async endRows(rows: SessionRow[], reason: SessionEndReason, requestId?: string) {
    let n = 0;
    for (const row of rows) {
      const res = await this.ds.query(
        'UPDATE user_session SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL',
        [new Date(), reason, row.id],
      );
      if (!affected(res)) continue;
      n++;
      await this.signals.sessionEnded(row.id, reason);
      this.audit.record({
        action: 'auth.session_end',
        userId: row.user_id,
        target: row.id,
        result: 'ok',
        status: 200,
        requestId,
        input: { reason },
      });
    }
    return n;
  }

  /** Ends sessions past their idle or absolute limit, so open browsers hear about it. */
  async sweep(): Promise<number> {
    const now = new Date();
    const rows: SessionRow[] = await this.ds.query(
      `SELECT * FROM user_session
        WHERE ended_at IS NULL AND (idle_expires_at <= ? OR absolute_expires_at <= ?) LIMIT 500`,
      [now, now],
    );
    let n = 0;
    for (const row of rows) {
      const reason = ms(row.absolute_expires_at) <= now.getTime() ? 'absolute_timeout' : 'idle_timeout';
      n += await this.endRows([row], reason);
    }
    return n;
  }

  startSweeping(): void {
    this.sweeper = setInterval(() => {
      this.sweep().catch((err: unknown) => this.log.warn({ err }, 'session sweep failed'));
    }, this.settings.sweepMs);
    this.sweeper.unref();
  }

  stopSweeping(): void {
    clearInterval(this.sweeper);
  }

  // --- listing and ending, for the account page and administrators ---

  async listMine(caller: Principal): Promise<SessionInfo[]> {
    const rows = await this.liveRows('s.user_id = ?', [caller.userId], 100, 0);
    return rows.map((r) => info(r, caller));
  }

  async endMine(caller: Principal, id: string, requestId?: string): Promise<void> {
    const rows: SessionRow[] = await this.ds.query(
      'SELECT * FROM user_session WHERE id = ? AND user_id = ? AND ended_at IS NULL',
      [id, caller.userId],
    );
    if (!rows.length) throw new NotFoundError('no such session');
    await this.endRows(rows, id === caller.sessionId ? 'logout' : 'revoked', requestId);
  }

  /** Administrators: their bank's live sessions; union administrators (`dataScope: 'all'`) every bank's. */
  async listAll(caller: Principal, q: { userId?: string | undefined; page: number; pageSize: number }) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (caller.dataScope !== 'all') {
      where.push('s.bank_id = ?');
      params.push(caller.bankId);
    }
    if (q.userId) {
      where.push('s.user_id = ?');
      params.push(q.userId);
    }
    const cond = where.length ? where.join(' AND ') : '1 = 1';
    const now = new Date();
    const [{ total }] = (await this.ds.query(
      `SELECT COUNT(*) AS total FROM user_session s
        WHERE ${cond} AND s.ended_at IS NULL AND s.idle_expires_at > ? AND s.absolute_expires_at > ?`,
      [...params, now, now],
    )) as [{ total: string | number }];
    const rows = await this.liveRows(cond, params, q.pageSize, (q.page - 1) * q.pageSize);
    return {
      items: rows.map((r) => info(r, caller)),
      total: Number(total),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async endAny(caller: Principal, id: string, requestId?: string): Promise<void> {
    const rows: SessionRow[] = await this.ds.query(
      `SELECT * FROM user_session WHERE id = ? AND ended_at IS NULL ${caller.dataScope === 'all' ? '' : 'AND bank_id = ?'}`,
      caller.dataScope === 'all' ? [id] : [id, caller.bankId],
    );
    // another bank's session answers like a missing one: its existence is not the caller's business
    if (!rows.length) throw new NotFoundError('no such session');
    await this.endRows(rows, id === caller.sessionId ? 'logout' : 'revoked_by_admin', requestId);
  }

  private liveRows(cond: string, params: unknown[], limit: number, offset: number) {
    const now = new Date();
    return this.ds.query(
      `SELECT s.*, u.username, u.display_name FROM user_session s JOIN user u ON u.id = s.user_id
        WHERE ${cond} AND s.ended_at IS NULL AND s.idle_expires_at > ? AND s.absolute_expires_at > ?
        ORDER BY s.last_seen_at DESC, s.id LIMIT ? OFFSET ?`,
      [...params, now, now, limit, offset],
    ) as Promise<(SessionRow & { username: string; display_name: string })[]>;
  }
}

function info(r: SessionRow & { username: string; display_name: string }, caller: Principal): SessionInfo {
  return {
    id: r.id,
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    bankId: r.bank_id,
    createdAt: new Date(r.created_at).toISOString(),
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
    idleExpiresAt: new Date(r.idle_expires_at).toISOString(),
    absoluteExpiresAt: new Date(r.absolute_expires_at).toISOString(),
    ip: r.ip,
    userAgent: r.user_agent,
    mfa: Boolean(r.mfa),
    current: r.id === caller.sessionId,
  };
}
