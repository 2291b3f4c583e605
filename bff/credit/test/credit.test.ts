import { randomUUID } from 'node:crypto';
import {
  applicationApproved,
  type CreditApplication,
  type CustomerSummary,
  creditApi,
  lookupCustomerCall,
  Permissions,
  riskApi,
} from '@zhanye/contracts';
import {
  answer,
  type Bus,
  connectBus,
  createLogger,
  ensureEventStream,
  type RunningService,
  startService,
} from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The real risk service, started through its own composition root (test-only cross-package import).
import { startRiskService } from '../../risk/src/app.ts';
import { startCreditService } from '../src/app.ts';

const cfg = testConfig();
const log = createLogger('credit-test', 'silent');
let bus: Bus;
let credit: Awaited<ReturnType<typeof startCreditService>>;
let risk: Awaited<ReturnType<typeof startRiskService>> | undefined;
let customerStub: RunningService;

const all = [
  Permissions.applicationRead,
  Permissions.applicationCreate,
  Permissions.applicationSubmit,
  Permissions.applicationApprove,
  Permissions.decisionRead,
];
/** The account manager who takes applications; also holds approve, so only the rule stops them. */
const taker = principal({ permissions: all, dataScope: 'org' });
const approver = principal({
  userId: 'u-approver1',
  username: 'approver1',
  displayName: '赵审批',
  orgId: 'a-hq',
  orgPath: '/bank-a/a-hq/',
  permissions: [Permissions.applicationRead, Permissions.applicationApprove],
  dataScope: 'orgAndBelow',
});
const approver2 = principal({
  ...approver,
  userId: 'u-approver2',
  username: 'approver2',
  displayName: '钱审批',
});
const otherBank = principal({
  userId: 'u-b-am1',
  bankId: 'bank-b',
  bankName: '乙农商银行',
  orgId: 'b-br1',
  orgPath: '/bank-b/b-hq/b-br1/',
  permissions: all,
  dataScope: 'bank',
});

const customerId = randomUUID();
const customer: CustomerSummary = {
  id: customerId,
  name: '王小明',
  idNumberMasked: '1101**********1234',
  phoneMasked: '138****8000',
  segment: 'existing',
  ownerId: taker.userId,
  ownerName: taker.displayName,
  orgId: taker.orgId,
  createdAt: new Date().toISOString(),
};

const draft = {
  customerId,
  productCode: 'consumer',
  amount: '50000.00',
  termMonths: 12,
  annualIncome: '200000',
  purpose: '房屋装修',
};

type Caller = typeof taker;
const call = (
  caller: Caller,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  query?: Record<string, string>,
) => apiRequest(bus, 'credit', method, path, { caller, body, ...(query ? { query } : {}) });
const ok = (res: { status: number; body: unknown }): CreditApplication => {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return creditApi.getApplication.output.parse(res.body);
};
const errorOf = (res: { body: unknown }) =>
  (res.body as { error: { code: string; reason?: string; fields?: Record<string, string[]> } }).error;

const create = async (over: Partial<typeof draft> = {}) =>
  ok(await call(taker, 'POST', '/applications', { ...draft, ...over }));
const submit = async (id: string) => ok(await call(taker, 'POST', `/applications/${id}/submit`));
const pending = async (over: Partial<typeof draft> = {}) => {
  const app = await submit((await create(over)).id);
  expect(app.status).toBe('pending_approval');
  return app;
};
const count = async () =>
  Number((await credit.ds.query('SELECT COUNT(*) AS n FROM credit_application'))[0].n);
const outboxFor = async (applicationId: string): Promise<{ id: string; published_at: Date | null }[]> =>
  credit.ds.query(
    `SELECT id, published_at FROM outbox WHERE subject = ? AND JSON_VALUE(payload, '$.applicationId') = ?`,
    [applicationApproved.subject, applicationId],
  );

beforeAll(async () => {
  bus = await connectBus(cfg, 'credit-test', log);
  // A tiny stand-in for the customer service: it knows one customer, in bank A only.
  customerStub = await startService({
    name: 'customer',
    version: '0.0.0',
    bus,
    log,
    routes: [],
    internal: [
      answer(lookupCustomerCall, async ({ input, caller }) => ({
        customer: input.id === customerId && caller.bankId === 'bank-a' ? customer : null,
      })),
    ],
  });
  risk = await startRiskService(cfg, bus, log);
  credit = await startCreditService(cfg, bus, log);
});
afterAll(async () => {
  await credit?.stop();
  await risk?.stop();
  await customerStub?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('credit service', () => {
  it('takes, submits and approves an application; the approval is published through the outbox', async () => {
    const created = await create();
    expect(created).toMatchObject({
      status: 'draft',
      customerId,
      customerName: '王小明',
      amount: '50000.00',
      annualIncome: '200000.00',
      createdBy: taker.userId,
      createdByName: taker.displayName,
      decisionId: null,
      prescreenOutcome: null,
      prescreenReasons: [],
    });
    const [row] = await credit.ds.query(
      'SELECT owner_id, org_id, bank_id FROM credit_application WHERE id = ?',
      [created.id],
    );
    expect(row).toEqual({ owner_id: taker.userId, org_id: taker.orgId, bank_id: 'bank-a' });

    const submitted = await submit(created.id);
    expect(submitted).toMatchObject({ status: 'pending_approval', prescreenOutcome: 'pass' });
    expect(submitted.prescreenReasons).toEqual(['符合预审条件']);
    // the decision is risk's, stored there in the taker's scope, about this application
    const decision = riskApi.getDecision.output.parse(
      (await apiRequest(bus, 'risk', 'GET', `/decisions/${submitted.decisionId}`, { caller: taker })).body,
    );
    expect(decision).toMatchObject({
      subjectRef: `credit-application:${created.id}`,
      graphVersion: 1,
      input: { amountFen: 5_000_000, annualIncomeFen: 20_000_000, termMonths: 12, productCode: 'consumer' },
    });

    const approved = ok(
      await call(approver, 'POST', `/applications/${created.id}/approve`, { comment: '资料齐全，同意' }),
    );
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: approver.userId,
      decidedByName: '赵审批',
      decisionComment: '资料齐全，同意',
    });

    const rows = await outboxFor(created.id);
    expect(rows).toHaveLength(1);
    const eventId = rows[0]!.id;
    await expect
      .poll(async () => (await outboxFor(created.id))[0]?.published_at, { timeout: 5000 })
      .not.toBeNull();
    const stream = await ensureEventStream(bus);
    const msg = await bus.jsm.streams.getMessage(stream, {
      last_by_subj: bus.subject(applicationApproved.subject),
    });
    expect(msg?.json()).toMatchObject({
      id: eventId,
      subject: applicationApproved.subject,
      bankId: 'bank-a',
      payload: {
        applicationId: created.id,
        customerId,
        amount: '50000.00',
        termMonths: 12,
        productCode: 'consumer',
        approvedBy: approver.userId,
        approvedByName: '赵审批',
      },
    });
  });

  it('never lets whoever took an application decide it (403 SEPARATION_OF_DUTIES)', async () => {
    const app = await pending();
    for (const verb of ['approve', 'reject']) {
      const res = await call(taker, 'POST', `/applications/${app.id}/${verb}`, {});
      expect(res.status).toBe(403);
      expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', reason: 'SEPARATION_OF_DUTIES' });
    }
    expect(ok(await call(taker, 'GET', `/applications/${app.id}`)).status).toBe('pending_approval');
    expect(await outboxFor(app.id)).toHaveLength(0);
  });

  it('rejects an application the pre-screen refuses, with risk’s reasons; it cannot be approved', async () => {
    const app = await submit((await create({ amount: '60000', annualIncome: '10000', termMonths: 72 })).id);
    expect(app).toMatchObject({ status: 'rejected', prescreenOutcome: 'refuse' });
    expect(app.prescreenReasons).toEqual(['申请金额超过年收入的 5 倍', '消费贷期限超过 60 个月']);
    expect(app.decisionId).not.toBeNull();
    const res = await call(approver, 'POST', `/applications/${app.id}/approve`, {});
    expect(res.status).toBe(409);
    expect(errorOf(res).reason).toBe('INVALID_STATUS');
  });

  it('sends a referred application to approval with the referral reason', async () => {
    const app = await pending({
      amount: '400000',
      annualIncome: '1000000',
      termMonths: 36,
      productCode: 'business',
    });
    expect(app.prescreenOutcome).toBe('refer');
    expect(app.prescreenReasons).toEqual(['申请金额超过 30 万元，需人工审批']);
  });

  it('takes an application once however often it is sent with one idempotency key (double click, retry after a 504)', async () => {
    const before = await count();
    const key = randomUUID();
    const send = () =>
      apiRequest(bus, 'credit', 'POST', '/applications', { caller: taker, body: draft, idempotencyKey: key });
    const first = ok(await send());
    const again = ok(await send());
    expect(again.id).toBe(first.id);
    expect(await count()).toBe(before + 1);
    // the key is the request's: another application with the same key is refused, nothing written
    const other = await apiRequest(bus, 'credit', 'POST', '/applications', {
      caller: taker,
      body: { ...draft, amount: '60000.00' },
      idempotencyKey: key,
    });
    expect(other.status).toBe(409);
    expect(errorOf(other).reason).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count()).toBe(before + 1);
  });

  it('submits only drafts (409)', async () => {
    const app = await pending();
    const res = await call(taker, 'POST', `/applications/${app.id}/submit`);
    expect(res.status).toBe(409);
    expect(errorOf(res).reason).toBe('INVALID_STATUS');
  });

  it('applies one decision only: approving twice is 409, and two racing approvers publish one event', async () => {
    const first = await pending();
    ok(await call(approver, 'POST', `/applications/${first.id}/approve`, {}));
    const again = await call(approver2, 'POST', `/applications/${first.id}/approve`, {});
    expect(again.status).toBe(409);
    expect(await outboxFor(first.id)).toHaveLength(1);

    const raced = await pending();
    const results = await Promise.all(
      [approver, approver2].map((p) => call(p, 'POST', `/applications/${raced.id}/approve`, {})),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await outboxFor(raced.id)).toHaveLength(1);
    const [row] = await credit.ds.query('SELECT version, decided_by FROM credit_application WHERE id = ?', [
      raced.id,
    ]);
    expect(row.version).toBe(3); // created 1, submitted 2, decided 3
  });

  it('rejects by an approver with a comment and publishes nothing', async () => {
    const app = await pending();
    const rejected = ok(
      await call(approver, 'POST', `/applications/${app.id}/reject`, { comment: '收入证明不足' }),
    );
    expect(rejected).toMatchObject({
      status: 'rejected',
      decidedBy: approver.userId,
      decisionComment: '收入证明不足',
    });
    expect(await outboxFor(app.id)).toHaveLength(0);
  });

  it('refuses a bad amount with field messages and writes nothing', async () => {
    const before = await count();
    for (const amount of ['12.345', '-1', 1e3, '99999999999999.99']) {
      const res = await call(taker, 'POST', '/applications', { ...draft, amount });
      expect(res.status, String(amount)).toBe(400);
      expect(errorOf(res).fields?.amount?.length, String(amount)).toBeGreaterThan(0);
    }
    const res = await call(taker, 'POST', '/applications', { ...draft, annualIncome: '0', purpose: ' ' });
    expect(res.status).toBe(400);
    expect(Object.keys(errorOf(res).fields ?? {}).sort()).toEqual(['annualIncome', 'purpose']);
    expect(await count()).toBe(before);
  });

  it('refuses an application for a customer the caller cannot see (404) and writes nothing', async () => {
    const before = await count();
    expect((await call(taker, 'POST', '/applications', { ...draft, customerId: randomUUID() })).status).toBe(
      404,
    );
    expect((await call(otherBank, 'POST', '/applications', draft)).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it('hides an application from another bank: 404 on get, submit and approve, absent from lists', async () => {
    const app = await create();
    for (const [method, path] of [
      ['GET', `/applications/${app.id}`],
      ['POST', `/applications/${app.id}/submit`],
      ['POST', `/applications/${app.id}/approve`],
      ['POST', `/applications/${app.id}/reject`],
    ] as const) {
      const res = await call(otherBank, method, path, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const list = creditApi.listApplications.output.parse(
      (await call(otherBank, 'GET', '/applications')).body,
    );
    expect(list.total).toBe(0);
    expect(ok(await call(taker, 'GET', `/applications/${app.id}`)).status).toBe('draft');
  });

  it('keeps amounts exact: "12345678.91" stays "12345678.91"', async () => {
    const app = await create({ amount: '12345678.91', annualIncome: '0.07' });
    expect(app.amount).toBe('12345678.91');
    expect(app.annualIncome).toBe('0.07');
    expect(ok(await call(taker, 'GET', `/applications/${app.id}`))).toMatchObject({
      amount: '12345678.91',
      annualIncome: '0.07',
    });
    const [row] = await credit.ds.query(
      'SELECT amount, annual_income, CAST(amount AS CHAR) AS text FROM credit_application WHERE id = ?',
      [app.id],
    );
    expect(row).toEqual({ amount: '12345678.91', annual_income: '0.07', text: '12345678.91' });
    const submitted = await submit(app.id);
    const decision = riskApi.getDecision.output.parse(
      (await apiRequest(bus, 'risk', 'GET', `/decisions/${submitted.decisionId}`, { caller: taker })).body,
    );
    expect(decision.input).toMatchObject({ amountFen: 1_234_567_891, annualIncomeFen: 7 });
  });

  it('lists in scope with a status filter and paging, newest first', async () => {
    const list = async (p: Caller, query: Record<string, string> = {}) =>
      creditApi.listApplications.output.parse((await call(p, 'GET', '/applications', undefined, query)).body);
    const everything = await list(approver, { pageSize: '100' });
    expect(everything.total).toBeGreaterThan(5);
    const times = everything.items.map((a) => a.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const approved = await list(approver, { status: 'approved' });
    expect(approved.items.length).toBeGreaterThan(0);
    expect(approved.items.every((a) => a.status === 'approved')).toBe(true);
    const page2 = await list(taker, { page: '2', pageSize: '2' });
    expect(page2).toMatchObject({ page: 2, pageSize: 2, total: everything.total });
    expect(page2.items).toHaveLength(2);
    expect(page2.items.map((a) => a.id)).toEqual(everything.items.slice(2, 4).map((a) => a.id));
    expect((await call(taker, 'GET', '/applications', undefined, { status: 'bogus' })).status).toBe(400);
  });

  it('leaves the draft as it was when risk does not answer (503), so it can be submitted again later', async () => {
    const app = await create();
    await risk?.stop();
    risk = undefined;
    const res = await call(taker, 'POST', `/applications/${app.id}/submit`);
    expect([503, 504]).toContain(res.status);
    expect(ok(await call(taker, 'GET', `/applications/${app.id}`))).toMatchObject({
      status: 'draft',
      decisionId: null,
    });
  });
});
