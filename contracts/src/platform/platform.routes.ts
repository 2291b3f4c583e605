import { z } from 'zod';
import { defineApi } from '../http.ts';
import { LoginInput, LoginOutput, Me, RemoteEntry } from './platform.schema.ts';

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
    input: z.object({}),
    output: z.object({ remotes: z.array(RemoteEntry) }),
    permission: null,
    summary: 'The remote apps resolved for the signed-in user',
  },
});
