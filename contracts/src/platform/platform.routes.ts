import { z } from 'zod';
import { defineApi } from '../http.ts';
import { Principal } from '../principal.ts';
import { platformPermissions as Permissions } from './platform.permissions.ts';
import { DevOverride, DevOverrideInput, LoginInput, Me, RemoteEntry } from './platform.schema.ts';
import {
  AppId,
  AppRollout,
  CreateRule,
  Release,
  ReleaseInput,
  RolloutRule,
  ServiceInfo,
} from './release.schema.ts';
import {
  LoginStep,
  MfaProof,
  MfaSetup,
  MfaStatus,
  MfaStepUp,
  NewPassword,
  SessionInfo,
  TotpCode,
} from './session.schema.ts';

/** Served by the gateway itself (sessions are the gateway's job). */
export const authApi = defineApi('auth', {
  login: {
    method: 'POST',
    path: '/login',
    input: LoginInput,
    output: LoginStep,
    permission: null,
    summary: 'Sign in with a password; sets the session cookies, or names the next step (MFA, new password)',
  },
  mfa: {
    method: 'POST',
    path: '/mfa',
    input: MfaProof,
    // the variant with recovery codes first: LoginStep's own `ok` object would match too and strip
    // them (zod objects drop unknown keys), so the codes shown once after enrolment never arrived
    output: z
      .object({ status: z.literal('ok'), user: Principal, recoveryCodes: z.array(z.string()) })
      .or(LoginStep),
    permission: null,
    summary:
      'Second sign-in step: a TOTP code or a recovery code; finishing an enrolment returns recovery codes once',
  },
  mfaSetup: {
    method: 'POST',
    path: '/mfa/setup',
    input: z.object({ ticket: z.string().max(200) }),
    output: MfaSetup,
    permission: null,
    summary: 'MFA enrolment during sign-in (required by a role): a new secret and its QR code',
  },
  password: {
    method: 'POST',
    path: '/password',
    input: z.object({ ticket: z.string().max(200), password: NewPassword }),
    output: LoginStep,
    permission: null,
    summary: 'Sign-in step when the password must change (set by an administrator)',
  },
  refresh: {
    method: 'POST',
    path: '/refresh',
    input: z.object({}),
    output: z.object({ user: Principal }),
    permission: null,
    summary: 'Rotate the refresh token and issue a new access token; a reused refresh token ends the session',
  },
  logout: {
    method: 'POST',
    path: '/logout',
    input: z.object({}),
    output: z.object({ ok: z.literal(true) }),
    permission: null,
    summary: 'Sign out; ends the session on the server and clears the cookies',
  },
});

/** The signed-in user's own account: sessions, password, MFA. Any signed-in user. */
export const accountApi = defineApi(
  'platform',
  {
    mySessions: {
      method: 'GET',
      path: '/me/sessions',
      input: z.object({}),
      output: z.object({ items: z.array(SessionInfo) }),
      permission: null,
      summary: 'My live sessions (this one marked current)',
    },
    endMySession: {
      method: 'POST',
      path: '/me/sessions/:id/end',
      input: z.object({ id: z.string().max(64) }),
      output: z.object({ ok: z.literal(true) }),
      permission: null,
      summary: 'End one of my sessions (another device, or this one)',
    },
    changePassword: {
      method: 'POST',
      path: '/me/password',
      // named `...Password` so the audit record masks both (kit masks keys matching /password/)
      input: z.object({ currentPassword: z.string().min(1, 'required').max(256), newPassword: NewPassword }),
      output: z.object({ ok: z.literal(true), endedSessions: z.number().int() }),
      permission: null,
      summary: 'Change my password; every other session of mine ends',
    },
    mfaStatus: {
      method: 'GET',
      path: '/me/mfa',
      input: z.object({}),
      output: MfaStatus,
      permission: null,
      summary: 'Whether MFA is on, required, and how many recovery codes are left',
    },
    startMfa: {
      method: 'POST',
      path: '/me/mfa/setup',
      input: MfaStepUp,
      output: MfaSetup,
      permission: null,
      summary:
        'Start MFA enrolment (proof: the password) or bind another authenticator (proof: a current code or a recovery code): a new secret and its QR code, active once confirmed; wrong proofs count toward the lockout',
    },
    confirmMfa: {
      method: 'POST',
      path: '/me/mfa/confirm',
      input: z.object({ code: TotpCode }),
      output: z.object({ recoveryCodes: z.array(z.string()) }),
      permission: null,
      summary: 'Confirm enrolment with a code; returns ten recovery codes, shown once',
    },
    regenerateRecoveryCodes: {
      method: 'POST',
      path: '/me/mfa/recovery-codes',
      input: z.object({ code: TotpCode }),
      output: z.object({ recoveryCodes: z.array(z.string()) }),
      permission: null,
      summary: 'New recovery codes (the old ones stop working); needs a current TOTP code',
    },
  },
  // the platform’s own administration, release control and accounts: union staff act here too
  { unionWrites: true },
);

export const platformApi = defineApi(
  'platform',
  {
    me: {
      method: 'GET',
      path: '/me',
      input: z.object({}),
      output: Me,
      permission: null,
      summary: 'The signed-in user, their permissions and their menus',
    },
    registry: {
      method: 'GET',
      path: '/registry',
      /** `overrides`: comma-separated developer-override tokens held by this browser tab. */
      input: z.object({ overrides: z.string().max(8192).optional() }),
      output: z.object({ remotes: z.array(RemoteEntry) }),
      permission: null,
      summary: 'The remote apps resolved for the signed-in user',
    },
    registerRelease: {
      method: 'POST',
      path: '/releases',
      input: ReleaseInput,
      output: Release,
      permission: Permissions.releaseManage,
      summary:
        "Register an immutable build (the union's release managers); refused (409 INCOMPATIBLE) when the shell cannot host it",
    },
    rollout: {
      method: 'GET',
      path: '/rollout',
      input: z.object({ app: AppId.optional() }),
      output: z.object({
        apps: z.array(AppRollout),
        /**
         * null: the caller is a release manager of the union (every rule). A bank id: the caller
         * manages only `bank` rules for that bank, and sees only the shared rules and their bank's.
         */
        onlyBank: z.string().nullable(),
      }),
      permission: Permissions.releaseRead,
      summary:
        "Releases, activation rules and history per app (a bank's release managers: the shared rules and their bank's only)",
    },
    createRule: {
      method: 'POST',
      path: '/rollout/rules',
      input: CreateRule,
      output: RolloutRule,
      permission: Permissions.releaseManage,
      summary:
        "Add an activation rule (default, bank, role or percent canary; a bank's release managers: a bank rule for their bank); pending if four-eyes is on",
    },
    approveRule: {
      method: 'POST',
      path: '/rollout/rules/:id/approve',
      input: z.object({ id: z.string() }),
      output: RolloutRule,
      permission: Permissions.releaseApprove,
      summary: 'Approve a pending rule (never by its requester)',
    },
    pauseRule: {
      method: 'POST',
      path: '/rollout/rules/:id/pause',
      input: z.object({ id: z.string() }),
      output: RolloutRule,
      permission: Permissions.releaseManage,
      summary: 'Pause a canary: its users fall back to the next matching rule',
    },
    resumeRule: {
      method: 'POST',
      path: '/rollout/rules/:id/resume',
      input: z.object({ id: z.string() }),
      output: RolloutRule,
      permission: Permissions.releaseManage,
      summary: 'Resume a paused rule',
    },
    promote: {
      method: 'POST',
      path: '/rollout/apps/:app/promote',
      input: z.object({ app: AppId, version: z.string() }),
      output: AppRollout,
      permission: Permissions.releaseManage,
      summary:
        "Make a version the default for everyone and retire the app's canaries (the union's release managers)",
    },
    rollback: {
      method: 'POST',
      path: '/rollout/apps/:app/rollback',
      input: z.object({ app: AppId, version: z.string().optional() }),
      output: AppRollout,
      permission: Permissions.releaseManage,
      summary:
        "Everyone back to a version (default: the previous default); canaries retired (the union's release managers)",
    },
    createDevOverride: {
      method: 'POST',
      path: '/dev-overrides',
      input: DevOverrideInput,
      output: DevOverride,
      permission: Permissions.devOverride,
      summary: 'Point one app at a local build for the caller only: signed, expiring, audited',
    },
    services: {
      method: 'GET',
      path: '/services',
      input: z.object({}),
      output: z.object({ services: z.array(ServiceInfo) }),
      permission: Permissions.releaseRead,
      summary: 'Running services: version and instances of each (NATS service discovery)',
    },
  },
  // the platform’s own administration, release control and accounts: union staff act here too
  { unionWrites: true },
);
