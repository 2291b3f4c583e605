import { auditSubject, customerApi, EVENTS_STREAM, Permissions } from '@zhanye/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type Bus,
  connectBus,
  createLogger,
  ensureEventStream,
  openDatabase,
  type RunningService,
  route,
  startService,
} from '../src/index.ts';
import { apiRequest, dropNamespace, principal, testConfig } from '../src/testing.ts';

const cfg = testConfig();
const log = createLogger('audit-outbox-test', 'silent');
let bus: Bus;
let running: RunningService;
let ds: Awaited<ReturnType<typeof openDatabase>>;
const caller = principal({ permissions: [Permissions.customerCreate] });

beforeAll(async () => {
  bus = await connectBus(cfg, 'customer', log);
  ds = await openDatabase({ cfg, service: 'customer', entities: [], migrations: [], log });
  running = await startService({
    name: 'customer',
    version: '0.0.0-test',
    bus,
    log,
    outbox: { ds },
    routes: [
      route(customerApi.create, async () => {
        throw new Error('not the point of this test');
      }),
    ],
  });
});

afterAll(async () => {
  await running?.stop();
  await ds?.destroy();
  await dropNamespace(cfg, bus);
  await bus?.nc.close();
});

const pending = async () =>
  (await ds.query('SELECT id, published_at FROM outbox WHERE subject = ?', [auditSubject('customer')])) as {
    id: string;
    published_at: Date | null;
  }[];

it('keeps audit records in the outbox while JetStream is unavailable and publishes them when it is back', async () => {
  // JetStream "down" for this namespace: no stream captures the subject, so publishing fails
  const stream = `${EVENTS_STREAM}_${cfg.ZY_NS.toUpperCase()}`;
  await bus.jsm.streams.delete(stream).catch(() => undefined);

  // a refused mutation (403) is audited like every mutation
  const reply = await apiRequest(bus, 'customer', 'POST', '/customers', {
    caller: { ...caller, permissions: [] },
    body: {},
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(403);
  // the record is durable before the answer went out, and stays unpublished
  const rows = await pending();
  expect(rows).toHaveLength(1);
  await new Promise((r) => setTimeout(r, 600));
  expect((await pending())[0]?.published_at).toBeNull();

  // back: the relay publishes it, exactly once, with the outbox id as its message id
  await ensureEventStream(bus);
  await expect.poll(async () => (await pending())[0]?.published_at, { timeout: 10_000 }).not.toBeNull();
  const info = await bus.jsm.streams.info(stream);
  expect(info.state.messages).toBe(1);
  const msg = await bus.jsm.streams.getMessage(stream, { seq: info.state.first_seq });
  const envelope = msg?.json<{ id: string; payload: { action: string; result: string } }>();
  expect(envelope?.id).toBe(rows[0]?.id);
  expect(envelope?.payload).toMatchObject({ action: 'customer.create', result: 'FORBIDDEN' });
});
