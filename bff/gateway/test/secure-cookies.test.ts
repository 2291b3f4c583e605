import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPlatformService } from '../../platform/src/app.ts';
import { gatewayTestConfig, signIn, startTestGateway, type TestGateway } from './support.ts';

const cfg = gatewayTestConfig({
  ZY_SECURE_COOKIES: '1',
  ZY_FRAME_ANCESTORS: "'self' https://mbank.example.cn",
});
let gw: TestGateway;
let stopPlatform: () => Promise<void>;

beforeAll(async () => {
  gw = await startTestGateway(cfg, 'gateway');
  stopPlatform = (await startPlatformService(cfg, gw.bus, gw.log, { seedDemo: true })).stop;
});
afterAll(() => gw?.close([stopPlatform]));

it('behind TLS: __Host- cookies (Secure, Path=/, no Domain), HSTS, and the configured frame-ancestors', async () => {
  const url = gw.url;
  const { res, setCookies: cookies } = await signIn(url, 'am1');
  expect(res.status).toBe(200);
  const session = cookies.find((c) => c.startsWith('__Host-zy_access='))!;
  // __Host- requires Path=/, so the refresh cookie (Path=/api/auth) is __Secure-
  const refresh = cookies.find((c) => c.startsWith('__Secure-zy_refresh='))!;
  expect(refresh).toMatch(/;\s*Secure/i);
  expect(refresh).toMatch(/;\s*Path=\/api\/auth/i);
  expect(refresh).toMatch(/HttpOnly/i);
  expect(refresh).toMatch(/SameSite=Strict/i);
  const csrf = cookies.find((c) => c.startsWith('__Host-zy_csrf='))!;
  for (const c of [session, csrf]) {
    expect(c).toMatch(/;\s*Secure/i);
    expect(c).toMatch(/;\s*Path=\//i);
    expect(c).not.toMatch(/Domain=/i);
  }
  expect(session).toMatch(/HttpOnly/i);
  expect(session).toMatch(/SameSite=Lax/i);
  expect(csrf).toMatch(/SameSite=Strict/i);
  expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  expect(res.headers.get('content-security-policy')).toContain(
    "frame-ancestors 'self' https://mbank.example.cn",
  );

  // the session works under its __Host- name, and a plain-named copy is ignored
  const jar = cookies.map((c) => c.split(';')[0]).join('; ');
  expect((await fetch(`${url}/api/platform/me`, { headers: { cookie: jar } })).status).toBe(200);
  const plain = jar.replaceAll('__Host-', '').replaceAll('__Secure-', '');
  expect((await fetch(`${url}/api/platform/me`, { headers: { cookie: plain } })).status).toBe(401);
});
