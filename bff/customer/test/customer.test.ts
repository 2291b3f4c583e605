import {
  applicationApproved,
  customerApi,
  customerIdentityCall,
  lookupCustomerCall,
  Permissions,
} from '@zhanye/contracts';
import { appendEvent, type Bus, callService, connectBus, createLogger, startOutboxRelay } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCustomerService } from '../src/app.ts';

const cfg = testConfig();
const log = createLogger('customer-test', 'silent');
let bus: Bus;
let svc: Awaited<ReturnType<typeof startCustomerService>>;

const perms = [Permissions.customerRead, Permissions.customerCreate];
const am1 = principal({ permissions: perms, dataScope: 'self' });
const head1 = principal({
  userId: 'u-head1',
  displayName: '李行长',
  orgId: 'a-br1',
  permissions: [Permissions.customerRead],
  dataScope: 'orgAndBelow',
});
const am2OtherBranch = principal({
  userId: 'u-am3',
  orgId: 'a-br2',
  orgPath: '/bank-a/a-hq/a-br2/',
  permissions: perms,
  dataScope: 'orgAndBelow',
});
const otherBank = principal({
  userId: 'u-b-am1',
  bankId: 'bank-b',
  orgId: 'b-br1',
  orgPath: '/bank-b/b-hq/b-br1/',
  permissions: perms,
  dataScope: 'bank',
});

const body = { name: '王小明', idNumber: '110101199003071234', phone: '13800138000' };

beforeAll(async () => {
  bus = await connectBus(cfg, 'customer-test', log);
  svc = await startCustomerService(cfg, bus, log);
});
afterAll(async () => {
  await svc?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

const count = async () => Number((await svc.ds.query('SELECT COUNT(*) AS n FROM customer'))[0].n);

describe('customer service', () => {
  let id: string;

  it('creates a customer owned by the caller, masked on the way out', async () => {
    const res = await apiRequest(bus, 'customer', 'POST', customerApi.create.path, { caller: am1, body });
    expect(res.status).toBe(200);
    const c = customerApi.create.output.parse(res.body);
    expect(c.ownerId).toBe(am1.userId);
    expect(c.idNumberMasked).toBe('1101**********1234');
    expect(c.phoneMasked).toBe('138****8000');
    id = c.id;
  });

  it('refuses a second customer with the same id number in the bank (409), allows it in another bank', async () => {
    const dup = await apiRequest(bus, 'customer', 'POST', '/customers', { caller: am1, body });
    expect(dup.status).toBe(409);
    const other = await apiRequest(bus, 'customer', 'POST', '/customers', { caller: otherBank, body });
    expect(other.status).toBe(200);
  });

  it('rejects a bad body with field messages and writes nothing', async () => {
    const before = await count();
    const res = await apiRequest(bus, 'customer', 'POST', '/customers', {
      caller: am1,
      body: { name: '', idNumber: '123', phone: 'x' },
    });
    expect(res.status).toBe(400);
    const fields = (res.body as { error: { fields: Record<string, string[]> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual(['idNumber', 'name', 'phone']);
    expect(await count()).toBe(before);
  });

  it('answers 401 without a caller, 403 without the permission, 404 for an unknown route', async () => {
    expect((await apiRequest(bus, 'customer', 'GET', '/customers', { caller: null })).status).toBe(401);
    const noPerm = principal({ permissions: [] });
    expect((await apiRequest(bus, 'customer', 'GET', '/customers', { caller: noPerm })).status).toBe(403);
    expect((await apiRequest(bus, 'customer', 'GET', '/nope', { caller: am1 })).status).toBe(404);
  });

  it('scopes reads: own, branch and below, never another branch or bank (404, not 403)', async () => {
    const list = async (p: typeof am1, q?: string) =>
      customerApi.list.output.parse(
        (await apiRequest(bus, 'customer', 'GET', '/customers', { caller: p, query: q ? { q } : {} })).body,
      );
    expect((await list(am1)).items.map((c) => c.id)).toContain(id);
    expect((await list(head1, '王')).items.map((c) => c.id)).toContain(id);
    expect((await list(am2OtherBranch)).items.map((c) => c.id)).not.toContain(id);
    expect((await list(otherBank)).items.map((c) => c.id)).not.toContain(id);
    expect((await apiRequest(bus, 'customer', 'GET', `/customers/${id}`, { caller: otherBank })).status).toBe(
      404,
    );
    expect(
      (await apiRequest(bus, 'customer', 'GET', `/customers/${id}`, { caller: am2OtherBranch })).status,
    ).toBe(404);
    const own = await apiRequest(bus, 'customer', 'GET', `/customers/${id}`, { caller: am1 });
    expect(customerApi.get.output.parse(own.body).birthDate).toBe('1990-03-07');
  });

  it('answers the lookup call only inside the caller’s scope', async () => {
    const found = await callService(bus, lookupCustomerCall, { id }, am1, 'gateway');
    expect(found.customer?.name).toBe('王小明');
    const hidden = await callService(bus, lookupCustomerCall, { id }, otherBank, 'gateway');
    expect(hidden.customer).toBeNull();
  });

  it('gives the full identity to a bureau querier in scope (via credit), audited without the ID number', async () => {
    const querier = principal({ ...am1, permissions: [Permissions.bureauQuery] });
    const { identity } = await callService(bus, customerIdentityCall, { id }, querier, 'credit');
    expect(identity).toEqual({ id, name: '王小明', idNumber: body.idNumber, phone: body.phone });
    const audits = async () =>
      (
        (await svc.ds.query(
          "SELECT payload, published_at FROM outbox WHERE subject = 'evt.audit.customer' ORDER BY occurred_at",
        )) as { payload: string; published_at: Date | null }[]
      )
        .map((r) => ({
          ...(JSON.parse(r.payload) as { action: string } & Record<string, unknown>),
          published: r.published_at !== null,
        }))
        .filter((e) => e.action === 'customer.identity');
    const [ok] = await audits();
    expect(ok).toMatchObject({
      userId: am1.userId,
      bankId: 'bank-a',
      target: id,
      result: 'ok',
      status: 200,
      service: 'customer',
      input: { id },
    });
    await expect.poll(async () => (await audits())[0]?.published, { timeout: 5000 }).toBe(true);
    const rows = (await svc.ds.query("SELECT payload FROM outbox WHERE subject = 'evt.audit.customer'")) as {
      payload: string;
    }[];
    expect(rows.some((r) => r.payload.includes(body.idNumber) || r.payload.includes(body.phone))).toBe(false);
  });

  it('gives no identity outside the caller’s scope (null) nor without the bureau permission (403), audited too', async () => {
    const inOtherBank = principal({ ...otherBank, permissions: [Permissions.bureauQuery] });
    const inOtherBranch = principal({ ...am2OtherBranch, permissions: [Permissions.bureauQuery] });
    const colleague = principal({
      userId: 'u-am9',
      permissions: [Permissions.bureauQuery],
      dataScope: 'self',
    });
    for (const p of [inOtherBank, inOtherBranch, colleague]) {
      expect((await callService(bus, customerIdentityCall, { id }, p, 'credit')).identity).toBeNull();
    }
    // customer:read is not enough: the full identity is for bureau queries only
    await expect(callService(bus, customerIdentityCall, { id }, am1, 'credit')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      callService(
        bus,
        customerIdentityCall,
        { id: 'nope' },
        principal({ ...am1, permissions: [Permissions.bureauQuery] }),
        'credit',
      ),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const results = (
      (await svc.ds.query(
        "SELECT payload FROM outbox WHERE subject = 'evt.audit.customer' ORDER BY occurred_at",
      )) as { payload: string }[]
    )
      .map((r) => JSON.parse(r.payload) as { action: string; result: string; userId: string })
      .filter((e) => e.action === 'customer.identity')
      .map((e) => [e.userId, e.result]);
    expect(results).toEqual([
      [am1.userId, 'ok'],
      [inOtherBank.userId, 'NOT_FOUND'],
      [inOtherBranch.userId, 'NOT_FOUND'],
      [colleague.userId, 'NOT_FOUND'],
      [am1.userId, 'FORBIDDEN'],
    ]);
  });

  it('puts an approved credit application on the timeline exactly once, even if the event is redelivered', async () => {
    const payload = {
      applicationId: '7c1d3f9e-0000-4000-8000-000000000001',
      customerId: id,
      amount: '50000.00',
      termMonths: 12,
      productCode: 'consumer',
      approvedBy: 'u-approver1',
      approvedByName: '赵审批',
    };
    // Write the event through a real outbox in this service's schema, relay it, and publish it again by hand.
    const eventId = await svc.ds.transaction((m) => appendEvent(m, applicationApproved, 'bank-a', payload));
    const relay = startOutboxRelay(svc.ds, bus, log, 50);
    const envelope = {
      id: eventId,
      subject: applicationApproved.subject,
      occurredAt: new Date().toISOString(),
      bankId: 'bank-a',
      payload,
    };
    await expect
      .poll(
        async () =>
          (await svc.ds.query('SELECT published_at FROM outbox WHERE id = ?', [eventId]))[0].published_at,
      )
      .not.toBeNull();
    // a duplicate outside the dedup window's msgID: a different JetStream message, same event id
    await bus.js.publish(bus.subject(applicationApproved.subject), JSON.stringify(envelope));
    const timeline = async () =>
      customerApi.timeline.output.parse(
        (await apiRequest(bus, 'customer', 'GET', `/customers/${id}/timeline`, { caller: am1 })).body,
      ).items;
    await expect
      .poll(async () => (await timeline()).filter((e) => e.kind === 'credit.application.approved').length, {
        timeout: 10_000,
      })
      .toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect((await timeline()).filter((e) => e.kind === 'credit.application.approved')).toHaveLength(1);
    await relay.stop();
  });

  it('search by ID number or phone is exact: growing a suffix one digit at a time finds nothing', async () => {
    // a bank-wide reader sees the customer, masked; the suffix attack starts from the last 4 digits
    const reader = principal({
      userId: 'u-reader',
      permissions: [Permissions.customerRead],
      dataScope: 'bank',
    });
    const search = async (q: string) =>
      customerApi.list.output.parse(
        (await apiRequest(bus, 'customer', 'GET', '/customers', { caller: reader, query: { q } })).body,
      ).items;
    const masked = (await search('王小明')).find((c) => c.id === id)!;
    expect(masked.idNumberMasked).toBe('1101**********1234');
    let known = masked.idNumberMasked.slice(-4);
    let requests = 0;
    let found = 0;
    for (let position = 0; position < 14; position++) {
      let grew = false;
      for (let d = 0; d <= 9 && !grew; d++) {
        requests++;
        if ((await search(`${d}${known}`)).some((c) => c.id === id)) {
          known = `${d}${known}`;
          grew = true;
          found++;
        }
      }
      if (!grew) break;
    }
    expect({ found, known, requests }).toEqual({ found: 0, known: '1234', requests: 10 });
    expect(await search('1234')).toEqual([]);
    // exact: the whole ID number (a lower-case x too) or the whole mobile number finds the customer
    expect((await search(body.idNumber)).map((c) => c.id)).toEqual([id]);
    expect((await search(body.phone)).map((c) => c.id)).toEqual([id]);
    expect((await search('110101199003071235')).map((c) => c.id)).toEqual([]);
    expect((await search('13800138001')).map((c) => c.id)).toEqual([]);
    expect((await search('1380013800')).map((c) => c.id)).toEqual([]);
    // the same numbers in another bank's scope: nothing of this bank
    const otherBankHits = customerApi.list.output
      .parse(
        (
          await apiRequest(bus, 'customer', 'GET', '/customers', {
            caller: otherBank,
            query: { q: body.idNumber },
          })
        ).body,
      )
      .items.map((c) => c.id);
    expect(otherBankHits).not.toContain(id);
  });

  it('lists and the 360 keep the numbers masked; the lookup columns hold keyed hashes, not the numbers', async () => {
    const list = await apiRequest(bus, 'customer', 'GET', '/customers', {
      caller: am1,
      query: { q: body.phone },
    });
    const detail = await apiRequest(bus, 'customer', 'GET', `/customers/${id}`, { caller: am1 });
    for (const res of [list, detail]) {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(body.idNumber);
      expect(JSON.stringify(res.body)).not.toContain(body.phone);
    }
    const [row] = await svc.ds.query(
      'SELECT HEX(id_number_hash) AS i, HEX(phone_hash) AS p FROM customer WHERE id = ?',
      [id],
    );
    expect(row.i).toMatch(/^[0-9A-F]{64}$/);
    expect(row.p).toMatch(/^[0-9A-F]{64}$/);
    expect(row.i).not.toBe(row.p);
  });
});
