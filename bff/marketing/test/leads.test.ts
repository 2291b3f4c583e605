import { randomUUID } from 'node:crypto';
import {
  type CustomerSummary,
  type Lead,
  leadLookupCall,
  lookupCustomerCall,
  marketingApi,
  Permissions,
  type Principal,
  type ReplyEnvelope,
} from '@zhanye/contracts';
import {
  answer,
  type Bus,
  callService,
  connectBus,
  createLogger,
  type RunningService,
  startService,
} from '@zhanye/kit';
import { apiRequest, principal as basePrincipal, dropNamespace, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMarketingService } from '../src/app.ts';

const cfg = testConfig();
const log = createLogger('marketing-test', 'silent');

const principal = (over: Partial<Principal>): Principal =>
  basePrincipal({
    userId: 'u-b1-br1-rm',
    bankId: 'b1',
    orgId: 'b1-br1',
    orgPath: '/b1/b1-hq/b1-br1/',
    permissions: [Permissions.leadRead, Permissions.leadCreate],
    dataScope: 'self',
    ...over,
  });

const rm = principal({});
const branchHead = principal({ userId: 'u-b1-br1-head', dataScope: 'org' });
const hq = principal({ userId: 'u-b1-hq', orgId: 'b1-hq', orgPath: '/b1/b1-hq/', dataScope: 'orgAndBelow' });
const otherBranch = principal({
  userId: 'u-b1-br2',
  orgId: 'b1-br2',
  orgPath: '/b1/b1-hq/b1-br2/',
  dataScope: 'org',
});
const otherBank = principal({
  userId: 'u-b2-admin',
  bankId: 'b2',
  orgId: 'b2-hq',
  orgPath: '/b2/b2-hq/',
  dataScope: 'bank',
});
const readOnly = principal({ userId: 'u-b1-viewer', permissions: [Permissions.leadRead] });

const customer = (id: string, name: string): CustomerSummary => ({
  id,
  name,
  idNumberMasked: '4401**********1234',
  phoneMasked: '138****0000',
  segment: 'prospect',
  ownerId: rm.userId,
  ownerName: rm.displayName,
  orgId: rm.orgId,
  createdAt: new Date().toISOString(),
});
/** What the stand-in customer service knows: customer id -> its bank and summary. */
const customers = new Map<string, { bankId: string; summary: CustomerSummary }>();
const zhang = customer(randomUUID(), '张三');
const li = customer(randomUUID(), '李四');
customers.set(zhang.id, { bankId: 'b1', summary: zhang });
customers.set(li.id, { bankId: 'b1', summary: li });

let marketingBus: Bus;
let customerBus: Bus;
let marketing: Awaited<ReturnType<typeof startMarketingService>>;
let customerStub: RunningService;
let stubStopped = false;

beforeAll(async () => {
  customerBus = await connectBus(cfg, 'customer-stub', log);
  // A real NATS responder on `svc.customer.lookup`, answering like the customer service would:
  // a customer of another bank does not exist for the caller.
  customerStub = await startService({
    name: 'customer',
    version: '0.0.0-test',
    bus: customerBus,
    log,
    routes: [],
    internal: [
      answer(lookupCustomerCall, async ({ input, caller }) => {
        const known = customers.get(input.id);
        return { customer: known && known.bankId === caller.bankId ? known.summary : null };
      }),
    ],
  });
  marketingBus = await connectBus(cfg, 'marketing', log);
  marketing = await startMarketingService(cfg, marketingBus, log);
});

afterAll(async () => {
  await marketing?.stop();
  if (!stubStopped) await customerStub?.stop();
  await dropNamespace(cfg, marketingBus);
  await marketingBus?.nc.drain();
  await customerBus?.nc.drain();
});

/** An envelope to `api.marketing`, signed and sent exactly as the gateway does. */
const api = (
  caller: Principal | null,
  method: 'GET' | 'POST',
  path: string,
  opts: { query?: Record<string, string>; body?: unknown } = {},
): Promise<ReplyEnvelope> => apiRequest(marketingBus, 'marketing', method, path, { caller, ...opts });

const leadCount = async () => {
  const [row] = await marketing.ds.query('SELECT COUNT(*) AS n FROM `lead`');
  return Number(row.n);
};

const listFor = async (caller: Principal, query: Record<string, string> = {}) => {
  const res = await api(caller, 'GET', '/leads', { query });
  expect(res.status).toBe(200);
  return marketingApi.listLeads.output.parse(res.body);
};

describe('marketing leads', () => {
  let first: Lead;
  let second: Lead;

  it('creates a lead for a customer in scope, snapshotting the name, owned by the caller', async () => {
    const res = await api(rm, 'POST', '/leads', {
      body: {
        customerId: zhang.id,
        product: '农户小额信用贷',
        expectedAmount: '50000',
        note: ' 想扩大养殖 ',
      },
    });
    expect(res.status).toBe(200);
    first = marketingApi.createLead.output.parse(res.body);
    expect(first).toMatchObject({
      customerId: zhang.id,
      customerName: '张三',
      product: '农户小额信用贷',
      expectedAmount: '50000.00',
      source: 'visit',
      status: 'new',
      note: '想扩大养殖',
      ownerId: rm.userId,
    });
    const [row] = await marketing.ds.query('SELECT * FROM `lead` WHERE id = ?', [first.id]);
    expect(row).toMatchObject({
      bank_id: 'b1',
      org_id: 'b1-br1',
      org_path: '/b1/b1-hq/b1-br1/',
      owner_id: rm.userId,
      created_by: rm.userId,
      expected_amount: '50000.00',
    });

    const res2 = await api(rm, 'POST', '/leads', {
      body: { customerId: li.id, product: '个人经营贷', expectedAmount: '120000.5', source: 'phone' },
    });
    expect(res2.status).toBe(200);
    second = marketingApi.createLead.output.parse(res2.body);
    expect(second.expectedAmount).toBe('120000.50');
  });

  it('lists leads in the caller’s scope, newest first, with paging and a customer filter', async () => {
    for (const who of [rm, branchHead, hq]) {
      const page = await listFor(who);
      expect(page.total).toBe(2);
      expect(page.items.map((l) => l.id)).toEqual([second.id, first.id]);
    }
    const paged = await listFor(rm, { page: '2', pageSize: '1' });
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items.map((l) => l.id)).toEqual([first.id]);
    const forZhang = await listFor(rm, { customerId: zhang.id });
    expect(forZhang.items.map((l) => l.id)).toEqual([first.id]);
  });

  it('hides leads outside the caller’s scope: a colleague’s own list, another branch, another bank', async () => {
    expect((await listFor(principal({ userId: 'u-b1-br1-rm2' }))).total).toBe(0);
    expect((await listFor(otherBranch)).total).toBe(0);
    expect((await listFor(otherBank)).total).toBe(0);
    expect((await listFor(otherBank, { customerId: zhang.id })).total).toBe(0);
  });

  it('404s a customer of another bank without revealing it, writing nothing', async () => {
    const before = await leadCount();
    const res = await api(otherBank, 'POST', '/leads', {
      body: { customerId: zhang.id, product: '个人经营贷', expectedAmount: '1000' },
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND', message: 'customer not found' } });
    expect(await leadCount()).toBe(before);
  });

  it('404s a customer the lookup does not know, writing nothing', async () => {
    const before = await leadCount();
    const res = await api(rm, 'POST', '/leads', {
      body: { customerId: randomUUID(), product: '个人经营贷', expectedAmount: '1000' },
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND', message: 'customer not found' } });
    expect(await leadCount()).toBe(before);
  });

  it('400s a bad body with a message per field, writing nothing', async () => {
    const before = await leadCount();
    const res = await api(rm, 'POST', '/leads', {
      body: { customerId: 'not-a-uuid', product: '  ', expectedAmount: '12.345', source: 'tv' },
    });
    expect(res.status).toBe(400);
    const error = (res.body as { error: { code: string; fields: Record<string, string[]> } }).error;
    expect(error.code).toBe('BAD_REQUEST');
    expect(Object.keys(error.fields).sort()).toEqual(['customerId', 'expectedAmount', 'product', 'source']);
    expect(error.fields.product).toEqual(['required']);
    expect(error.fields.expectedAmount?.[0]).toMatch(/at most 2 decimals/);
    const zero = await api(rm, 'POST', '/leads', {
      body: { customerId: zhang.id, product: '个人经营贷', expectedAmount: '0.00' },
    });
    expect(zero.status).toBe(400);
    expect(
      (zero.body as { error: { fields: Record<string, string[]> } }).error.fields.expectedAmount,
    ).toEqual(['must be greater than 0']);
    expect(await leadCount()).toBe(before);
  });

  it('403s a caller without the permission, 401s one without a token', async () => {
    const before = await leadCount();
    const create = await api(readOnly, 'POST', '/leads', {
      body: { customerId: zhang.id, product: '个人经营贷', expectedAmount: '1000' },
    });
    expect(create.status).toBe(403);
    expect(create.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const list = await api(principal({ permissions: [] }), 'GET', '/leads');
    expect(list.status).toBe(403);
    expect((await api(null, 'GET', '/leads')).status).toBe(401);
    expect(await leadCount()).toBe(before);
  });

  describe('the lead lookup credit asks (svc.marketing.lead)', () => {
    /** Credit asks on its user's behalf (the caller token is signed by credit for marketing). */
    const lookup = (caller: Principal, id: string) =>
      callService(customerBus, leadLookupCall, { id }, caller, 'credit');
    const creditTaker = principal({ userId: 'u-b1-br1-rm', permissions: [Permissions.applicationCreate] });

    it('answers a lead in the caller’s scope with the data credit carries over', async () => {
      const { lead } = await lookup(rm, first.id);
      expect(lead).toEqual(first);
      expect(lead).toMatchObject({
        customerId: zhang.id,
        customerName: '张三',
        product: '农户小额信用贷',
        expectedAmount: '50000.00',
        note: '想扩大养殖',
      });
      expect((await lookup(hq, second.id)).lead?.expectedAmount).toBe('120000.50');
      expect((await lookup(creditTaker, first.id)).lead?.id).toBe(first.id);
    });

    it('answers null outside the caller’s scope and for an unknown id', async () => {
      expect((await lookup(principal({ userId: 'u-b1-br1-rm2' }), first.id)).lead).toBeNull();
      expect((await lookup(otherBranch, first.id)).lead).toBeNull();
      expect((await lookup(otherBank, first.id)).lead).toBeNull();
      expect((await lookup(rm, randomUUID())).lead).toBeNull();
    });

    it('refuses a caller with neither lead nor application permission (403), and a bad id (400)', async () => {
      await expect(lookup(principal({ permissions: [] }), first.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(lookup(rm, 'not-a-uuid')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });
  });

  it('503s when the customer service does not answer, writing nothing', async () => {
    await customerStub.stop();
    stubStopped = true;
    const before = await leadCount();
    const res = await api(rm, 'POST', '/leads', {
      body: { customerId: zhang.id, product: '个人经营贷', expectedAmount: '1000' },
    });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { code: 'UNAVAILABLE' } });
    expect(await leadCount()).toBe(before);
  });
});
