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
