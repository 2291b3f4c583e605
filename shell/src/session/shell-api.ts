import { type ApiClient, authApi, createApiClient } from '@zhanye/contracts';
import { forgetRegistry } from './session.resource.ts';

/** Where the browser is going (the login page), once it is leaving; a sign-out under way. */
let target: string | null = null;
let signingOut = false;

function go(url: string): void {
  if (target === url) return;
  target = url;
  location.assign(url);
}

/**
 * The session is over (expired, revoked, ended by an administrator): to the login page, coming
 * back here after signing in (the login page honours that only for the same user, see
 * `nextAfterSignIn`). Does nothing once the browser is leaving or signing out.
 */
export function toLogin(): void {
  if (target || signingOut) return;
  const here = `${location.pathname}${location.search}${location.hash}`;
  go(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`);
}

/**
 * The user signed out (here, or in another tab: the session ended with reason `logout`): to the
 * login page with no page to come back to, replacing a redirect that kept one.
 */
export function toLoginSignedOut(): void {
  go('/login');
}

/**
 * Signs out: ends the session on the server, forgets this user's cached registry, leaves. Marked
 * before the logout call, so the redirects it causes (the pushed `ended`, a 401 of a call in
 * flight) cannot race it with `?next=`.
 */
export async function signOut(api: ApiClient): Promise<void> {
  signingOut = true;
  forgetRegistry();
  await api.call(authApi.logout, {}).catch((error: unknown) => console.warn('[shell] logout failed', error));
  toLoginSignedOut();
}

/** One client for the shell and every app: CSRF header, one error shape, 401 -> login. */
export function createShellApi(): ApiClient {
  return createApiClient({ onUnauthenticated: toLogin });
}
