import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Bus, connectBus, createLogger, loadConfig, serviceInstances } from '@zhanye/kit';
import { dropNamespace, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCustomerService } from '../../customer/src/app.ts';
import { startPlatformService } from '../../platform/src/app.ts';
import { createGateway } from '../src/app.ts';
import { GatewayConfig } from '../src/config.ts';

const base = testConfig();
const cfg = loadConfig(GatewayConfig, { ...process.env, ZY_NS: base.ZY_NS, LOG_LEVEL: 'silent' });
const log = createLogger('rolling-test', 'silent');
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

/** One copy of the customer service on its own connection, as a separate process would have. */
async function startCopy(name: string) {
  const own = await connectBus(cfg, name, log);
  const svc = await startCustomerService(cfg, own, log);
  return {
    async stop() {
      await svc.stop();
      await own.nc.drain();
    },
  };
}

it('a rolling update under load (new copy starts, old one drains and exits) fails no request', async () => {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'am1', password: 'Zhanye@2026' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const old = await startCopy('customer-v1');

  const statuses = new Map<number, number>();
  let running = true;
  const worker = async () => {
    while (running) {
      const res = await fetch(`${url}/api/customer/customers`, { headers: { cookie } });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  const workers = Array.from({ length: 16 }, worker);
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  await pause(500);
  const next = await startCopy('customer-v2');
  expect(await serviceInstances(bus, 'customer')).toHaveLength(2);
  await pause(500);
  await old.stop(); // SIGTERM path of runMain: stop taking requests, finish in-flight, close
  await pause(800);
  running = false;
  await Promise.all(workers);
  expect(await serviceInstances(bus, 'customer')).toHaveLength(1);
  await next.stop();

  expect(Object.fromEntries(statuses)).toEqual({ 200: expect.any(Number) });
  expect(statuses.get(200)).toBeGreaterThan(50);
});
