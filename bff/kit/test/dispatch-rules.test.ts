/**
 * Rules the service runtime (kit `dispatch`) applies to every endpoint of every domain: idempotency
 * keys on mutations, the read-only `all` scope, and the record of refused reads (a probe).
 */
import { randomUUID } from 'node:crypto';
import { auditSubject, type CustomerSummary, customerApi, defineApi, Permissions } from '@zhanye/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type Bus,
  connectBus,
  createLogger,
  NotFoundError,
  openDatabase,
  type RunningService,
  route,
  startService,
  UnavailableError,
} from '../src/index.ts';
import { apiRequest, dropNamespace, principal, testConfig } from '../src/testing.ts';

const cfg = testConfig();
const log = createLogger('dispatch-rules-test', 'silent');
let bus: Bus;
let running: RunningService;
let ds: Awaited<ReturnType<typeof openDatabase>>;
const caller = principal({ permissions: [Permissions.customerCreate, Permissions.customerRead] });
const union = principal({
  userId: 'u-union1',
  bankId: 'union',
  dataScope: 'all',
  permissions: [Permissions.customerCreate, Permissions.customerRead],
});

/** A mutation the union may call (like the platform's administration). */
const unionApi = defineApi(
  'customer',
  {
    note: {
      method: 'POST',
      path: '/notes',
      input: z.object({}),
      output: z.object({ ok: z.literal(true) }),
      permission: null,
      summary: 'test',
    },
  },
  { unionWrites: true },
);

let runs = 0;
let failNext = false;
let gate: Promise<void> = Promise.resolve();
const summary = (name: string): CustomerSummary => ({
  id: randomUUID(),
  name,
  idNumberMasked: '1101**********123X',
  phoneMasked: '139****0000',
  segment: 'prospect',
  ownerId: caller.userId,
  ownerName: caller.displayName,
  orgId: caller.orgId,
  createdAt: new Date().toISOString(),
});

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
      route(customerApi.create, async ({ input }) => {
        runs++;
        await gate;
        if (failNext) {
          failNext = false;
          throw new UnavailableError('database unavailable, retry later');
        }
        return summary(input.name);
      }),
      route(customerApi.get, async () => {
        throw new NotFoundError('customer not found');
      }),
      route(unionApi.note, async () => ({ ok: true as const })),
    ],
  });
});

afterAll(async () => {
  await running?.stop();
  await ds?.destroy();
  await dropNamespace(cfg, bus);
  await bus?.nc.close();
});

const body = (name: string) => ({ name, idNumber: '110101199001011234', phone: '13900000000' });
const create = (name: string, key?: string, who = caller) =>
  apiRequest(bus, 'customer', 'POST', '/customers', {
    caller: who,
    body: body(name),
    ...(key ? { idempotencyKey: key } : {}),
  });
const audits = async (action: string) =>
  (
    (await ds.query('SELECT payload FROM outbox WHERE subject = ? ORDER BY occurred_at', [
      auditSubject('customer'),
    ])) as { payload: string }[]
  )
    .map((r) => JSON.parse(r.payload) as { action: string; result: string; input?: Record<string, unknown> })
    .filter((p) => p.action === action);

describe('idempotency keys', () => {
  it('the same key and body applies once and answers the first answer again', async () => {
    const before = runs;
    const key = randomUUID();
    const first = await create('张三', key);
    const second = await create('张三', key);
    expect(first.status).toBe(200);
    expect(second).toEqual(first);
    expect(runs - before).toBe(1);
    expect((await audits('customer.create')).map((a) => a.result)).toContain('IDEMPOTENT_REPLAY');
  });

  it('the same key with another body is 409 and runs nothing', async () => {
    const key = randomUUID();
    expect((await create('李四', key)).status).toBe(200);
    const before = runs;
    const other = await create('王五', key);
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { reason: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(runs).toBe(before);
  });

  it('a double click while the first is still running applies once', async () => {
    const before = runs;
    let open!: () => void;
    gate = new Promise((r) => {
      open = r;
    });
    const key = randomUUID();
    const first = create('赵六', key);
    await expect.poll(() => runs - before).toBe(1);
    const concurrent = await Promise.all([create('赵六', key), create('赵六', key)]);
    open();
    gate = Promise.resolve();
    expect((await first).status).toBe(200);
    for (const r of concurrent) {
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ error: { reason: 'IDEMPOTENCY_IN_PROGRESS' } });
    }
    expect(runs - before).toBe(1);
    // once done, the same request gets the first answer
    expect(await create('赵六', key)).toEqual(await first);
  });

  it('a 5xx frees the key: the retry runs', async () => {
    const key = randomUUID();
    failNext = true;
    expect((await create('钱七', key)).status).toBe(503);
    const before = runs;
    expect((await create('钱七', key)).status).toBe(200);
    expect(runs - before).toBe(1);
  });

  it('keys are per user, and a malformed key is 400', async () => {
    const key = randomUUID();
    expect((await create('孙八', key)).status).toBe(200);
    const before = runs;
    expect((await create('孙八', key, { ...caller, userId: 'u-am2' })).status).toBe(200);
    expect(runs - before).toBe(1);
    const bad = await create('周九', 'x y');
    expect(bad.status).toBe(400);
  });
});

describe('the union’s read-only scope', () => {
  it('refuses a domain mutation to scope `all` (403 READ_ONLY_SCOPE), nothing runs, and audits it', async () => {
    const before = runs;
    const r = await create('吴十', undefined, union);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: { reason: 'READ_ONLY_SCOPE' } });
    expect(runs).toBe(before);
    const refused = (await audits('customer.create')).filter((a) => a.result === 'FORBIDDEN');
    expect(refused.length).toBeGreaterThan(0);
  });

  it('lets scope `all` call a mutation declared `unionWrites`', async () => {
    const r = await apiRequest(bus, 'customer', 'POST', '/notes', { caller: union, body: {} });
    expect(r.status).toBe(200);
  });
});

describe('refused reads', () => {
  it('records a probe of ids: the first 404 at once, the rest as one summary', async () => {
    for (let i = 0; i < 30; i++) {
      const r = await apiRequest(bus, 'customer', 'GET', `/customers/${randomUUID()}`, {
        caller: { ...caller, userId: 'u-prober' },
      });
      expect(r.status).toBe(404);
    }
    const first = await audits('customer.get');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ result: 'NOT_FOUND' });
    // the window closes when the service stops (or after a minute): one summary with the count
    await running.stop();
    const summaries = await audits('security.refusals');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      result: 'NOT_FOUND',
      input: { count: 30, actions: ['customer.get'] },
    });
    expect(summaries[0]?.input?.targets).toHaveLength(20);
  });
});
