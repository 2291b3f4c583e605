/**
 * Where to go after signing in: the `next` query parameter if it is a path on this origin,
 * otherwise the workbench home. Refuses `//host`, `/\host`, absolute URLs and the login page.
 */
export function safeNext(search: string, origin: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next || !/^\/(?![/\\])/.test(next)) return '/';
  try {
    const url = new URL(next, origin);
    if (url.origin !== origin || url.pathname === '/login') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}

/**
 * Where to go after `userId` signed in: `next` (see `safeNext`) only if nobody else was the last
 * user of this browser. A page kept when a session ended belongs to that session's user: on a
 * shared PC the next person lands on the workbench home instead of the previous user's page.
 */
export function nextAfterSignIn(search: string, origin: string, userId: string, lastUserId: string | null) {
  return lastUserId && lastUserId !== userId ? '/' : safeNext(search, origin);
}
