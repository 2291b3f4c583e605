import {
  type AuthorityRule,
  Permissions,
  type ProcessRule,
  type Product,
  priceCall,
} from '@zhanye/contracts';
import { answer, type Bus, connectBus, createLogger, type RunningService, startService } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreditService } from '../src/app.ts';
import { createCatalogue } from '../src/catalogue/index.ts';
import type { Catalogue } from '../src/ports.ts';

const cfg = testConfig();
const log = createLogger('catalogue-test', 'silent');
let bus: Bus;
let credit: Awaited<ReturnType<typeof startCreditService>>;
let riskStub: RunningService;
let port: Catalogue;

const admin = principal({
  userId: 'u-creditadmin1',
  username: 'creditadmin1',
  displayName: '郑信管',
  orgId: 'a-hq',
  orgPath: '/bank-a/a-hq/',
  dataScope: 'bank',
  permissions: [
    Permissions.productRead,
    Permissions.productManage,
    Permissions.ruleManage,
    Permissions.applicationRead,
  ],
});
/** Reads products, changes nothing. */
const manager = principal({ permissions: [Permissions.productRead, Permissions.applicationRead] });
const managerB = principal({
  ...manager,
  userId: 'u-b-am1',
  bankId: 'bank-b',
  orgId: 'b-br1',
  orgPath: '/bank-b/b-hq/b-br1/',
});
const nobody = principal({ userId: 'u-nobody', permissions: [] });
const adminB = principal({
  ...admin,
  userId: 'u-b-admin',
  bankId: 'bank-b',
  bankName: '乙农商银行',
  orgId: 'b-hq',
  orgPath: '/bank-b/b-hq/',
});

type Caller = typeof admin;
const call = (caller: Caller, method: 'GET' | 'POST', path: string, input: Record<string, unknown> = {}) =>
  apiRequest(bus, 'credit', method, path, {
    caller,
    ...(method === 'GET'
      ? { query: Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v)])) }
      : { body: input }),
  });
const ok = async <T = Record<string, unknown>>(p: ReturnType<typeof call>): Promise<T> => {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as T;
};
const errorOf = (res: { body: unknown }) =>
  (res.body as { error: { code: string; reason?: string; fields?: Record<string, string[]> } }).error;

const terms = {
  name: '测试贷',
  kind: 'consumer',
  guaranteeTypes: ['credit'],
  minAmount: '1000',
  maxAmount: '100000',
  minTermMonths: 6,
  maxTermMonths: 36,
  repaymentMethods: ['equal_installment'],
  lprTenor: '1Y',
  floorBps: 0,
  ceilingBps: 300,
  investigationForm: [
    {
      key: 'monthlyIncome',
      label: { 'zh-CN': '月收入', 'en-US': 'Monthly income' },
      type: 'money',
      required: true,
      section: 'income',
    },
  ],
  description: '',
};
const products = async (caller: Caller, status = 'active') =>
  (await ok<{ items: Product[] }>(call(caller, 'GET', '/products', { status }))).items;
const byCode = async (caller: Caller, code: string) =>
  (await products(caller, 'all')).find((p) => p.code === code)!;

beforeAll(async () => {
  bus = await connectBus(cfg, 'catalogue-test', log);
  // risk's pricing decision, as a tiny real responder: the spread follows the term (10 bps a month
  // over 10 months), so a test picks a spread by its term
  riskStub = await startService({
    name: 'risk',
    version: '0.0.0',
    bus,
    log,
    routes: [],
    internal: [
      answer(priceCall, async ({ input }) => ({
        decisionId: `d-${input.termMonths}`,
        spreadBps: (input.termMonths - 10) * 10,
        reasons: [],
        graphKey: 'credit.pricing',
        graphVersion: 1,
      })),
    ],
  });
  credit = await startCreditService(cfg, bus, log, { jobs: false });
  port = createCatalogue({ ds: credit.ds, bus, log }).port;
});
afterAll(async () => {
  await credit?.stop();
  await riskStub?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('credit catalogue', () => {
  it('gives a bank the union’s standard catalogue on first use, once', async () => {
    const [a, b] = await Promise.all([products(admin), products(manager)]);
    expect(a.map((p) => p.code).sort()).toEqual([
      'BUSINESS',
      'CONSUMER',
      'FARMER_CREDIT',
      'FARMER_GUARANTEE',
      'MORTGAGE_BUSINESS',
    ]);
    expect(b.map((p) => p.id).sort()).toEqual(a.map((p) => p.id).sort());
    const farmer = a.find((p) => p.code === 'FARMER_CREDIT')!;
    expect(farmer).toMatchObject({
      name: '农户小额信用贷',
      kind: 'farmer',
      guaranteeTypes: ['credit'],
      minAmount: '1000.00',
      maxAmount: '300000.00',
      minTermMonths: 3,
      maxTermMonths: 36,
      version: 1,
      status: 'active',
    });
    expect(farmer.investigationForm.map((f) => f.section)).toEqual(
      expect.arrayContaining(['income', 'assets', 'liabilities', 'household']),
    );
    expect((await byCode(admin, 'MORTGAGE_BUSINESS')).lprTenor).toBe('5Y');
    // another bank gets its own copy
    const other = await products(adminB);
    expect(other).toHaveLength(5);
    expect(other.some((p) => a.some((q) => q.id === p.id))).toBe(false);
    expect(
      Number((await credit.ds.query('SELECT COUNT(*) AS n FROM credit_product'))[0].n),
      'two banks, five products each',
    ).toBe(10);
  });

  it('validates terms: bounds and the form (400 with field messages); a code once per bank (409)', async () => {
    const bad = async (over: Record<string, unknown>, field: string) => {
      const res = await call(admin, 'POST', '/products', { ...terms, code: 'BAD_ONE', ...over });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(Object.keys(errorOf(res).fields ?? {})).toContain(field);
    };
    await bad({ minAmount: '200000', maxAmount: '100000' }, 'maxAmount');
    await bad({ minTermMonths: 48, maxTermMonths: 36 }, 'maxTermMonths');
    await bad({ floorBps: 200, ceilingBps: 100 }, 'ceilingBps');
    await bad({ maxAmount: '-5' }, 'maxAmount');
    await bad({ code: 'lower' }, 'code');
    await bad(
      { investigationForm: [...terms.investigationForm, ...terms.investigationForm] },
      'investigationForm.1.key',
    );
    await bad(
      { investigationForm: [{ ...terms.investigationForm[0], type: 'select', options: [] }] },
      'investigationForm.0.options',
    );
    const made = await ok<Product>(call(admin, 'POST', '/products', { ...terms, code: 'TEST_LOAN' }));
    expect(made).toMatchObject({
      code: 'TEST_LOAN',
      version: 1,
      maxAmount: '100000.00',
      createdBy: admin.userId,
    });
    const dup = await call(admin, 'POST', '/products', { ...terms, code: 'TEST_LOAN' });
    expect(dup.status).toBe(409);
    expect(errorOf(dup).reason).toBe('DUPLICATE_CODE');
    // the same code in another bank is that bank's own
    await ok(call(adminB, 'POST', '/products', { ...terms, code: 'TEST_LOAN' }));
  });

  it('versions a product: a revise makes a new version, a stale one is 409, old versions stay readable', async () => {
    const p = await byCode(admin, 'CONSUMER');
    const {
      id: _id,
      code: _code,
      version: _v,
      status: _s,
      createdAt: _c,
      createdBy: _b,
      createdByName: _n,
      ...cur
    } = p;
    const v2 = await ok<Product>(
      call(admin, 'POST', `/products/${p.id}/versions`, { ...cur, maxAmount: '500000', baseVersion: 1 }),
    );
    expect(v2).toMatchObject({ id: p.id, version: 2, maxAmount: '500000.00', createdBy: admin.userId });
    const stale = await call(admin, 'POST', `/products/${p.id}/versions`, { ...cur, baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).reason).toBe('STALE_VERSION');
    const badBounds = await call(admin, 'POST', `/products/${p.id}/versions`, {
      ...cur,
      floorBps: 100,
      ceilingBps: 50,
      baseVersion: 2,
    });
    expect(badBounds.status).toBe(400);
    // an application made under version 1 keeps it
    const v1 = await ok<Product>(call(admin, 'GET', `/products/${p.id}`, { version: 1 }));
    expect(v1).toMatchObject({ version: 1, maxAmount: '300000.00' });
    expect(await port.product(admin, p.id, 1)).toMatchObject({ version: 1, maxAmount: '300000.00' });
    expect(await port.product(admin, p.id)).toMatchObject({ version: 2, maxAmount: '500000.00' });
    expect((await call(admin, 'GET', `/products/${p.id}`, { version: 9 })).status).toBe(404);
    const versions = await ok<{ items: Product[] }>(call(manager, 'GET', `/products/${p.id}/versions`));
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
  });

  it('retires a product: off the active list, its versions kept, no more revisions', async () => {
    const p = await byCode(admin, 'TEST_LOAN');
    const retired = await ok<Product>(call(admin, 'POST', `/products/${p.id}/retire`));
    expect(retired).toMatchObject({ status: 'retired', version: 1 });
    expect((await products(admin)).some((x) => x.id === p.id)).toBe(false);
    expect((await products(admin, 'retired')).map((x) => x.id)).toEqual([p.id]);
    const again = await call(admin, 'POST', `/products/${p.id}/retire`);
    expect(errorOf(again).reason).toBe('PRODUCT_RETIRED');
    const revise = await call(admin, 'POST', `/products/${p.id}/versions`, { ...terms, baseVersion: 1 });
    expect(revise.status).toBe(409);
    expect(await port.product(admin, p.id)).toMatchObject({ status: 'retired' });
  });

  it('keeps the LPR table: real fixings for every bank, a bank’s own entries, 409 on a duplicate', async () => {
    const before = await ok<{
      items: { tenor: string; effectiveDate: string; ratePct: string }[];
      current: Record<string, { effectiveDate: string; ratePct: string } | null>;
    }>(call(manager, 'GET', '/lpr'));
    expect(before.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tenor: '1Y', effectiveDate: '2024-10-21', ratePct: '3.1000' }),
        expect.objectContaining({ tenor: '5Y', effectiveDate: '2024-10-21', ratePct: '3.6000' }),
        expect.objectContaining({ tenor: '1Y', effectiveDate: '2025-05-20', ratePct: '3.0000' }),
        expect.objectContaining({ tenor: '5Y', effectiveDate: '2025-05-20', ratePct: '3.5000' }),
      ]),
    );
    expect(before.current['5Y']).toMatchObject({ effectiveDate: '2025-05-20', ratePct: '3.5000' });
    const dup = await call(admin, 'POST', '/lpr', {
      tenor: '1Y',
      effectiveDate: '2025-05-20',
      ratePct: '2.9',
    });
    expect(dup.status).toBe(409);
    expect(errorOf(dup).reason).toBe('DUPLICATE_LPR');
    const badDate = await call(admin, 'POST', '/lpr', {
      tenor: '1Y',
      effectiveDate: '2025-02-30',
      ratePct: '2.9',
    });
    expect(errorOf(badDate).fields).toHaveProperty('effectiveDate');
    expect(
      (await call(manager, 'POST', '/lpr', { tenor: '1Y', effectiveDate: '2025-06-20', ratePct: '2.95' }))
        .status,
    ).toBe(403);
    // a fixing from the future is listed but not in force
    await ok(call(admin, 'POST', '/lpr', { tenor: '1Y', effectiveDate: '2099-01-20', ratePct: '1.5' }));
    const made = await ok(
      call(admin, 'POST', '/lpr', { tenor: '5Y', effectiveDate: '2025-06-20', ratePct: '3.45' }),
    );
    expect(made).toMatchObject({
      tenor: '5Y',
      effectiveDate: '2025-06-20',
      ratePct: '3.4500',
      createdBy: admin.userId,
    });
    const after = await ok<typeof before>(call(manager, 'GET', '/lpr'));
    expect(after.current['1Y']).toMatchObject({ effectiveDate: '2025-05-20', ratePct: '3.0000' });
    expect(after.current['5Y']).toMatchObject({ effectiveDate: '2025-06-20', ratePct: '3.4500' });
    // bank-b keeps the union's fixings only
    const b = await ok<typeof before>(call(adminB, 'GET', '/lpr'));
    expect(b.current['5Y']).toMatchObject({ effectiveDate: '2025-05-20' });
    expect(b.items.some((r) => r.effectiveDate === '2025-06-20' || r.effectiveDate === '2099-01-20')).toBe(
      false,
    );
  });

  it('quotes LPR + risk’s spread, clamped to the product’s floor and ceiling', async () => {
    const farmer = await byCode(adminB, 'FARMER_CREDIT'); // floor 0, ceiling 300, 1Y
    const quote = (termMonths: number) =>
      ok<{ rate: Record<string, unknown>; decisionId: string; withinBounds: boolean }>(
        call(managerB, 'GET', '/pricing/quote', {
          productId: farmer.id,
          amount: '80000',
          termMonths,
          guaranteeType: 'credit',
          segment: 'existing',
        }),
      );
    expect(await quote(12)).toEqual({
      rate: { lprTenor: '1Y', lprDate: '2025-05-20', lprPct: '3.0000', spreadBps: 20, ratePct: '3.2000' },
      decisionId: 'd-12',
      withinBounds: true,
    });
    expect(await quote(100)).toMatchObject({
      rate: { spreadBps: 300, ratePct: '6.0000' },
      withinBounds: false,
    });
    expect(await quote(3)).toMatchObject({ rate: { spreadBps: 0, ratePct: '3.0000' }, withinBounds: false });
    // through the port, as applications price: the 5Y basis of a mortgage product
    const mortgage = await byCode(adminB, 'MORTGAGE_BUSINESS'); // floor -20, ceiling 300
    const q = await port.quote(adminB, {
      subjectRef: 'app-1',
      product: mortgage,
      amount: '1200000',
      termMonths: 8,
      guaranteeType: 'mortgage',
      segment: 'merchant',
    });
    expect(q).toEqual({
      rate: { lprTenor: '5Y', lprDate: '2025-05-20', lprPct: '3.5000', spreadBps: -20, ratePct: '3.3000' },
      decisionId: 'd-8',
      withinBounds: true,
    });
    // another bank's product: 404
    expect(
      (
        await call(admin, 'GET', '/pricing/quote', {
          productId: farmer.id,
          amount: '1000',
          termMonths: 12,
          guaranteeType: 'credit',
        })
      ).status,
    ).toBe(404);
  });

  it('decides the process mode with the active table (each mode), versions saved inactive until activated', async () => {
    const base: Pick<Parameters<Catalogue['decideMode']>[1], 'guaranteeType' | 'segment' | 'prescreen'> = {
      guaranteeType: 'credit',
      segment: 'existing',
      prescreen: 'pass',
    };
    const decide = (productCode: string, amount: string, over: Partial<typeof base> = {}) =>
      port.decideMode('bank-a', { ...base, productCode, amount, ...over });
    expect(await decide('CONSUMER', '50000')).toEqual({
      mode: 'online',
      approvalLevel: 'branch',
      version: 1,
      row: 1,
    });
    expect(await decide('CONSUMER', '50000.01')).toMatchObject({
      mode: 'staffed',
      approvalLevel: 'branch',
      row: 4,
    });
    expect(await decide('CONSUMER', '30000', { guaranteeType: 'guarantee' })).toMatchObject({
      mode: 'staffed',
      row: 4,
    });
    expect(await decide('FARMER_CREDIT', '100000')).toMatchObject({
      mode: 'oneStop',
      approvalLevel: 'branch',
      row: 2,
    });
    expect(await decide('FARMER_CREDIT', '100000', { prescreen: 'refer' })).toMatchObject({
      mode: 'staffed',
      row: 4,
    });
    expect(await decide('BUSINESS', '1000000.01', { guaranteeType: 'mortgage' })).toMatchObject({
      mode: 'staffed',
      approvalLevel: 'hq',
      row: 5,
    });
    expect(await decide('MORTGAGE_BUSINESS', '3000000', { guaranteeType: 'mortgage' })).toMatchObject({
      mode: 'division',
      approvalLevel: 'branch',
      row: 3,
    });
    expect(await decide('BUSINESS', '1000000', { guaranteeType: 'mortgage' })).toMatchObject({
      mode: 'staffed',
      approvalLevel: 'hq',
      row: 5,
    });
    // the same through the "try it" endpoint
    expect(
      await ok(
        call(manager, 'GET', '/rules/process/try', { ...base, productCode: 'CONSUMER', amount: '20000' }),
      ),
    ).toEqual({ mode: 'online', approvalLevel: 'branch', version: 1, row: 1 });

    // a new version: merchants' business loans up to 2M in the division too; saved, not yet active
    const rows: Partial<ProcessRule>[] = [
      {
        productCodes: ['BUSINESS'],
        minAmount: '300000',
        segments: ['merchant'],
        mode: 'division',
        approvalLevel: 'hq',
      },
      { mode: 'staffed', approvalLevel: 'branch' },
    ];
    const badRows = await call(admin, 'POST', '/rules/process', {
      rows: [{ minAmount: '5', maxAmount: '1', mode: 'staffed', approvalLevel: 'branch' }],
    });
    expect(errorOf(badRows).fields).toHaveProperty(['rows.0.maxAmount']);
    expect((await call(manager, 'POST', '/rules/process', { rows })).status).toBe(403);
    const saved = await ok(call(admin, 'POST', '/rules/process', { rows, note: '试行' }));
    expect(saved).toMatchObject({ version: 2, active: false, note: '试行', createdBy: admin.userId });
    const merchant = {
      productCode: 'BUSINESS',
      amount: '400000',
      guaranteeType: 'guarantee',
      segment: 'merchant',
      prescreen: 'pass',
    } as const;
    expect(await port.decideMode('bank-a', merchant)).toMatchObject({ mode: 'staffed', version: 1, row: 4 });
    expect(await ok(call(manager, 'GET', '/rules/process/try', { ...merchant, version: 2 }))).toEqual({
      mode: 'division',
      approvalLevel: 'hq',
      version: 2,
      row: 1,
    });
    expect((await call(admin, 'POST', '/rules/process/9/activate')).status).toBe(404);
    expect(await ok(call(admin, 'POST', '/rules/process/2/activate'))).toMatchObject({
      version: 2,
      active: true,
    });
    expect(await port.decideMode('bank-a', merchant)).toMatchObject({ mode: 'division', version: 2, row: 1 });
    const list = await ok<{ items: { version: number; active: boolean }[] }>(
      call(manager, 'GET', '/rules/process'),
    );
    expect(list.items.map((t) => [t.version, t.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    // bank-b's table is its own
    expect(await port.decideMode('bank-b', merchant)).toMatchObject({ mode: 'staffed', version: 1 });
  });

  it('looks up authority: the largest amount of the posts at a level, a product row over *', async () => {
    expect(await port.authority('bank-a', ['approver'], 'branch', 'CONSUMER')).toBe('500000.00');
    expect(await port.authority('bank-a', ['approver'], 'hq', 'CONSUMER')).toBe('5000000.00');
    expect(await port.authority('bank-a', ['p-approver'], 'division', 'BUSINESS')).toBe('3000000.00');
    expect(await port.authority('bank-a', ['account_manager'], 'branch', 'CONSUMER')).toBeNull();
    expect(await port.authority('bank-a', [], 'hq', 'CONSUMER')).toBeNull();
    const rows: AuthorityRule[] = [
      { post: 'approver', orgLevel: 'branch', productCode: '*', maxAmount: '500000' },
      { post: 'approver', orgLevel: 'branch', productCode: 'CONSUMER', maxAmount: '200000' },
      { post: 'branch_head', orgLevel: 'branch', productCode: '*', maxAmount: '1000000' },
      { post: 'approver', orgLevel: 'hq', productCode: '*', maxAmount: '5000000' },
    ];
    const dup = await call(admin, 'POST', '/rules/authority', { rows: [...rows, rows[0]] });
    expect(errorOf(dup).fields).toHaveProperty(['rows.4.productCode']);
    const saved = await ok(call(admin, 'POST', '/rules/authority', { rows, note: '消费贷收紧' }));
    expect(saved).toMatchObject({ version: 2, active: false });
    expect(await port.authority('bank-a', ['approver'], 'branch', 'CONSUMER')).toBe('500000.00');
    await ok(call(admin, 'POST', '/rules/authority/2/activate'));
    expect(await port.authority('bank-a', ['approver'], 'branch', 'CONSUMER')).toBe('200000.00');
    expect(await port.authority('bank-a', ['approver'], 'branch', 'BUSINESS')).toBe('500000.00');
    expect(await port.authority('bank-a', ['approver', 'branch_head'], 'branch', 'CONSUMER')).toBe(
      '1000000.00',
    );
    expect(await port.authority('bank-a', ['approver'], 'division', 'BUSINESS')).toBeNull();
    expect(await port.authority('bank-b', ['approver'], 'branch', 'CONSUMER')).toBe('500000.00');
    const list = await ok<{ items: { version: number; active: boolean }[] }>(
      call(manager, 'GET', '/rules/authority'),
    );
    expect(list.items.map((t) => [t.version, t.active])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('refuses without the permission (403) and hides another bank’s products (404)', async () => {
    const p = await byCode(admin, 'FARMER_GUARANTEE');
    for (const [method, path, input] of [
      ['GET', '/products', {}],
      ['GET', `/products/${p.id}`, {}],
      ['GET', '/lpr', {}],
      ['GET', '/rules/process', {}],
      ['GET', '/rules/authority', {}],
      ['POST', '/products', { ...terms, code: 'NOPE' }],
      ['POST', `/products/${p.id}/retire`, {}],
      [
        'POST',
        '/rules/authority',
        { rows: [{ post: 'approver', orgLevel: 'hq', productCode: '*', maxAmount: '1' }] },
      ],
      ['POST', '/rules/process/1/activate', {}],
    ] as const) {
      const res = await call(nobody, method, path, input);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await call(manager, 'POST', `/products/${p.id}/retire`)).status).toBe(403);
    expect((await call(manager, 'POST', '/rules/process/1/activate')).status).toBe(403);
    // bank-b's administrator, with every permission, cannot see or change bank-a's product
    expect((await call(adminB, 'GET', `/products/${p.id}`)).status).toBe(404);
    expect((await call(adminB, 'GET', `/products/${p.id}/versions`)).status).toBe(404);
    expect((await call(adminB, 'POST', `/products/${p.id}/retire`)).status).toBe(404);
    const {
      id: _i,
      code: _c,
      version: _v,
      status: _s,
      createdAt: _a,
      createdBy: _b,
      createdByName: _n,
      ...cur
    } = p;
    expect(
      (await call(adminB, 'POST', `/products/${p.id}/versions`, { ...cur, baseVersion: 1 })).status,
    ).toBe(404);
    await expect(port.product(adminB, p.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await byCode(admin, 'FARMER_GUARANTEE')).status).toBe('active');
  });
});
