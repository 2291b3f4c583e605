import { z } from 'zod';
import { internalCall } from '../bus.ts';
import { LoginInput } from './platform.schema.ts';
import { ReleaseInput } from './release.schema.ts';
import {
  ClientInfo,
  IssuedSession,
  MfaProof,
  MfaSetup,
  NewPassword,
  SessionEndReason,
} from './session.schema.ts';

/**
 * Gateway -> platform, the sign-in steps. Only the `system:gateway` caller may use these. Each
 * either finishes (a session is created and returned) or names the next step with a ticket.
 */
const SignInResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    session: IssuedSession,
    recoveryCodes: z.array(z.string()).optional(),
  }),
  z.object({ status: z.literal('mfa'), ticket: z.string(), enrol: z.boolean() }),
  z.object({ status: z.literal('password'), ticket: z.string() }),
]);
export type SignInResult = z.infer<typeof SignInResult>;

/** Check a password (lockout after repeated failures). */
export const authenticateCall = internalCall({
  subject: 'svc.platform.authenticate',
  service: 'platform',
  input: LoginInput.extend({ client: ClientInfo }),
  output: SignInResult,
});

/** The MFA enrolment of a ticket's user: a new secret and its QR code (not active until verified). */
export const mfaSetupCall = internalCall({
  subject: 'svc.platform.mfa-setup',
  service: 'platform',
  input: z.object({ ticket: z.string().max(200) }),
  output: MfaSetup,
});

/** A TOTP or recovery code for a ticket; finishing an enrolment returns the recovery codes once. */
export const mfaVerifyCall = internalCall({
  subject: 'svc.platform.mfa-verify',
  service: 'platform',
  input: MfaProof.and(z.object({ client: ClientInfo })),
  output: SignInResult,
});

/** A new password for a ticket whose password must change. */
export const passwordStepCall = internalCall({
  subject: 'svc.platform.password-step',
  service: 'platform',
  input: z.object({ ticket: z.string().max(200), password: NewPassword, client: ClientInfo }),
  output: SignInResult,
});

/** Rotate a refresh token: idle and absolute timeouts are checked, reuse ends the session. */
export const refreshSessionCall = internalCall({
  subject: 'svc.platform.session-refresh',
  service: 'platform',
  input: z.object({ refreshToken: z.string().max(300), client: ClientInfo }),
  output: z.object({ session: IssuedSession }),
});

/** The current principal of a live session (after an access change); 401 once it has ended. */
export const sessionPrincipalCall = internalCall({
  subject: 'svc.platform.session-principal',
  service: 'platform',
  input: z.object({ sessionId: z.string().max(64) }),
  output: z.object({ session: IssuedSession }),
});

/**
 * End a session (logout): named by the id in a verified access token, or by its refresh token when
 * the access token has expired already (a bare id from a cookie proves nothing).
 */
export const endSessionCall = internalCall({
  subject: 'svc.platform.session-end',
  service: 'platform',
  input: z
    .object({
      sessionId: z.string().max(64).optional(),
      refreshToken: z.string().max(300).optional(),
      reason: SessionEndReason,
      client: ClientInfo.optional(),
    })
    .refine((v) => Boolean(v.sessionId) || Boolean(v.refreshToken), {
      message: 'a session id or a refresh token',
      path: ['sessionId'],
    }),
  output: z.object({ ok: z.literal(true) }),
});

/**
 * Release tooling -> platform: register a built version (the same service method and compatibility
 * gate as `platformApi.registerRelease`) and, with `activate`, make it the default. Used to bootstrap
 * a namespace, where nobody can sign in yet; only the `system:release` caller may use it.
 */
export const registerReleaseCall = internalCall({
  subject: 'svc.platform.register-release',
  service: 'platform',
  input: ReleaseInput.extend({ activate: z.boolean().default(true) }),
  output: z.object({ ok: z.literal(true), created: z.boolean(), activated: z.boolean() }),
});

/** An org of a bank as other services see it: reference data, nothing personal. */
export const OrgRef = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  path: z.string(),
  name: z.string(),
  kind: z.string(),
});
export type OrgRef = z.infer<typeof OrgRef>;

/**
 * A domain service asks for the org tree of the caller's bank (names for its pages, the HQ and
 * business-division orgs a workflow routes to).
 */
export const orgTreeCall = internalCall({
  subject: 'svc.platform.org-tree',
  service: 'platform',
  input: z.object({}),
  output: z.object({ orgs: z.array(OrgRef) }),
});

/**
 * The active users of the caller's bank holding a post (all posts when absent), within an org
 * subtree (the whole bank when absent): a workflow's pickers (an assistant investigator, a manager
 * to hand a limit to) and its checks that a named person is real. Names and orgs only.
 */
export const colleaguesCall = internalCall({
  subject: 'svc.platform.colleagues',
  service: 'platform',
  input: z.object({
    post: z.string().max(32).optional(),
    orgPath: z.string().max(255).optional(),
    userIds: z.array(z.string().max(64)).max(50).optional(),
  }),
  output: z.object({
    users: z.array(
      z.object({
        userId: z.string(),
        displayName: z.string(),
        orgId: z.string(),
        orgName: z.string(),
        orgPath: z.string(),
        posts: z.array(z.string()),
      }),
    ),
  }),
});
