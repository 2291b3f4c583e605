import { z } from 'zod';

/**
 * Session and sign-in settings, from the environment (fractions allowed, so tests can use seconds).
 * `startPlatformService(..., { session })` overrides any of them.
 */
export const SessionEnv = z.object({
  /** A session ends this long after its last refresh (the browser refreshes while in use). */
  ZY_SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  /** A session ends this long after sign-in, however active. */
  ZY_SESSION_HOURS: z.coerce.number().positive().default(12),
  /** A rotated refresh token is still accepted this long (two tabs refreshing at once). */
  ZY_REFRESH_GRACE_SECONDS: z.coerce.number().min(0).default(10),
  /** An unfinished sign-in (MFA, new password) must finish within this. */
  ZY_LOGIN_TICKET_MINUTES: z.coerce.number().positive().default(5),
  /** Failed passwords or codes in a row before the account locks, and for how long. */
  ZY_LOCK_AFTER: z.coerce.number().int().positive().default(5),
  ZY_LOCK_MINUTES: z.coerce.number().positive().default(15),
  /** Key material for TOTP secrets at rest; defaults to one derived from ZY_INTERNAL_SECRET. */
  ZY_MFA_KEY: z.string().min(16).optional(),
  /** Issuer shown in authenticator apps. */
  ZY_MFA_ISSUER: z.string().default('Zhanye'),
  /** How often expired sessions are swept (ended, and pushed to open browsers). */
  ZY_SESSION_SWEEP_SECONDS: z.coerce.number().positive().default(60),
});

export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
  graceMs: number;
  ticketMs: number;
  lockAfter: number;
  lockMs: number;
  mfaKey: string;
  mfaIssuer: string;
  sweepMs: number;
}

export function sessionSettings(
  internalSecret: string,
  env: Record<string, string | undefined> = process.env,
  over: Partial<SessionSettings> = {},
): SessionSettings {
  const e = SessionEnv.parse(env);
  return {
    idleMs: e.ZY_SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: e.ZY_SESSION_HOURS * 3600_000,
    graceMs: e.ZY_REFRESH_GRACE_SECONDS * 1000,
    ticketMs: e.ZY_LOGIN_TICKET_MINUTES * 60_000,
    lockAfter: e.ZY_LOCK_AFTER,
    lockMs: e.ZY_LOCK_MINUTES * 60_000,
    mfaKey: e.ZY_MFA_KEY ?? internalSecret,
    mfaIssuer: e.ZY_MFA_ISSUER,
    sweepMs: e.ZY_SESSION_SWEEP_SECONDS * 1000,
    ...over,
  };
}
