import type { AuditOutbox, Bus, Logger } from '@zhanye/kit';
import { recordAudit } from '@zhanye/kit';
import type { DataSource } from 'typeorm';

export type AuthAction =
  | 'auth.login'
  | 'auth.mfa'
  | 'auth.mfa_enrol'
  | 'auth.password_step'
  | 'auth.refresh_reuse'
  | 'auth.session_end';

export interface AuthAuditEntry {
  action: AuthAction;
  /** The account concerned, when known (so a bank's administrators see attempts on their users). */
  userId?: string | null | undefined;
  /** What was typed as a username when no account matched. */
  claimed?: string | undefined;
  target?: string | null;
  result: string;
  status: number;
  requestId?: string | undefined;
  input?: Record<string, unknown>;
}

/**
 * Sign-in and session events, recorded by the platform where the account is known. Fire and
 * forget like every audit record: a failure to look up or publish is a logged warning.
 */
export class AuthAudit {
  constructor(
    private readonly ds: DataSource,
    private readonly bus: Bus,
    private readonly log: Logger,
    /** The platform's outbox: sign-in records survive a JetStream outage like every other. */
    private readonly outbox?: AuditOutbox,
  ) {}

  record(e: AuthAuditEntry): void {
    void this.write(e).catch((err: unknown) =>
      this.log.warn({ err, action: e.action }, 'auth audit record not written'),
    );
  }

  private async write(e: AuthAuditEntry): Promise<void> {
    const rows: { id: string; username: string; bank_id: string; org_id: string; org_path: string }[] =
      e.userId
        ? await this.ds.query(
            `SELECT u.id, u.username, u.bank_id, u.org_id, o.path AS org_path
               FROM user u LEFT JOIN org o ON o.id = u.org_id WHERE u.id = ?`,
            [e.userId],
          )
        : [];
    const u = rows[0];
    await recordAudit(
      this.bus,
      this.log,
      {
        userId: u?.id ?? null,
        username: u?.username ?? e.claimed?.slice(0, 64) ?? null,
        bankId: u?.bank_id ?? null,
        orgId: u?.org_id ?? null,
        orgPath: u?.org_path ?? null,
        action: e.action,
        target: e.target ?? null,
        result: e.result,
        status: e.status,
        requestId: (e.requestId ?? '').slice(0, 64),
        service: 'platform',
        input: e.input,
      },
      this.outbox,
    );
  }
}
