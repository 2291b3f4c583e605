import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Browser,
  gatewayTestConfig,
  sleep,
  startTestGateway,
  type TestGateway,
} from '../../gateway/test/support.ts';
import { startPlatformService } from '../src/app.ts';
import { ok } from './support.ts';

const LOCK_MS = 1500;
const cfg = gatewayTestConfig();
let gw: TestGateway;
let platform: Awaited<ReturnType<typeof startPlatformService>>;

beforeAll(async () => {
  gw = await startTestGateway(cfg, 'mfa-test');
  platform = await startPlatformService(cfg, gw.bus, gw.log, {
    seedDemo: true,
    session: { lockMs: LOCK_MS },
  });
});
afterAll(() => gw?.close([platform.stop]));

async function addUser(username: string, role = 'account_manager') {
  await platform.ds.query(
    `INSERT INTO user (id, bank_id, org_id, username, display_name, password_hash, status, created_at)
     SELECT ?, 'bank-a', 'a-br1', ?, ?, password_hash, 'active', UTC_TIMESTAMP(3) FROM user WHERE username = 'am1'`,
    [`u-${username}`, username, username],
  );
  await platform.ds.query('INSERT INTO user_role (user_id, role_id) VALUES (?, ?)', [`u-${username}`, role]);
  return `u-${username}`;
}

/**
 * A TOTP code `offset` seconds from now. A code's time step can be used once, so each test uses
 * increasing offsets (-30, 0, +30: the window the server accepts).
 */
const code = (secret: string, offset: number) =>
  generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offset });

const signedIn = async (username: string) => {
  const b = new Browser(gw.url);
  expect((await b.login(username)).body.status).toBe('ok');
  return b;
};

/** The demo password every user made by `addUser` has (copied from am1). */
const PASSWORD = 'Zhanye@2026';

/** Enrols MFA through the account page (a fresh password check first); returns the secret and the recovery codes. */
async function enrolled(username: string) {
  const b = await signedIn(username);
  const setup = await b.post('/api/platform/me/mfa/setup', { currentPassword: PASSWORD });
  expect(setup.status).toBe(200);
  const secret = setup.body.secret as string;
  const confirmed = await b.post('/api/platform/me/mfa/confirm', { code: code(secret, -30) });
  if (confirmed.status !== 200) console.log(JSON.stringify(confirmed.body));
  expect(confirmed.status).toBe(200);
  return { b, secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

describe('MFA enrolment on the account page', () => {
  it('setup gives a QR code and secret; a wrong code is refused; confirming returns ten recovery codes once', async () => {
    const id = await addUser('mfa1');
    const b = await signedIn('mfa1');
    expect((await b.get('/api/platform/me/mfa')).body).toEqual({
      enabled: false,
      required: false,
      recoveryCodesLeft: 0,
    });
    const setup = await b.post('/api/platform/me/mfa/setup', { currentPassword: PASSWORD });
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(setup.body.otpauthUrl).toContain(`secret=${setup.body.secret}`);
    const secret = setup.body.secret as string;
    const wrong = await b.post('/api/platform/me/mfa/confirm', {
      code: code(secret, 0) === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect((await b.get('/api/platform/me/mfa')).body.enabled).toBe(false);
    const ok = await b.post('/api/platform/me/mfa/confirm', { code: code(secret, 0) });
    expect(ok.status).toBe(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.body.recoveryCodes).size).toBe(10);
    expect((await b.get('/api/platform/me/mfa')).body).toEqual({
      enabled: true,
      required: false,
      recoveryCodesLeft: 10,
    });
    // at rest: the secret is encrypted, the recovery codes are hashes
    const [row] = await platform.ds.query('SELECT secret FROM user_mfa WHERE user_id = ?', [id]);
    expect(row.secret).not.toContain(secret);
    const hashes = await platform.ds.query('SELECT hash FROM user_recovery_code WHERE user_id = ?', [id]);
    expect(hashes.map((h: { hash: string }) => h.hash)).not.toContain(ok.body.recoveryCodes[0]);
  });
});

describe('changing the second factor needs proof, not just a live session', () => {
  const failures = async (id: string) =>
    Number((await platform.ds.query('SELECT failed_logins AS n FROM user WHERE id = ?', [id]))[0].n);
  const factor = async (id: string) =>
    JSON.stringify(
      await platform.ds.query('SELECT secret, pending_secret, enabled_at FROM user_mfa WHERE user_id = ?', [
        id,
      ]),
    );

  it('the first setup needs the password; without it or with a wrong one nothing is set up', async () => {
    const id = await addUser('mfa5');
    const b = await signedIn('mfa5');
    const none = await b.post('/api/platform/me/mfa/setup', {});
    expect(none.status).toBe(400);
    expect(Object.keys(none.body.error.fields)).toEqual(['currentPassword']);
    const wrong = await b.post('/api/platform/me/mfa/setup', { currentPassword: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.body.error.fields)).toEqual(['currentPassword']);
    expect(await failures(id)).toBe(1);
    expect(await factor(id)).toBe('[]');
    const ok = await b.post('/api/platform/me/mfa/setup', { currentPassword: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.secret).toEqual(expect.any(String));
  });

  it('replacing an enabled secret needs a current code or a recovery code: the session alone, the password or a wrong code is refused', async () => {
    const id = await addUser('mfa6');
    const { b, secret } = await enrolled('mfa6');
    const was = await factor(id);
    for (const body of [{}, { currentPassword: PASSWORD }]) {
      const res = await b.post('/api/platform/me/mfa/setup', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['code']);
    }
    const right = code(secret, 0);
    const wrongCode = await b.post('/api/platform/me/mfa/setup', {
      code: right === '000000' ? '111111' : '000000',
    });
    expect(wrongCode.status).toBe(400);
    expect(Object.keys(wrongCode.body.error.fields)).toEqual(['code']);
    const wrongRecovery = await b.post('/api/platform/me/mfa/setup', { recoveryCode: 'aaaaa-bbbbb' });
    expect(wrongRecovery.status).toBe(400);
    expect(Object.keys(wrongRecovery.body.error.fields)).toEqual(['recoveryCode']);
    // refused: the factor is as it was, and the wrong proofs count like failed sign-ins
    expect(await factor(id)).toBe(was);
    expect(await failures(id)).toBe(2);
    // the current code: a new secret, pending until confirmed; the old one works until then
    const setup = await b.post('/api/platform/me/mfa/setup', { code: right });
    expect(setup.status).toBe(200);
    const fresh = setup.body.secret as string;
    expect(fresh).not.toBe(secret);
    const { recoveryCodes } = ok<{ recoveryCodes: string[] }>(
      await b.post('/api/platform/me/mfa/confirm', { code: code(fresh, 30) }),
    );
    // a recovery code (of the new secret's set) proves it too, and is used up
    const again = await b.post('/api/platform/me/mfa/setup', { recoveryCode: recoveryCodes[0] });
    expect(again.status).toBe(200);
    expect((await b.post('/api/platform/me/mfa/setup', { recoveryCode: recoveryCodes[0] })).status).toBe(400);
    // the refusals are in the audit trail like every account change
    await expect
      .poll(
        async () =>
          Number(
            (
              await platform.ds.query(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'platform.startMfa' AND owner_id = ? AND status = 400",
                [id],
              )
            )[0].n,
          ),
        { timeout: 10_000 },
      )
      .toBe(5);
    // a recovery code never reaches the audit log
    const inputs = await platform.ds.query(
      "SELECT input FROM audit_log WHERE action = 'platform.startMfa' AND owner_id = ?",
      [id],
    );
    expect(JSON.stringify(inputs)).not.toContain(recoveryCodes[0]);
    expect(JSON.stringify(inputs)).not.toContain('aaaaa-bbbbb');
  });

  it('wrong proofs lock the account like wrong passwords; while locked even the right code is refused', async () => {
    const id = await addUser('mfa7');
    const { b, secret } = await enrolled('mfa7');
    const right = code(secret, 0);
    const bad = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect((await b.post('/api/platform/me/mfa/setup', { code: bad })).status).toBe(400);
    }
    const locked = await b.post('/api/platform/me/mfa/setup', { code: right });
    expect(locked.status).toBe(429);
    expect(
      (
        await b.post('/api/platform/me/password', {
          currentPassword: PASSWORD,
          newPassword: 'N3w-Passw0rd!x',
        })
      ).status,
    ).toBe(429);
    expect((await new Browser(gw.url).login('mfa7')).status).toBe(429);
    expect(await platform.ds.query('SELECT pending_secret FROM user_mfa WHERE user_id = ?', [id])).toEqual([
      { pending_secret: null },
    ]);
    await sleep(LOCK_MS + 200);
    expect((await b.post('/api/platform/me/mfa/setup', { code: code(secret, 30) })).status).toBe(200);
  });

  it('a sign-in enrolment ticket cannot replace a secret enabled since', async () => {
    const id = await addUser('mfa8', 'branch_head');
    const b = await signedIn('mfa8');
    await platform.ds.query("UPDATE role SET mfa_required = 1 WHERE id = 'branch_head'");
    try {
      const login = new Browser(gw.url);
      const step = await login.login('mfa8');
      expect(step.body).toEqual({ status: 'mfa', ticket: expect.any(String), enrol: true });
      // meanwhile MFA is turned on from the older session
      const setup = await b.post('/api/platform/me/mfa/setup', { currentPassword: PASSWORD });
      ok(await b.post('/api/platform/me/mfa/confirm', { code: code(setup.body.secret, 0) }));
      const was = await factor(id);
      expect((await login.post('/api/auth/mfa/setup', { ticket: step.body.ticket })).status).toBe(400);
      expect(await factor(id)).toBe(was);
    } finally {
      await platform.ds.query("UPDATE role SET mfa_required = 0 WHERE id = 'branch_head'");
    }
  });
});

describe('sign-in with MFA', () => {
  it('asks for a code after the password (no cookies yet); refuses a wrong one; accepts the right one once', async () => {
    await addUser('mfa2');
    const { secret } = await enrolled('mfa2');
    const b = new Browser(gw.url);
    const step = await b.login('mfa2');
    expect(step.status).toBe(200);
    expect(step.body).toEqual({ status: 'mfa', ticket: expect.any(String), enrol: false });
    expect(b.jar.has('zy_access')).toBe(false);
    expect((await b.get('/api/platform/me')).status).toBe(401);
    const right = code(secret, 0);
    const wrong = await b.post('/api/auth/mfa', {
      ticket: step.body.ticket,
      code: right === '123456' ? '654321' : '123456',
    });
    expect(wrong.status).toBe(401);
    expect(b.jar.has('zy_access')).toBe(false);
    const ok = await b.post('/api/auth/mfa', { ticket: step.body.ticket, code: right });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('ok');
    expect((await b.get('/api/platform/me')).status).toBe(200);
    const mine = await b.get('/api/platform/me/sessions');
    expect(mine.body.items.find((s: { current: boolean }) => s.current).mfa).toBe(true);
    // the ticket is used up, and the same code (time step) cannot be used again
    expect(
      (await new Browser(gw.url).post('/api/auth/mfa', { ticket: step.body.ticket, code: right })).status,
    ).toBe(401);
    const again = await new Browser(gw.url).login('mfa2');
    expect(
      (await new Browser(gw.url).post('/api/auth/mfa', { ticket: again.body.ticket, code: right })).status,
    ).toBe(401);
  });

  it('a recovery code works once', async () => {
    await addUser('mfa3');
    const { recoveryCodes } = await enrolled('mfa3');
    const b = new Browser(gw.url);
    const step = await b.login('mfa3');
    const ok = await b.post('/api/auth/mfa', { ticket: step.body.ticket, recoveryCode: recoveryCodes[0] });
    expect(ok.body.status).toBe('ok');
    const c = new Browser(gw.url);
    const step2 = await c.login('mfa3');
    expect(
      (await c.post('/api/auth/mfa', { ticket: step2.body.ticket, recoveryCode: recoveryCodes[0] })).status,
    ).toBe(401);
    // a code and a recovery code at once, or neither: 400
    expect((await c.post('/api/auth/mfa', { ticket: step2.body.ticket })).status).toBe(400);
    expect((await b.get('/api/platform/me/mfa')).body.recoveryCodesLeft).toBe(9);
  });

  it('a role that requires MFA forces enrolment at sign-in: QR, code, then the recovery codes', async () => {
    const id = await addUser('mfa4', 'branch_head');
    await platform.ds.query("UPDATE role SET mfa_required = 1 WHERE id = 'branch_head'");
    try {
      const b = new Browser(gw.url);
      const step = await b.login('mfa4');
      expect(step.body).toEqual({ status: 'mfa', ticket: expect.any(String), enrol: true });
      // a code before any setup: nothing to check it against
      expect((await b.post('/api/auth/mfa', { ticket: step.body.ticket, code: '123456' })).status).toBe(400);
      const setup = await b.post('/api/auth/mfa/setup', { ticket: step.body.ticket });
      expect(setup.status).toBe(200);
      expect(setup.body.qrDataUrl).toMatch(/^data:image\/svg\+xml/);
      const done = await b.post('/api/auth/mfa', {
        ticket: step.body.ticket,
        code: code(setup.body.secret, 0),
      });
      expect(done.status).toBe(200);
      expect(done.body.status).toBe('ok');
      expect(done.body.recoveryCodes).toHaveLength(10);
      const status = await b.get('/api/platform/me/mfa');
      expect(status.body).toEqual({ enabled: true, required: true, recoveryCodesLeft: 10 });
      // next time: a code, no enrolment
      const next = await new Browser(gw.url).login('mfa4');
      expect(next.body.enrol).toBe(false);
      // a setup ticket cannot replace an enrolled secret
      expect(
        (await new Browser(gw.url).post('/api/auth/mfa/setup', { ticket: next.body.ticket })).status,
      ).toBe(400);
      expect(id).toBe('u-mfa4');
    } finally {
      await platform.ds.query("UPDATE role SET mfa_required = 0 WHERE id = 'branch_head'");
    }
  });

  it('sign-in steps are exempt from CSRF but not from the Origin check', async () => {
    const res = await fetch(`${gw.url}/api/auth/mfa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ ticket: 'x', code: '123456' }),
    });
    expect(res.status).toBe(403);
  });
});

describe('lockout', () => {
  it('five wrong passwords lock the account: even the right password is refused, with one message; unlocks with time', async () => {
    await addUser('lock1');
    const b = new Browser(gw.url);
    for (let i = 0; i < 5; i++) {
      const r = await b.login('lock1', 'wrong-password');
      expect(r.status).toBe(401);
      expect(r.body.error.message).toBe('invalid username or password');
    }
    const right = await b.login('lock1');
    const wrong = await b.login('lock1', 'wrong-password');
    expect(right.status).toBe(429);
    expect(wrong.status).toBe(429);
    expect(right.body.error.message).toBe(wrong.body.error.message);
    expect(b.jar.has('zy_access')).toBe(false);
    await sleep(LOCK_MS + 200);
    expect((await b.login('lock1')).body.status).toBe('ok');
  });

  it('an unknown or disabled username answers exactly like a real one: five 401s, then 429', async () => {
    await addUser('gone1');
    await platform.ds.query("UPDATE user SET status = 'disabled' WHERE username = 'gone1'");
    const answers = async (username: string) => {
      const b = new Browser(gw.url);
      const out: [number, string][] = [];
      for (let i = 0; i < 7; i++) {
        const r = await b.login(username, 'wrong-password');
        out.push([r.status, r.body.error.message]);
      }
      return out;
    };
    await addUser('real1');
    const real = await answers('real1');
    expect(real.map(([s]) => s)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(await answers('nobody-like-this')).toEqual(real);
    expect(await answers('gone1')).toEqual(real);
  });

  it('wrong MFA codes count toward the same lockout', async () => {
    await addUser('lock2');
    const { secret } = await enrolled('lock2');
    const right = code(secret, 0);
    const bad = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const b = new Browser(gw.url);
      const step = await b.login('lock2');
      expect(step.body.status).toBe('mfa');
      expect((await b.post('/api/auth/mfa', { ticket: step.body.ticket, code: bad })).status).toBe(401);
    }
    expect((await new Browser(gw.url).login('lock2')).status).toBe(429);
    const audit = await platform.ds.query(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.mfa' AND result = 'UNAUTHENTICATED' AND owner_id = 'u-lock2'",
    );
    // the audit consumer is asynchronous: wait for it
    for (let i = 0; i < 30 && Number(audit[0].n) < 5; i++) {
      await sleep(100);
      audit[0] = (
        await platform.ds.query(
          "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.mfa' AND result = 'UNAUTHENTICATED' AND owner_id = 'u-lock2'",
        )
      )[0];
    }
    expect(Number(audit[0].n)).toBe(5);
  });
});

describe('a password that must change', () => {
  it('signs in to a new-password step first; the old password stops working', async () => {
    const id = await addUser('pwc1');
    await platform.ds.query('UPDATE user SET must_change_password = 1 WHERE id = ?', [id]);
    const b = new Browser(gw.url);
    const step = await b.login('pwc1');
    expect(step.body).toEqual({ status: 'password', ticket: expect.any(String) });
    expect(b.jar.has('zy_access')).toBe(false);
    const weak = await b.post('/api/auth/password', { ticket: step.body.ticket, password: 'abc' });
    expect(weak.status).toBe(400);
    expect(Object.keys(weak.body.error.fields)).toEqual(['password']);
    const same = await b.post('/api/auth/password', { ticket: step.body.ticket, password: 'Zhanye@2026' });
    expect(same.status).toBe(400);
    const ok = await b.post('/api/auth/password', { ticket: step.body.ticket, password: 'N3w-Passw0rd!x' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('ok');
    expect((await b.get('/api/platform/me')).status).toBe(200);
    expect((await new Browser(gw.url).login('pwc1')).status).toBe(401);
    expect((await new Browser(gw.url).login('pwc1', 'N3w-Passw0rd!x')).body.status).toBe('ok');
    // the ticket was used up
    expect(
      (
        await new Browser(gw.url).post('/api/auth/password', {
          ticket: step.body.ticket,
          password: 'Other-Passw0rd!',
        })
      ).status,
    ).toBe(401);
  });
});
