import { type Bus, connectBus, type Logger, serviceInstances } from '@zhanye/kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCustomerService } from '../../customer/src/app.ts';
import { startPlatformService } from '../../platform/src/app.ts';
import { gatewayTestConfig, signIn, startTestGateway, type TestGateway } from './support.ts';

const cfg = gatewayTestConfig();
let gw: TestGateway;
let bus: Bus;
let log: Logger;
let url: string;
let stopPlatform: () => Promise<void>;

beforeAll(async () => {
  gw = await startTestGateway(cfg, 'gateway');
  ({ bus, log, url } = gw);
  stopPlatform = (await startPlatformService(cfg, bus, log, { seedDemo: true })).stop;
});
afterAll(() => gw?.close([stopPlatform]));

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
  const { cookie } = await signIn(url, 'am1');
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
