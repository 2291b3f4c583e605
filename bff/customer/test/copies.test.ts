import { Permissions } from '@zhanye/contracts';
import { type Bus, connectBus, createLogger, serviceInstances } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCustomerService } from '../src/app.ts';

const cfg = testConfig();
const log = createLogger('copies-test', 'silent');
const buses: Bus[] = [];
const copies: Awaited<ReturnType<typeof startCustomerService>>[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const bus = await connectBus(cfg, `customer-${i}`, log);
    buses.push(bus);
    copies.push(await startCustomerService(cfg, bus, log));
  }
});
afterAll(async () => {
  for (const c of copies) await c.stop();
  await dropNamespace(cfg, buses[0]);
  for (const b of buses) await b.nc.drain();
});

it('runs as several copies in one queue group: requests spread over both, each answered once', async () => {
  const caller = principal({ permissions: [Permissions.customerRead] });
  const replies = await Promise.all(
    Array.from({ length: 40 }, () => apiRequest(buses[0]!, 'customer', 'GET', '/customers', { caller })),
  );
  expect(replies.every((r) => r.status === 200)).toBe(true);
  const instances = await serviceInstances(buses[0]!, 'customer');
  expect(instances).toHaveLength(2);
  const served = instances.map((s) => s.requests.api ?? 0);
  expect(served.reduce((a, b) => a + b, 0)).toBe(40);
  expect(Math.min(...served)).toBeGreaterThan(0);
});
