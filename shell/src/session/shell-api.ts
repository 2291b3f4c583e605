import { type ApiClient, createApiClient } from '@zhanye/contracts';

let leaving = false;

/** Sends the browser to the login page, coming back here after signing in. */
export function toLogin(): void {
  if (leaving) return;
  leaving = true;
  const here = `${location.pathname}${location.search}${location.hash}`;
  location.assign(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`);
}

/** One client for the shell and every app: CSRF header, one error shape, 401 -> login. */
export function createShellApi(): ApiClient {
  return createApiClient({ onUnauthenticated: toLogin });
}
