import { z } from 'zod';
import { defineApi } from '../http.ts';
import { Permissions } from '../permissions.ts';
import {
  DevOverride,
  DevOverrideInput,
  LoginInput,
  LoginOutput,
  Me,
  RemoteEntry,
} from './platform.schema.ts';
import {
  AppId,
  AppRollout,
  CreateRule,
  Release,
  ReleaseInput,
  RolloutRule,
  ServiceInfo,
} from './release.schema.ts';

/** Served by the gateway itself (sessions are the gateway's job). */
export const authApi = defineApi('auth', {
  login: {
    method: 'POST',
    path: '/login',
    input: LoginInput,
    output: LoginOutput,
    permission: null,
    summary: 'Sign in; sets the session and CSRF cookies',
  },
  logout: {
    method: 'POST',
    path: '/logout',
    input: z.object({}),
    output: z.object({ ok: z.literal(true) }),
    permission: null,
    summary: 'Sign out; clears the session',
  },
});

export const platformApi = defineApi('platform', {
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
    summary: 'Register an immutable build; refused (409 INCOMPATIBLE) when the shell cannot host it',
  },
  rollout: {
    method: 'GET',
    path: '/rollout',
    input: z.object({ app: AppId.optional() }),
    output: z.object({ apps: z.array(AppRollout) }),
    permission: Permissions.releaseRead,
    summary: 'Releases, activation rules and history per app',
  },
  createRule: {
    method: 'POST',
    path: '/rollout/rules',
    input: CreateRule,
    output: RolloutRule,
    permission: Permissions.releaseManage,
    summary: 'Add an activation rule (default, bank, role or percent canary); pending if four-eyes is on',
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
    summary: 'Make a version the default for everyone and retire the app’s canaries',
  },
  rollback: {
    method: 'POST',
    path: '/rollout/apps/:app/rollback',
    input: z.object({ app: AppId, version: z.string().optional() }),
    output: AppRollout,
    permission: Permissions.releaseManage,
    summary: 'Everyone back to a version (default: the previous default); canaries retired',
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
});
