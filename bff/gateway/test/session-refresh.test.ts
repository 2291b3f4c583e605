import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformService } from '../../platform/src/app.ts';
import { Browser, gatewayTestConfig, sleep, startTestGateway, type TestGateway } from './support.ts';

const cfg = gatewayTestConfig();
let gw: TestGateway;
let platform: Awaited<ReturnType<typeof startPlatformService>>;
// a short grace window so "outside grace" needs no long wait
const GRACE_MS = 1500;

beforeAll(async () => {
  gw = await startTestGateway(cfg, 'session-refresh');
  platform = await startPlatformService(cfg, gw.bus, gw.log, {
    seedDemo: true,
    session: { graceMs: GRACE_MS },
  });
});
afterAll(() => gw?.close([platform.stop]));

const signedIn = async (username = 'am1') => {
  const b = new Browser(gw.url);
  const res = await b.login(username);
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('ok');
  return b;
};

/** The audit records of an action, once the platform's consumer has appended them. */
async function auditOf(action: string, target?: string) {
  for (let i = 0; i < 50; i++) {
    const rows: { action: string; target: string | null; input: string | null; result: string }[] =
      await platform.ds.query(
        `SELECT action, target, input, result FROM audit_log WHERE action = ? ${target ? 'AND target = ?' : ''}`,
        target ? [action, target] : [action],
      );
    if (rows.length) return rows;
    await sleep(100);
  }
  return [];
}

describe('refresh rotation', () => {
  it('issues a new refresh token each time; the old one is no longer a refresh token', async () => {
    const b = await signedIn();
    const first = b.refreshToken;
    expect(first).toMatch(/^[\w-]+\.[\w-]{40,}$/);
    const r1 = await b.refresh();
    expect(r1.status).toBe(200);
    expect(r1.body.user.username).toBe('am1');
    const second = b.refreshToken;
    expect(second).not.toBe(first);
    expect(second.split('.')[0]).toBe(first.split('.')[0]);
    expect((await b.refresh()).status).toBe(200);
    expect(b.refreshToken).not.toBe(second);
    // the new access token works
    expect((await b.get('/api/platform/me')).status).toBe(200);
  });

  it('refuses a refresh without the CSRF header (403), and without any refresh cookie (401)', async () => {
    const b = await signedIn();
    const before = b.refreshToken;
    const noCsrf = await b.post('/api/auth/refresh', {}, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(b.refreshToken).toBe(before);
    // the refused refresh changed nothing: the token still rotates
    expect((await b.refresh()).status).toBe(200);
    const bare = new Browser(gw.url);
    bare.jar.set('zy_csrf', b.csrf);
    expect((await bare.post('/api/auth/refresh')).status).toBe(401);
  });

  it('two tabs racing with the same refresh token both get an access token (grace window)', async () => {
    const a = await signedIn();
    const original = a.refreshToken;
    const tab2 = a.clone();
    const [r1, r2] = await Promise.all([a.refresh(), tab2.refresh()]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    // exactly one got the new refresh token; the other keeps the old one, plus a new access token
    expect([a, tab2].filter((t) => t.refreshToken === original)).toHaveLength(1);
    expect((await a.get('/api/platform/me')).status).toBe(200);
    expect((await tab2.get('/api/platform/me')).status).toBe(200);
  });

  it('a rotated token presented after the grace window ends the whole session, at once, and is audited', async () => {
    const victim = await signedIn();
    const thief = victim.clone();
    expect((await victim.refresh()).status).toBe(200); // rotates: the thief's copy is now old
    const sid = victim.refreshToken.split('.')[0]!;
    await sleep(GRACE_MS + 300);
    const stolen = await thief.refresh();
    expect(stolen.status).toBe(401);
    // the victim's own (current) access and refresh tokens stop working too
    expect((await victim.get('/api/platform/me')).status).toBe(401);
    expect((await victim.refresh()).status).toBe(401);
    const rows = await auditOf('auth.refresh_reuse', sid);
    expect(rows).toHaveLength(1);
    const ends = await auditOf('auth.session_end', sid);
    expect(JSON.parse(ends[0]!.input!)).toEqual({ reason: 'refresh_reuse' });
  });

  it('a token never issued for the session is refused without ending it', async () => {
    const b = await signedIn();
    const forged = b.clone();
    forged.jar.set('zy_refresh', `${b.refreshToken.split('.')[0]}.${'x'.repeat(43)}`);
    expect((await forged.refresh()).status).toBe(401);
    expect((await b.refresh()).status).toBe(200);
  });
});

describe('logout', () => {
  it('ends the session on the server and clears the cookies: copies are refused', async () => {
    const b = await signedIn();
    const copy = b.clone();
    const out = await b.post('/api/auth/logout');
    expect(out.status).toBe(200);
    expect(b.jar.has('zy_access')).toBe(false);
    expect(b.jar.has('zy_refresh')).toBe(false);
    expect((await copy.get('/api/platform/me')).status).toBe(401);
    expect((await copy.refresh()).status).toBe(401);
  });

  it('with an expired access token, the refresh token still ends the session', async () => {
    const b = await signedIn();
    const copy = b.clone();
    b.jar.delete('zy_access'); // as if it had expired
    expect((await b.post('/api/auth/logout')).status).toBe(200);
    expect((await copy.refresh()).status).toBe(401);
    expect((await copy.get('/api/platform/me')).status).toBe(401);
  });

  it('needs the CSRF header', async () => {
    const b = await signedIn();
    expect((await b.post('/api/auth/logout', {}, { csrf: false })).status).toBe(403);
    expect((await b.get('/api/platform/me')).status).toBe(200);
  });
});
