import { customerApi } from '@zhanye/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCustomerService } from '../../customer/src/app.ts';
import { startPlatformService } from '../../platform/src/app.ts';
import { DECLARED_GRANTS, MENUS } from '../../platform/src/seed/access.seed.ts';
import { gatewayTestConfig, signIn, startTestGateway, type TestGateway } from './support.ts';

const cfg = gatewayTestConfig({ API_TIMEOUT_MS: '500' });
let gw: TestGateway;
let url: string;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  gw = await startTestGateway(cfg, 'gateway-test');
  const { bus, log } = gw;
  const platform = await startPlatformService(cfg, bus, log, { seedDemo: true });
  const customer = await startCustomerService(cfg, bus, log);
  stops.push(platform.stop, customer.stop);
  // a domain whose service takes requests and never answers (risk); marketing is not running
  bus.nc.subscribe(bus.subject('api.risk'), { callback: () => undefined });
  url = gw.url;
});
afterAll(() => gw?.close(stops));

const login = (username: string, password: string) => signIn(url, username, password);

describe('gateway', () => {
  it('refuses a wrong password with one generic 401 and no cookie', async () => {
    for (const [u, p] of [
      ['am1', 'wrong'],
      ['nobody', 'wrong'],
    ]) {
      const { res, setCookies } = await login(u!, p!);
      expect(res.status).toBe(401);
      expect((await res.json()).error.message).toBe('invalid username or password');
      expect(setCookies).toHaveLength(0);
    }
  });

  it('answers a login body that fails its schema with 400 and field messages', async () => {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '' }),
    });
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.fields).sort()).toEqual(['password', 'username']);
  });

  it('signs in with HttpOnly access and refresh cookies (refresh only under /api/auth) and a readable CSRF cookie', async () => {
    const { res, setCookies } = await login('am1', 'Zhanye@2026');
    expect(res.status).toBe(200);
    const session = setCookies.find((c) => c.startsWith('zy_access='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const refresh = setCookies.find((c) => c.startsWith('zy_refresh='))!;
    expect(refresh).toMatch(/HttpOnly/i);
    expect(refresh).toMatch(/SameSite=Strict/i);
    expect(refresh).toMatch(/Path=\/api\/auth/i);
    const csrf = setCookies.find((c) => c.startsWith('zy_csrf='))!;
    expect(csrf).not.toMatch(/HttpOnly/i);
  });

  it('forwards /api/<domain>/* over NATS and refuses mutations without the CSRF token', async () => {
    const { cookie, csrf } = await login('am1', 'Zhanye@2026');
    const body = JSON.stringify({ name: '网关测试', idNumber: '110101199001011234', phone: '13812345678' });
    const headers = { cookie, 'content-type': 'application/json' };
    const noCsrf = await fetch(`${url}/api/customer/customers`, { method: 'POST', headers, body });
    expect(noCsrf.status).toBe(403);
    const crossOrigin = await fetch(`${url}/api/customer/customers`, {
      method: 'POST',
      headers: { ...headers, 'x-csrf-token': csrf, origin: 'http://evil.example' },
      body,
    });
    expect(crossOrigin.status).toBe(403);
    const ok = await fetch(`${url}/api/customer/customers`, {
      method: 'POST',
      headers: { ...headers, 'x-csrf-token': csrf },
      body,
    });
    expect(ok.status).toBe(200);
    const list = await fetch(`${url}/api/customer/customers?q=网关`, { headers: { cookie } });
    expect(customerApi.list.output.parse(await list.json()).items.map((c) => c.name)).toContain('网关测试');
  });

  it('maps failures to JSON: 401 unsigned, 404 unknown, 503 no responder, 504 timeout, 400 bad JSON', async () => {
    const { cookie, csrf } = await login('am1', 'Zhanye@2026');
    expect((await fetch(`${url}/api/customer/customers`)).status).toBe(401);
    const notFound = await fetch(`${url}/api/customer/nothing-here`, { headers: { cookie } });
    expect(notFound.status).toBe(404);
    expect((await notFound.json()).error.code).toBe('NOT_FOUND');
    // a domain nobody declares is not an API at all; a declared one whose service is down is 503
    const unknown = await fetch(`${url}/api/nobody-home/x`, { headers: { cookie } });
    expect(unknown.status).toBe(404);
    const down = await fetch(`${url}/api/marketing/leads`, { headers: { cookie } });
    expect(down.status).toBe(503);
    expect((await down.json()).error.code).toBe('UNAVAILABLE');
    const slow = await fetch(`${url}/api/risk/decisions`, { headers: { cookie } });
    expect(slow.status).toBe(504);
    const badJson = await fetch(`${url}/api/customer/customers`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(badJson.status).toBe(400);
    expect((await fetch(`${url}/api/Bad_Domain!/x`, { headers: { cookie } })).status).toBe(404);
  });

  it('sends each user only the menus their role grants', async () => {
    const menusOf = async (u: string) => {
      const { cookie } = await login(u, 'Zhanye@2026');
      const me = await (await fetch(`${url}/api/platform/me`, { headers: { cookie } })).json();
      const routes: string[] = [];
      const walk = (ns: { route?: string; children: unknown[] }[]) => {
        for (const n of ns) {
          if (n.route) routes.push(n.route);
          walk(n.children as never);
        }
      };
      walk(me.menus);
      return routes.sort();
    };
    // what the demo roles grant, and the pages the domains declare for those templates
    // (a page shows when its permission is held: two pages may share one code)
    const declared = (role: string) => {
      const codes = new Set(
        MENUS.filter((m) => DECLARED_GRANTS.some(([r, id]) => r === role && id === m.id)).map(
          (m) => m.permission,
        ),
      );
      return MENUS.filter((m) => m.kind === 'page' && codes.has(m.permission)).map((m) => m.route!);
    };
    const sorted = (xs: string[]) => [...new Set(xs)].sort();
    expect(await menusOf('am1')).toEqual(
      sorted(['/credit', '/customer', '/marketing', ...declared('account_manager')]),
    );
    expect(await menusOf('approver1')).toEqual(
      sorted(['/credit', '/customer', '/risk', ...declared('approver')]),
    );
  });

  it('logout ends the session itself: a copied cookie is refused afterwards', async () => {
    const { cookie, csrf } = await login('am1', 'Zhanye@2026');
    expect((await fetch(`${url}/api/platform/me`, { headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect((await fetch(`${url}/api/platform/me`, { headers: { cookie } })).status).toBe(401);
    // another sign-in of the same user is a new session and unaffected
    const again = await login('am1', 'Zhanye@2026');
    expect((await fetch(`${url}/api/platform/me`, { headers: { cookie: again.cookie } })).status).toBe(200);
  });

  it('sets security headers on pages and API answers', async () => {
    const res = await fetch(`${url}/api/platform/me`);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});
