import { type Bus, connectBus } from '@zhanye/kit';
import { until } from '@zhanye/kit/testing';
import { type PrivateServer, privateNats } from '@zhanye/kit/testing/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreditService } from '../../credit/src/app.ts';
import { startCustomerService } from '../../customer/src/app.ts';
import { startMarketingService } from '../../marketing/src/app.ts';
import { startPlatformService } from '../../platform/src/app.ts';
import { startRiskService } from '../../risk/src/app.ts';
import { Browser, gatewayTestConfig, startTestGateway, type TestGateway } from './support.ts';

/**
 * NATS goes away under the gateway (a private nats-server this test kills and starts again):
 * API calls get a 503 at once instead of hanging until a 504, liveness stays up while readiness
 * says what is missing, and requests after the reconnect work again.
 */

let nats: PrivateServer;
let gw: TestGateway;
const stops: (() => Promise<void>)[] = [];
const services: Record<string, () => Promise<void>> = {};

beforeAll(async () => {
  nats = await privateNats();
  const cfg = gatewayTestConfig({ NATS_URL: nats.url, API_TIMEOUT_MS: '12000' });
  gw = await startTestGateway(cfg, 'nats-outage-gateway');
  // each service on its own connection, as a separate process has
  const own = async (name: string, start: (bus: Bus) => Promise<{ stop(): Promise<void> }>) => {
    const bus = await connectBus(cfg, name, gw.log);
    const svc = await start(bus);
    const stop = async () => {
      await svc.stop();
      await bus.nc.drain();
    };
    services[name] = stop;
    stops.push(async () => {
      if (services[name]) await stop();
    });
  };
  await own('platform', (bus) => startPlatformService(cfg, bus, gw.log, { seedDemo: true }));
  await own('customer', (bus) => startCustomerService(cfg, bus, gw.log));
  await own('marketing', (bus) => startMarketingService(cfg, bus, gw.log));
  await own('risk', (bus) => startRiskService(cfg, bus, gw.log));
  await own('credit', (bus) => startCreditService(cfg, bus, gw.log));
});
afterAll(async () => {
  await gw?.close(stops);
  await nats?.close();
});

const get = (path: string) => fetch(`${gw.url}${path}`);

describe('NATS unreachable', () => {
  it('answers 503 at once while NATS is down, says so on /readyz, and works again after the reconnect', async () => {
    await until(async () => (await get('/readyz')).status === 200, 15_000, 'the gateway ready');
    const am1 = new Browser(gw.url);
    expect((await am1.login('am1')).status).toBe(200);
    expect((await am1.get('/api/customer/customers')).status).toBe(200);

    await nats.stop('SIGKILL');
    await until(async () => (await get('/readyz')).status !== 200, 10_000, 'readiness lost');

    const list = await am1.get('/api/customer/customers');
    expect(list.status).toBe(503);
    expect(list.body.error.code).toBe('UNAVAILABLE');
    expect(list.res.headers.get('retry-after')).toBe('2');
    expect((await new Browser(gw.url).login('am2')).status).toBe(503);
    // alive (do not restart me), not ready (send me no traffic), and why
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, nats: 'disconnected', missing: ['nats'] });

    await nats.start();
    await until(async () => (await get('/readyz')).status === 200, 20_000, 'readiness back');
    expect((await am1.get('/api/customer/customers')).status).toBe(200);
    expect((await new Browser(gw.url).login('am2')).status).toBe(200);
  });

  it('is not ready while a domain service has no copy running, and names it', async () => {
    await until(async () => (await get('/readyz')).status === 200, 20_000, 'the gateway ready');
    await services.risk?.();
    delete services.risk;
    await until(async () => (await get('/readyz')).status === 503, 10_000, 'readiness lost');
    const ready = await (await get('/readyz')).json();
    expect(ready).toMatchObject({ ready: false, nats: 'connected', missing: ['service risk'] });
    expect(Object.keys(ready.services).sort()).toEqual([
      'credit',
      'customer',
      'marketing',
      'platform',
      'risk',
    ]);
    expect(ready.services.risk).toBe(0);
  });
});
