import { verify } from '@node-rs/argon2';
import type { ClientInfo, MfaSetup, SignInResult } from '@zhanye/contracts';
import { AppError, InputError, UnauthenticatedError } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { UserRecord } from '../identity/identity.repository.ts';
import { deniedError, type IdentityService, lockedError } from '../identity/identity.service.ts';
import type { AuthAudit } from './auth.audit.ts';
import type { MfaService } from './mfa.service.ts';
import type { SessionSettings } from './session.config.ts';
import { randomToken, type SessionService, sha256 } from './session.service.ts';

type Step = 'mfa' | 'password';

interface TicketRow {
  hash: string;
  user_id: string;
  step: Step;
  enrol: number;
  expires_at: Date;
  used_at: Date | null;
}

const ticketExpired = () => new UnauthenticatedError('the sign-in has expired, start again');

/**
 * The sign-in steps: password, then (when due) a new password, then (when enrolled or required by
 * a role) a second factor, each step handing the next a ticket: random, stored as a hash, minutes
 * long, used up when its step succeeds. Wrong passwords and wrong codes count toward the same
 * lockout. The failure count starts again only when a whole sign-in finishes.
 */
export class SignInService {
  constructor(
    private readonly ds: DataSource,
    private readonly identity: IdentityService,
    private readonly mfa: MfaService,
    private readonly sessions: SessionService,
    private readonly audit: AuthAudit,
    private readonly settings: SessionSettings,
  ) {}

  async authenticate(username: string, password: string, client: ClientInfo): Promise<SignInResult> {
    const check = await this.identity.checkPassword(username, password);
    if (!check.ok) {
      const locked = check.why === 'locked';
      this.audit.record({
        action: 'auth.login',
        userId: check.user?.id,
        claimed: username,
        result: locked ? 'RATE_LIMITED' : 'UNAUTHENTICATED',
        status: locked ? 429 : 401,
        requestId: client.requestId,
        input: { reason: check.why, ip: client.ip },
      });
      throw locked ? lockedError() : deniedError();
    }
    return this.next(check.user, client, false);
  }

  /** After the password: a new password first if due, then the second factor, then the session. */
  private async next(user: UserRecord, client: ClientInfo, mfaDone: boolean): Promise<SignInResult> {
    if (user.must_change_password)
      return { status: 'password', ticket: await this.ticket(user.id, 'password', false) };
    if (!mfaDone) {
      const [enabled, required] = await Promise.all([this.mfa.enabled(user.id), this.mfa.required(user.id)]);
      if (enabled || required)
        return { status: 'mfa', ticket: await this.ticket(user.id, 'mfa', !enabled), enrol: !enabled };
    }
    const session = await this.sessions.create(user.id, client, mfaDone);
    await this.identity.recordSuccess(user.id);
    this.audit.record({
      action: 'auth.login',
      userId: user.id,
      target: session.sessionId,
      result: 'ok',
      status: 200,
      requestId: client.requestId,
      input: { mfa: mfaDone, ip: client.ip, userAgent: client.userAgent },
    });
    return { status: 'ok', session };
  }

  private async ticket(userId: string, step: Step, enrol: boolean): Promise<string> {
    const t = randomToken(32);
    const now = new Date();
    await this.ds.query(
      'INSERT INTO login_ticket (hash, user_id, step, enrol, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      [sha256(t), userId, step, enrol ? 1 : 0, now, new Date(now.getTime() + this.settings.ticketMs)],
    );
    return t;
  }

  /** A live ticket for this step and its user, who must still be active and not locked. */
  private async open(ticket: string, step: Step): Promise<{ t: TicketRow; user: UserRecord }> {
    const rows: TicketRow[] = await this.ds.query(
      'SELECT * FROM login_ticket WHERE hash = ? AND step = ? AND used_at IS NULL AND expires_at > ?',
      [sha256(ticket), step, new Date()],
    );
    const t = rows[0];
    if (!t) throw ticketExpired();
    const user = await this.identity.users.findById(t.user_id);
    if (user?.status !== 'active') throw ticketExpired();
    if (this.identity.isLocked(user)) throw lockedError();
    return { t, user };
  }

  /** Marks a ticket used; false if another request used it first. */
  private async use(t: TicketRow): Promise<boolean> {
    const res = await this.ds.query(
      'UPDATE login_ticket SET used_at = ? WHERE hash = ? AND used_at IS NULL',
      [new Date(), t.hash],
    );
    return Number((res as { affectedRows?: number }).affectedRows ?? 0) === 1;
  }

  /**
   * Enrolment during sign-in (a role requires MFA and none is set up). A ticket issued for an
   * enrolment no longer enrols once MFA is on (set up meanwhile from another session): replacing a
   * factor needs that factor, never the password alone.
   */
  async mfaSetup(ticket: string): Promise<MfaSetup> {
    const { t, user } = await this.open(ticket, 'mfa');
    if (!t.enrol || (await this.mfa.enabled(user.id)))
      throw new InputError('MFA is set up already', { ticket: ['MFA is set up already'] });
    return this.mfa.setup(user.id, user.username);
  }

  async mfaVerify(
    input: { ticket: string; code?: string | undefined; recoveryCode?: string | undefined },
    client: ClientInfo,
  ): Promise<SignInResult> {
    const { t, user } = await this.open(input.ticket, 'mfa');
    let ok = false;
    let recoveryCodes: string[] | undefined;
    if (t.enrol) {
      if (await this.mfa.enabled(user.id)) throw ticketExpired();
      if (!input.code) throw new InputError('enter a code from the authenticator', { code: ['six digits'] });
      const codes = await this.mfa.confirm(user.id, input.code);
      ok = codes !== null;
      recoveryCodes = codes ?? undefined;
    } else if (input.code) {
      ok = await this.mfa.verifyCode(user.id, input.code);
    } else if (input.recoveryCode) {
      ok = await this.mfa.useRecoveryCode(user.id, input.recoveryCode);
    }
    const how = t.enrol ? 'enrol' : input.code ? 'totp' : 'recovery_code';
    if (!ok) {
      await this.identity.recordFailure(user.id);
      this.audit.record({
        action: 'auth.mfa',
        userId: user.id,
        result: 'UNAUTHENTICATED',
        status: 401,
        requestId: client.requestId,
        input: { method: how, ip: client.ip },
      });
      throw new AppError('UNAUTHENTICATED', 'invalid code');
    }
    if (!(await this.use(t))) throw ticketExpired();
    this.audit.record({
      action: t.enrol ? 'auth.mfa_enrol' : 'auth.mfa',
      userId: user.id,
      result: 'ok',
      status: 200,
      requestId: client.requestId,
      input: { method: how },
    });
    const result = await this.next(user, client, true);
    return result.status === 'ok' && recoveryCodes ? { ...result, recoveryCodes } : result;
  }

  async passwordStep(input: { ticket: string; password: string }, client: ClientInfo): Promise<SignInResult> {
    const { t, user } = await this.open(input.ticket, 'password');
    if (await verify(user.password_hash, input.password).catch(() => false))
      throw new InputError('choose a password different from the current one', {
        password: ['must differ from the current password'],
      });
    if (!(await this.use(t))) throw ticketExpired();
    await this.identity.setPassword(user.id, input.password, false);
    await this.sessions.endAllForUser(user.id, 'password_changed');
    this.audit.record({
      action: 'auth.password_step',
      userId: user.id,
      result: 'ok',
      status: 200,
      requestId: client.requestId,
    });
    return this.next({ ...user, must_change_password: 0 }, client, false);
  }
}
