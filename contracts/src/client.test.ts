import { describe, expect, it } from 'vitest';
import { createApiClient, REFRESH_PATH } from './client.ts';
import { accountApi, authApi } from './platform/platform.routes.ts';

/** A fake gateway: access is valid once refreshed; records every request. */
function fakeGateway(opts: { refreshOk: boolean }) {
  const calls: string[] = [];
  let fresh = false;
  const fake = (async (url: string, init: RequestInit) => {
    calls.push(`${init.method} ${url}`);
    await new Promise((r) => setTimeout(r, 5));
    if (url === REFRESH_PATH) {
      fresh = opts.refreshOk;
      return new Response('{}', { status: opts.refreshOk ? 200 : 401 });
    }
    if (url.startsWith('/api/auth/'))
      return new Response('{"error":{"code":"UNAUTHENTICATED","message":"no"}}', { status: 401 });
    if (!fresh)
      return new Response('{"error":{"code":"UNAUTHENTICATED","message":"expired"}}', { status: 401 });
    return new Response(JSON.stringify({ items: [] }), { status: 200 });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch: fake };
}

describe('api client refresh', () => {
  it('refreshes once for concurrent 401s (single flight) and retries each call once', async () => {
    const gw = fakeGateway({ refreshOk: true });
    let signedOut = 0;
    const api = createApiClient({
      fetch: gw.fetch,
      csrfToken: () => 't',
      onUnauthenticated: () => signedOut++,
    });
    const out = await Promise.all([api.call(accountApi.mySessions, {}), api.call(accountApi.mySessions, {})]);
    expect(out).toEqual([{ items: [] }, { items: [] }]);
    expect(gw.calls.filter((c) => c.endsWith(REFRESH_PATH))).toHaveLength(1);
    expect(gw.calls).toHaveLength(5);
    expect(signedOut).toBe(0);
  });

  it('a failed refresh reports unauthenticated, without retrying', async () => {
    const gw = fakeGateway({ refreshOk: false });
    let signedOut = 0;
    const api = createApiClient({
      fetch: gw.fetch,
      csrfToken: () => 't',
      onUnauthenticated: () => signedOut++,
    });
    await expect(api.call(accountApi.mySessions, {})).rejects.toMatchObject({ status: 401 });
    expect(gw.calls).toEqual(['GET /api/platform/me/sessions', `POST ${REFRESH_PATH}`]);
    expect(signedOut).toBe(1);
  });

  it('never refreshes for the sign-in endpoints themselves', async () => {
    const gw = fakeGateway({ refreshOk: true });
    let signedOut = 0;
    const api = createApiClient({ fetch: gw.fetch, onUnauthenticated: () => signedOut++ });
    await expect(api.call(authApi.login, { username: 'a', password: 'b' })).rejects.toMatchObject({
      status: 401,
    });
    expect(gw.calls).toEqual(['POST /api/auth/login']);
    expect(signedOut).toBe(0);
  });
});
