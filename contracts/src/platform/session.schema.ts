import { z } from 'zod';
import { Principal } from '../principal.ts';
import { PushedNotice } from '../push.ts';

/**
 * Sessions are server-side (platform `user_session`). The browser holds:
 * - an access token (HttpOnly cookie, a JWT the gateway signs, minutes long) carrying the principal;
 * - a refresh token (HttpOnly cookie, path `/api/auth`), opaque `<sessionId>.<random>`, rotated on
 *   every refresh; presenting a rotated one again ends the whole session (reuse detection);
 * - the CSRF token (readable cookie, sent back as a header on every mutation).
 * A session ends at logout, when revoked (by its user or an admin), on password change, account
 * disable, refresh-token reuse, after the idle timeout without a refresh, or at its absolute limit.
 */

/** NATS KV buckets (prefixed `zy_<ns>_`): the platform writes them, every gateway copy watches them. */
export const SESSION_BUCKETS = {
  /** Key: session id; value: the reason it ended. Entries expire after `ENDED_SESSION_TTL_MS`. */
  ended: 'ended_sessions',
  /**
   * Key: `u.<userId>`, `b.<bankId>` or `all`; value: epoch ms of the last change to what those users
   * may do (roles, menus, packages, orgs). An access token issued before the epoch that applies to its
   * user is re-read from the platform on its next request: changes apply at once, without a new login.
   */
  access: 'access_epochs',
} as const;

/**
 * How long an ended session id is remembered in `SESSION_BUCKETS.ended`: longer than any access
 * token can live (the refresh token is checked against the database, not this list).
 */
export const ENDED_SESSION_TTL_MS = 24 * 3600_000;

/** The bucket's name in a namespace: `zy_<ns>_ended_sessions`. */
export const sessionBucket = (ns: string, which: keyof typeof SESSION_BUCKETS) =>
  `zy_${ns}_${SESSION_BUCKETS[which]}`;

export const accessEpochKey = {
  user: (userId: string) => `u.${userId}`,
  bank: (bankId: string) => `b.${bankId}`,
  all: 'all',
} as const;

/** Why a session ended; shown in the session list and the audit log. */
export const SessionEndReason = z.enum([
  'logout',
  'revoked',
  'revoked_by_admin',
  'password_changed',
  'password_reset',
  'user_disabled',
  'refresh_reuse',
  'idle_timeout',
  'absolute_timeout',
  'mfa_reset',
]);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

/** Pushed to the signed-in browser on `GET /api/auth/events` (server-sent events). */
export const SessionEvent = z.discriminatedUnion('type', [
  /** What the user may do changed: reload `/me` and `/registry`; menus and buttons follow. */
  z.object({ type: z.literal('access') }),
  /** The session ended; the browser goes to the sign-in page. */
  z.object({ type: z.literal('ended'), reason: SessionEndReason }),
  /** A notice a service pushed to this user (contracts `push.ts`); the shell hands it to the apps. */
  z.object({ type: z.literal('notice'), notice: PushedNotice }),
]);
export type SessionEvent = z.infer<typeof SessionEvent>;
export const SESSION_EVENTS_PATH = '/api/auth/events';

export const SessionInfo = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  bankId: z.string(),
  createdAt: z.string(),
  /** Last refresh: the idle timeout counts from here. */
  lastSeenAt: z.string(),
  idleExpiresAt: z.string(),
  absoluteExpiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** Signed in with a second factor. */
  mfa: z.boolean(),
  /** The session making this request. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** Password policy (bank security baseline): 10-128 characters, three of four character classes. */
export const NewPassword = z
  .string()
  .min(10, 'at least 10 characters')
  .max(128, 'at most 128 characters')
  .refine(
    (p) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length >= 3,
    'use three of: lower case, upper case, digits, symbols',
  );

export const TotpCode = z.string().regex(/^\d{6}$/, 'six digits');
export const RecoveryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4,5}-?[A-Za-z0-9]{4,5}$/, 'a recovery code like abcde-12345');

/** A login step that is not finished yet: a ticket (minutes long, single user) for the next step. */
export const LoginStep = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), user: Principal }),
  /** Enter a TOTP code or a recovery code; `enrol`: MFA is required for a role but not set up yet. */
  z.object({ status: z.literal('mfa'), ticket: z.string(), enrol: z.boolean() }),
  /** The password was set by an administrator (or expired): choose a new one first. */
  z.object({ status: z.literal('password'), ticket: z.string() }),
]);
export type LoginStep = z.infer<typeof LoginStep>;

export const MfaSetup = z.object({
  /** Base32 secret, for typing into an authenticator by hand. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The otpauth URL as a QR code, an SVG data URL. */
  qrDataUrl: z.string(),
});
export type MfaSetup = z.infer<typeof MfaSetup>;

export const MfaProof = z
  .object({ ticket: z.string().max(200), code: TotpCode.optional(), recoveryCode: RecoveryCode.optional() })
  .refine((v) => Boolean(v.code) !== Boolean(v.recoveryCode), {
    message: 'give either a code or a recovery code',
    path: ['code'],
  });

/**
 * What the account page asks before a second factor is set up: with MFA on, a current code or a
 * recovery code (proof of the factor being replaced); for a first setup, the password again. A live
 * session alone never changes the factor.
 */
export const MfaStepUp = z
  .object({
    code: TotpCode.optional(),
    recoveryCode: RecoveryCode.optional(),
    /** Named `...Password` so the audit record masks it (as `recoveryCode`). */
    currentPassword: z.string().min(1, 'required').max(256).optional(),
  })
  .refine((v) => [v.code, v.recoveryCode, v.currentPassword].filter(Boolean).length <= 1, {
    message: 'give one proof: a code, a recovery code or the password',
    path: ['code'],
  });

export const MfaStatus = z.object({
  enabled: z.boolean(),
  /** A role the user holds requires MFA: it cannot be turned off. */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});

/** What the platform hands the gateway when a session starts or refreshes. */
export const IssuedSession = z.object({
  sessionId: z.string(),
  /** The new refresh token; null when a refresh came within the grace window of a rotation. */
  refreshToken: z.string().nullable(),
  principal: Principal,
  /**
   * Epoch ms taken just before the principal was read from the database: an access epoch newer
   * than this (see `SESSION_BUCKETS.access`) means the principal may be stale.
   */
  version: z.number().int(),
  /** The access token must not outlive these. */
  idleExpiresAt: z.string(),
  absoluteExpiresAt: z.string(),
});
export type IssuedSession = z.infer<typeof IssuedSession>;

/** Client facts recorded with a session. */
export const ClientInfo = z.object({
  ip: z.string().max(64).nullable(),
  userAgent: z.string().max(255).nullable(),
  /** The HTTP request this step came from, for the audit record. */
  requestId: z.string().max(64).optional(),
});
export type ClientInfo = z.infer<typeof ClientInfo>;
