import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Bus, connectBus, createLogger, loadConfig } from '@zhanye/kit';
import { dropNamespace, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPlatformService } from '../../platform/src/app.ts';
import { createGateway } from '../src/app.ts';
import { GatewayConfig } from '../src/config.ts';

const base = testConfig();
const cfg = loadConfig(GatewayConfig, {
  ...process.env,
  ZY_NS: base.ZY_NS,
  LOG_LEVEL: 'silent',
  ZY_SECURE_COOKIES: '1',
  ZY_FRAME_ANCESTORS: "'self' https://mbank.example.cn",
});
const log = createLogger('secure-cookies-test', 'silent');
let bus: Bus;
let server: Server;
let url: string;
let stopPlatform: () => Promise<void>;

beforeAll(async () => {
  bus = await connectBus(cfg, 'gateway', log);
  stopPlatform = (await startPlatformService(cfg, bus, log, { seedDemo: true })).stop;
  server = createGateway(cfg, bus, log).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await stopPlatform?.();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

it('behind TLS: __Host- cookies (Secure, Path=/, no Domain), HSTS, and the configured frame-ancestors', async () => {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'am1', password: 'Zhanye@2026' }),
  });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie();
  const session = cookies.find((c) => c.startsWith('__Host-zy_session='))!;
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
  const plain = jar.replaceAll('__Host-', '');
  expect((await fetch(`${url}/api/platform/me`, { headers: { cookie: plain } })).status).toBe(401);
});
