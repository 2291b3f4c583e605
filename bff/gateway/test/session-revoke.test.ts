import { pushSubject } from '@zhanye/contracts';
import { pushNotice } from '@zhanye/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformService } from '../../platform/src/app.ts';
import { Browser, gatewayTestConfig, sleep, startTestGateway, type TestGateway } from './support.ts';

const cfg = gatewayTestConfig();
let gw: TestGateway;
let platform: Awaited<ReturnType<typeof startPlatformService>>;

beforeAll(async () => {
  gw = await startTestGateway(cfg, 'session-revoke');
  platform = await startPlatformService(cfg, gw.bus, gw.log, { seedDemo: true });
  // an administrator of the other bank
  await addUser('badmin', 'bank-b', 'b-hq', 'admin');
});
afterAll(() => gw?.close([platform.stop]));

/** A user with the demo password, for tests that change them. */
async function addUser(username: string, bank: string, org: string, role: string) {
  await platform.ds.query(
    `INSERT INTO user (id, bank_id, org_id, username, display_name, password_hash, status, created_at)
     SELECT ?, ?, ?, ?, ?, password_hash, 'active', UTC_TIMESTAMP(3) FROM user WHERE username = 'am1'`,
    [`u-${username}`, bank, org, username, username],
  );
  await platform.ds.query('INSERT INTO user_role (user_id, role_id) VALUES (?, ?)', [`u-${username}`, role]);
  return `u-${username}`;
}

const signedIn = async (username: string, password?: string) => {
  const b = new Browser(gw.url);
  const r = await b.login(username, password);
  expect(r.status).toBe(200);
  expect(r.body.status).toBe('ok');
  return b;
};
const sidOf = (b: Browser) => b.refreshToken.split('.')[0]!;

/** Polls until `probe` gives `want` (KV watches deliver within milliseconds; allow a second). */
async function eventually<T>(probe: () => Promise<T>, want: T): Promise<T> {
  let got = await probe();
  for (let i = 0; i < 20 && got !== want; i++) {
    await sleep(50);
    got = await probe();
  }
  return got;
}

describe('my sessions', () => {
  it('lists my live sessions with the current one marked, and ends another of mine', async () => {
    const laptop = await signedIn('am2');
    const phone = await signedIn('am2');
    const list = await laptop.get('/api/platform/me/sessions');
    expect(list.status).toBe(200);
    const mine = list.body.items as { id: string; current: boolean; username: string }[];
    expect(mine.map((s) => s.id).sort()).toEqual([sidOf(laptop), sidOf(phone)].sort());
    expect(mine.find((s) => s.current)?.id).toBe(sidOf(laptop));
    expect((await laptop.post(`/api/platform/me/sessions/${sidOf(phone)}/end`)).status).toBe(200);
    expect(await eventually(async () => (await phone.get('/api/platform/me')).status, 401)).toBe(401);
    expect((await phone.refresh()).status).toBe(401);
    expect((await laptop.get('/api/platform/me')).status).toBe(200);
    // someone else's session is not mine to end
    const other = await signedIn('approver1');
    expect((await laptop.post(`/api/platform/me/sessions/${sidOf(other)}/end`)).status).toBe(404);
    expect((await other.get('/api/platform/me')).status).toBe(200);
  });

  it('changing my password ends my other sessions, not this one', async () => {
    await addUser('pw1', 'bank-a', 'a-br1', 'account_manager');
    const here = await signedIn('pw1');
    const there = await signedIn('pw1');
    const wrong = await here.post('/api/platform/me/password', {
      currentPassword: 'not-it',
      newPassword: 'An0ther-Passw0rd!',
    });
    expect(wrong.status).toBe(400);
    expect((await there.get('/api/platform/me')).status).toBe(200);
    const weak = await here.post('/api/platform/me/password', {
      currentPassword: 'Zhanye@2026',
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(Object.keys(weak.body.error.fields)).toEqual(['newPassword']);
    const ok = await here.post('/api/platform/me/password', {
      currentPassword: 'Zhanye@2026',
      newPassword: 'An0ther-Passw0rd!',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, endedSessions: 1 });
    expect(await eventually(async () => (await there.get('/api/platform/me')).status, 401)).toBe(401);
    expect((await here.get('/api/platform/me')).status).toBe(200);
    expect((await new Browser(gw.url).login('pw1')).status).toBe(401);
    await signedIn('pw1', 'An0ther-Passw0rd!');
  });
});

describe('administrators', () => {
  it('a bank admin lists and ends sessions of their bank; another bank’s admin gets 404', async () => {
    const admin = await signedIn('admin');
    const badmin = await signedIn('badmin');
    const am1 = await signedIn('am1');
    const bam1 = await signedIn('bam1');
    const am1Sid = sidOf(am1);
    const listed = await admin.get('/api/platform/admin/sessions?pageSize=100');
    expect(listed.status).toBe(200);
    const ids = (listed.body.items as { id: string; bankId: string }[]).map((s) => s.id);
    expect(ids).toContain(sidOf(am1));
    expect(ids).not.toContain(sidOf(bam1));
    expect(new Set((listed.body.items as { bankId: string }[]).map((s) => s.bankId))).toEqual(
      new Set(['bank-a']),
    );
    // bank-b's admin cannot end bank-a's session, nor learn it exists
    expect((await badmin.post(`/api/platform/admin/sessions/${sidOf(am1)}/end`)).status).toBe(404);
    expect((await am1.get('/api/platform/me')).status).toBe(200);
    expect((await admin.post(`/api/platform/admin/sessions/${sidOf(am1)}/end`)).status).toBe(200);
    expect(await eventually(async () => (await am1.get('/api/platform/me')).status, 401)).toBe(401);
    expect((await am1.refresh()).status).toBe(401);
    // a user without the permission is refused
    expect((await bam1.get('/api/platform/admin/sessions')).status).toBe(403);
    const reason = await platform.ds.query('SELECT end_reason FROM user_session WHERE id = ?', [am1Sid]);
    expect(reason[0].end_reason).toBe('revoked_by_admin');
  });

  it('a union administrator (data scope all) sees every bank’s sessions', async () => {
    const union = await signedIn('union1');
    const bam1 = await signedIn('bam1');
    const am1 = await signedIn('am1');
    const listed = await union.get('/api/platform/admin/sessions?pageSize=100');
    expect(listed.status).toBe(200);
    const ids = (listed.body.items as { id: string }[]).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([sidOf(bam1), sidOf(am1)]));
  });

  it('disabling a user ends all their sessions at once (SessionControl.endAllForUser)', async () => {
    const id = await addUser('dis1', 'bank-a', 'a-br1', 'account_manager');
    const a = await signedIn('dis1');
    const b = await signedIn('dis1');
    await platform.ds.query("UPDATE user SET status = 'disabled' WHERE id = ?", [id]);
    expect(await platform.sessions.endAllForUser(id, 'user_disabled')).toBe(2);
    for (const s of [a, b]) {
      expect(await eventually(async () => (await s.get('/api/platform/me')).status, 401)).toBe(401);
      expect((await s.refresh()).status).toBe(401);
    }
    expect((await new Browser(gw.url).login('dis1')).status).toBe(401);
  });

  it('an administrator disabling a user, resetting their password or their MFA ends their sessions (admin API)', async () => {
    const admin = await signedIn('admin');
    for (const [i, action, body] of [
      [1, 'disable', {}],
      [2, 'reset-password', { password: 'Temporary-Passw0rd' }],
      [3, 'reset-mfa', {}],
    ] as const) {
      const id = await addUser(`adm${i}`, 'bank-a', 'a-br1', 'account_manager');
      const s = await signedIn(`adm${i}`);
      expect((await s.get('/api/platform/me')).status).toBe(200);
      expect((await admin.post(`/api/platform/admin/users/${id}/${action}`, body)).status).toBe(200);
      expect(await eventually(async () => (await s.get('/api/platform/me')).status, 401)).toBe(401);
      expect((await s.refresh()).status).toBe(401);
    }
  });
});

describe('access changes without a new sign-in', () => {
  it('an access epoch makes the very next request carry the new principal; a revoked permission is 403 at once', async () => {
    const id = await addUser('chg1', 'bank-a', 'a-hq', 'admin');
    const b = await signedIn('chg1');
    expect((await b.get('/api/platform/admin/sessions')).status).toBe(200);
    await platform.ds.query("UPDATE user_role SET role_id = 'account_manager' WHERE user_id = ?", [id]);
    // without telling the sessions, the token still carries the old principal
    expect((await b.get('/api/platform/admin/sessions')).status).toBe(200);
    await platform.sessions.accessChanged({ users: [id] });
    expect(await eventually(async () => (await b.get('/api/platform/admin/sessions')).status, 403)).toBe(403);
    const me = await b.get('/api/platform/me');
    expect(me.body.user.roles).toEqual(['account_manager']);
    // and the re-issued access cookie carries it: a copy of the jar now needs no platform call
    expect(b.jar.get('zy_access')).toBeTruthy();
    // a whole bank's epoch applies too
    await platform.ds.query("UPDATE user_role SET role_id = 'admin' WHERE user_id = ?", [id]);
    await platform.sessions.accessChanged({ bank: 'bank-a' });
    expect(await eventually(async () => (await b.get('/api/platform/admin/sessions')).status, 200)).toBe(200);
  });

  it('pushes `access` and `ended` to the session’s event stream, then closes it', async () => {
    const id = await addUser('sse1', 'bank-a', 'a-br1', 'account_manager');
    const b = await signedIn('sse1');
    const res = await fetch(`${gw.url}/api/auth/events`, { headers: { cookie: b.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const until = async (re: RegExp) => {
      const deadline = Date.now() + 3000;
      while (!re.test(text) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return re.test(text);
    };
    await until(/retry:/);
    await platform.sessions.accessChanged({ users: [id] });
    expect(await until(/event: access\ndata: \{"type":"access"\}/)).toBe(true);
    // another user's change is not pushed here
    await platform.sessions.accessChanged({ users: ['u-am1'] });
    await platform.sessions.endAllForUser(id, 'revoked_by_admin');
    expect(await until(/event: ended\ndata: \{"type":"ended","reason":"revoked_by_admin"\}/)).toBe(true);
    expect(text.match(/event: access/g)).toHaveLength(1);
    expect((await reader.read()).done).toBe(true);
    // without a session: 401
    expect((await fetch(`${gw.url}/api/auth/events`)).status).toBe(401);
  });

  it('forwards the notices services push to the principals in their audience only', async () => {
    const id = await addUser('sse2', 'bank-a', 'a-br1', 'account_manager');
    const b = await signedIn('sse2');
    const res = await fetch(`${gw.url}/api/auth/events`, { headers: { cookie: b.cookie } });
    const reader = res.body!.getReader();
    let text = '';
    const until = async (re: RegExp) => {
      const deadline = Date.now() + 3000;
      while (!re.test(text) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return re.test(text);
    };
    await until(/retry:/);
    const push = (to: Record<string, string>, n: string, bankId = 'bank-a') =>
      pushNotice(gw.bus, 'risk', { bankId, to: to as never, type: 'risk.warning', data: { n } });
    push({ userId: id }, 'mine');
    push({ userId: 'u-am1' }, 'someone else');
    push({ userId: id }, 'other bank', 'bank-b');
    push({ permission: 'customer:read', orgPath: '/bank-a/' }, 'by permission');
    push({ permission: 'risk:decision:read', orgPath: '/bank-a/' }, 'a permission I lack');
    // a service cannot push another domain's notices: the kit refuses, the gateway drops them
    expect(() =>
      pushNotice(gw.bus, 'credit', { bankId: 'bank-a', to: { userId: id }, type: 'risk.x' }),
    ).toThrow();
    gw.bus.nc.publish(
      gw.bus.subject(pushSubject('credit')),
      JSON.stringify({ bankId: 'bank-a', to: { userId: id }, type: 'risk.forged', data: {} }),
    );
    push({ userId: id }, 'last');
    expect(await until(/"n":"last"/)).toBe(true);
    const got = [...text.matchAll(/event: notice\ndata: (.*)\n/g)].map(
      (m) => JSON.parse(m[1]!).notice.data.n,
    );
    expect(got).toEqual(['mine', 'by permission', 'last']);
    await reader.cancel();
  });
});
