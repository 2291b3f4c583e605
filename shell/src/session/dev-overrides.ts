/**
 * Developer overrides held by this browser tab (sessionStorage): a link with `?zyDevOverride=<token>`
 * (printed by `pnpm dev-override`) adds one; the registry applies the ones that are valid for the
 * signed-in developer and marks those entries, and the workbench shows a banner while any is active.
 */
const KEY = 'zy.devOverrides';
const PARAM = 'zyDevOverride';

function read(): string[] {
  try {
    const list = JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** Takes a token from the address bar (and removes it from there), returns all tokens held. */
export function devOverrideTokens(): string[] {
  const url = new URL(window.location.href);
  const fresh = url.searchParams.get(PARAM);
  const tokens = read();
  if (fresh) {
    url.searchParams.delete(PARAM);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    if (!tokens.includes(fresh)) tokens.push(fresh);
    try {
      sessionStorage.setItem(KEY, JSON.stringify(tokens.slice(-10)));
    } catch {
      // storage disabled: the override lasts for this page load only
    }
  }
  return tokens;
}

export function clearDevOverrides(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing was kept
  }
}
