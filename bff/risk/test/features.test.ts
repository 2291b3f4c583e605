import {
  applicationApproved,
  type ErrorBody,
  type EventEnvelope,
  feedFactRecorded,
  Permissions,
} from '@zhanye/contracts';
import { type Bus, connectBus, createLogger } from '@zhanye/kit';
import { apiRequest, dropNamespace, principal, testConfig, until } from '@zhanye/kit/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCustomerService } from '../../customer/src/app.ts';
import { startFeedsService } from '../../sim-feeds/src/app.ts';
import { startRiskService } from '../src/app.ts';
import { recordFact } from '../src/features/facts.ts';
import { generateRisk } from '../src/features/gen.ts';

const cfg = testConfig();
const log = createLogger('risk-features-test', 'silent');
let bus: Bus;
let svc: Awaited<ReturnType<typeof startRiskService>>;
let feeds: Awaited<ReturnType<typeof startFeedsService>>;
// risk asks it whether a customer it knows no org of is in the caller's scope
let customers: Awaited<ReturnType<typeof startCustomerService>>;
let ds: DataSource;

const analyst = principal({
  userId: 'u-analyst1',
  displayName: '钱分析',
  orgId: 'a-hq',
  orgPath: '/bank-a/a-hq/',
  permissions: [
    Permissions.featureRead,
    Permissions.featureWrite,
    Permissions.featureCompute,
    Permissions.customerRead,
  ],
  dataScope: 'bank',
});
const reader = principal({ permissions: [Permissions.featureRead], dataScope: 'bank' });
const C1 = 'c1000000-0000-4000-8000-000000000001';

const fact = (
  table: Parameters<typeof recordFact>[1],
  id: string,
  at: string,
  values: Record<string, string | number>,
) =>
  ds.transaction((m) =>
    recordFact(m, table, { bankId: 'bank-a', customerRef: C1, factId: id, at: new Date(at), values }),
  );

const snapshot = (asOf: string, names: string[], subjectRef = C1) =>
  svc.features.snapshot(analyst, { subjectRef, names, asOf });

const api = (method: 'GET' | 'POST', path: string, body?: unknown, caller = analyst) =>
  apiRequest(
    bus,
    'risk',
    method,
    path,
    method === 'GET' ? { caller, query: body as Record<string, string> } : { caller, body },
  );

const err = (r: { body: unknown }) => (r.body as ErrorBody).error;

/** A fingerprint of every generated row of a bank (count and a CRC sum per table). */
async function fingerprint(bankId: string) {
  const out: Record<string, string> = {};
  for (const t of [
    'rm_customer',
    'rm_fact_txn',
    'rm_fact_bureau',
    'rm_fact_tax',
    'rm_fact_utility',
    'rm_fact_court',
    'rm_fact_credit',
  ]) {
    const cols = ((await ds.query(`SHOW COLUMNS FROM ${t}`)) as { Field: string }[]).map((c) => c.Field);
    const [row] = (await ds.query(
      `SELECT COUNT(*) AS n, COALESCE(SUM(CRC32(CONCAT_WS('|', ${cols.join(', ')}))), 0) AS crc FROM ${t} WHERE bank_id = ?`,
      [bankId],
    )) as [{ n: number; crc: string }];
    out[t] = `${row.n}:${row.crc}`;
  }
  return out;
}

beforeAll(async () => {
  process.env.SIM_FEEDS_PUSH_MS = '0';
  bus = await connectBus(cfg, 'risk-features-test', log);
  svc = await startRiskService(cfg, bus, log);
  customers = await startCustomerService(cfg, bus, log);
  // the simulator's clock runs 62 days ahead: its next push brings facts after a pull made now
  feeds = await startFeedsService(cfg, bus, log, { now: () => new Date(Date.now() + 62 * 86_400_000) });
  ds = svc.ds;
  // one hand-made customer of bank-a: born 1980, facts at known times
  await fact('rm_fact_txn', 't1', '2026-03-10T08:00:00Z', {
    amount_fen: 100_000,
    direction: 'in',
    channel: 'salary',
  });
  await fact('rm_fact_txn', 't2', '2026-05-10T08:00:00Z', {
    amount_fen: 200_000,
    direction: 'in',
    channel: 'salary',
  });
  await fact('rm_fact_txn', 't3', '2026-05-20T08:00:00Z', {
    amount_fen: 50_000,
    direction: 'out',
    channel: 'cash',
  });
  await fact('rm_fact_bureau', 'b1', '2026-01-15T00:00:00Z', {
    query_count: 3,
    overdue_count: 2,
    max_overdue_months: 1,
    debt_fen: 5_000_000,
  });
  await fact('rm_fact_bureau', 'b2', '2026-04-15T00:00:00Z', {
    query_count: 1,
    overdue_count: 1,
    max_overdue_months: 1,
    debt_fen: 3_000_000,
  });
  await fact('rm_fact_court', 'k1', '2026-02-01T00:00:00Z', {
    kind: 'lawsuit',
    role: 'defendant',
    amount_fen: 1_000_000,
    status: 'open',
  });
  await ds.query(
    "UPDATE rm_customer SET birth_year = 1980, org_id = 'a-br1', org_path = '/bank-a/a-hq/a-br1/' WHERE customer_ref = ?",
    [C1],
  );
}, 30_000);
afterAll(async () => {
  await feeds?.stop();
  await customers?.stop();
  await svc?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('features as of a date', () => {
  it('computes aggregates and expressions with hand-checked figures', async () => {
    const v = await snapshot('2026-05-31', [
      'inflow_sum_90d',
      'inflow_avg_monthly_90d',
      'outflow_sum_90d',
      'txn_count_30d',
      'max_txn_out_90d',
      'bureau_overdue_max_12m',
      'bureau_debt_latest',
      'bureau_queries_latest',
      'debt_to_income',
      'age',
      'court_records_365d',
      'has_court_record',
      'tax_paid_12m',
      'income_declared_12m',
    ]);
    expect(v).toEqual({
      inflow_sum_90d: 300_000, // 1,000 + 2,000 yuan: Mar 10 and May 10 are within Mar 3..May 31
      inflow_avg_monthly_90d: 100_000,
      outflow_sum_90d: 50_000,
      txn_count_30d: 2, // May 10 and May 20
      max_txn_out_90d: 50_000,
      bureau_overdue_max_12m: 2,
      bureau_debt_latest: 3_000_000, // the April report
      bureau_queries_latest: 1,
      debt_to_income: 2.5, // 30,000 / (3,000 x 4)
      age: 46,
      court_records_365d: 1,
      has_court_record: true,
      tax_paid_12m: 0, // no tax facts: a sum of nothing
      income_declared_12m: null, // no tax facts: no latest
    });
  });

  it('sees only the facts up to the as-of date (a replay sees the features as they were)', async () => {
    expect(await snapshot('2026-04-30', ['inflow_sum_90d', 'bureau_debt_latest', 'txn_count_30d'])).toEqual({
      inflow_sum_90d: 100_000, // May's inflow is after the date
      bureau_debt_latest: 3_000_000,
      txn_count_30d: 0,
    });
    expect(
      await snapshot('2026-02-01', ['bureau_debt_latest', 'court_records_365d', 'debt_to_income']),
    ).toEqual({
      bureau_debt_latest: 5_000_000, // the April report is not seen yet
      court_records_365d: 1, // a fact on the as-of date itself is seen
      debt_to_income: 99, // debt and no inflow
    });
    expect(await snapshot('2026-01-31', ['court_records_365d', 'has_court_record'])).toEqual({
      court_records_365d: 0,
      has_court_record: false,
    });
  });

  it('gives a customer risk has never seen empty values, and refuses an unknown feature', async () => {
    expect(await snapshot('2026-05-31', ['inflow_sum_90d', 'bureau_debt_latest'], 'nobody')).toEqual({
      inflow_sum_90d: 0,
      bureau_debt_latest: null,
    });
    await expect(snapshot('2026-05-31', ['no_such_feature'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the catalogue', () => {
  it('lists the standard features and keeps versions', async () => {
    const list = await api('GET', '/features', {});
    expect(list.status).toBe(200);
    const items = (list.body as { items: { name: string }[] }).items;
    expect(items.length).toBeGreaterThanOrEqual(15);
    const created = await api('POST', '/features', {
      name: 'inflow_x2',
      draft: {
        titleZh: '两倍流入',
        titleEn: 'Double inflow',
        type: 'number',
        unit: 'fen',
        kind: 'expression',
        expression: 'inflow_sum_90d * 2',
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ version: 1, dependsOn: ['inflow_sum_90d'], ownerName: '钱分析' });
    expect(await snapshot('2026-05-31', ['inflow_x2'])).toEqual({ inflow_x2: 600_000 });
    const v2 = await api('POST', '/features/inflow_x2/versions', {
      draft: {
        titleZh: '三倍流入',
        titleEn: 'Triple inflow',
        type: 'number',
        unit: 'fen',
        kind: 'expression',
        expression: 'inflow_sum_90d * 3',
      },
    });
    expect(v2.body).toMatchObject({ version: 2, status: 'active' });
    const got = (await api('GET', '/features/inflow_x2')).body as {
      current: { version: number };
      versions: { status: string }[];
    };
    expect(got.current.version).toBe(2);
    expect(got.versions.map((v) => v.status)).toEqual(['active', 'retired']);
    // the catalogue is cached for 5 s per copy; a save in this copy is seen at once
    expect(await snapshot('2026-05-31', ['inflow_x2'])).toEqual({ inflow_x2: 900_000 });
    expect(
      (
        await api('POST', '/features', {
          name: 'inflow_x2',
          draft: { titleZh: 'x', titleEn: 'x', type: 'number', kind: 'expression', expression: '1' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await api(
          'POST',
          '/features',
          {
            name: 'x_y',
            draft: { titleZh: 'x', titleEn: 'x', type: 'number', kind: 'expression', expression: '1' },
          },
          reader,
        )
      ).status,
    ).toBe(403);
  });

  it('refuses, naming why, an expression that does not compile, an unknown feature or a cycle; nothing stored', async () => {
    const draft = (expression: string) => ({
      titleZh: '试',
      titleEn: 'Try',
      type: 'number',
      kind: 'expression',
      expression,
    });
    const bad = await api('POST', '/features', { name: 'broken', draft: draft('inflow_sum_90d +') });
    expect(bad.status).toBe(400);
    expect(err(bad).message).toMatch(/does not compile/);
    expect(err(bad).fields?.['draft.expression']).toBeDefined();
    const unknown = await api('POST', '/features', { name: 'broken', draft: draft('no_such_thing * 2') });
    expect(unknown.status).toBe(400);
    expect(err(unknown).message).toMatch(/unknown features: no_such_thing/);
    // age -> uses_age -> age
    expect((await api('POST', '/features', { name: 'uses_age', draft: draft('age + 1') })).status).toBe(200);
    const cycle = await api('POST', '/features/age/versions', { draft: draft('uses_age - 1') });
    expect(cycle.status).toBe(400);
    expect(err(cycle).message).toMatch(/cycle: age → uses_age → age/);
    const self = await api('POST', '/features', { name: 'selfish', draft: draft('selfish + 1') });
    expect(self.status).toBe(400);
    expect((await api('GET', '/features/broken')).status).toBe(404);
    expect(((await api('GET', '/features/age')).body as { versions: unknown[] }).versions).toHaveLength(1);
    // an aggregate over a column its source does not have
    const agg = await api('POST', '/features', {
      name: 'bad_agg',
      draft: {
        titleZh: '坏',
        titleEn: 'Bad',
        type: 'number',
        kind: 'aggregate',
        aggregate: { source: 'txn', fn: 'sum', column: 'debt_fen' },
      },
    });
    expect(agg.status).toBe(400);
    expect(err(agg).message).toMatch(/txn has no column debt_fen/);
  });

  it('test-evaluates a draft and computes one customer for an analyst, within their scope', async () => {
    const test = await api('POST', `/customer-features/${C1}/test`, {
      name: 'net_flow_90d',
      draft: {
        titleZh: '净流入',
        titleEn: 'Net flow',
        type: 'number',
        unit: 'fen',
        kind: 'expression',
        expression: 'inflow_sum_90d - outflow_sum_90d',
      },
      asOf: '2026-05-31',
    });
    expect(test.status).toBe(200);
    expect(test.body).toEqual({
      value: 250_000,
      inputs: { inflow_sum_90d: 300_000, outflow_sum_90d: 50_000 },
    });
    const one = await api('GET', `/customer-features/${C1}`, {
      asOf: '2026-05-31',
      names: 'age,has_court_record',
    });
    expect(one.body).toEqual({ asOf: '2026-05-31', values: { age: 46, has_court_record: true } });
    const otherBank = principal({ ...analyst, bankId: 'bank-b', orgPath: '/bank-b/b-hq/', orgId: 'b-hq' });
    expect((await api('GET', `/customer-features/${C1}`, { asOf: '2026-05-31' }, otherBank)).status).toBe(
      404,
    );
    expect((await api('GET', `/customer-features/${C1}`, { asOf: '31/05/2026' })).status).toBe(400);
    // a manager of another branch (data scope: their org and below) does not see C1 of 城关支行
    const branch2 = principal({
      ...analyst,
      orgId: 'a-br2',
      orgPath: '/bank-a/a-hq/a-br2/',
      dataScope: 'orgAndBelow',
    });
    expect((await api('GET', `/customer-features/${C1}`, { asOf: '2026-05-31' }, branch2)).status).toBe(404);
    const branch1 = principal({
      ...analyst,
      orgId: 'a-br1',
      orgPath: '/bank-a/a-hq/a-br1/',
      dataScope: 'orgAndBelow',
    });
    expect(
      (await api('GET', `/customer-features/${C1}`, { asOf: '2026-05-31', names: 'age' }, branch1)).body,
    ).toEqual({
      asOf: '2026-05-31',
      values: { age: 46 },
    });
  });
});

describe('set-based for a batch', () => {
  it('the generator is deterministic: the same seed gives the same rows, another seed others', async () => {
    const opts = {
      bankId: 'bank-g',
      customers: 400,
      seed: 5,
      asOf: new Date('2026-12-01T00:00:00Z'),
      parents: ['/bank-g/g-hq/g-br1/'],
      branches: 7,
      managers: 11,
      chunk: 150,
    };
    const r = await generateRisk(ds, opts);
    expect(r.customers).toBe(400);
    const first = await fingerprint('bank-g');
    await generateRisk(ds, { ...opts, seed: 6 });
    const other = await fingerprint('bank-g');
    await generateRisk(ds, { ...opts, chunk: 64, parallel: 3 });
    expect(await fingerprint('bank-g')).toEqual(first);
    expect(other.rm_customer).not.toEqual(first.rm_customer);
    expect(other.rm_fact_txn).not.toEqual(first.rm_fact_txn);
    // the hand-made customer of bank-a is untouched
    expect(await snapshot('2026-05-31', ['inflow_sum_90d'])).toEqual({ inflow_sum_90d: 300_000 });
  });

  it('a chunk computed set-based equals its customers computed one at a time', async () => {
    const names = [
      'inflow_avg_monthly_90d',
      'debt_to_income',
      'bureau_overdue_max_12m',
      'bureau_debt_latest',
      'utility_arrears_latest',
      'court_records_365d',
      'credit_limit_latest',
      'income_declared_12m',
      'age',
      'has_court_record',
      'txn_count_30d',
    ];
    const gCaller = principal({ ...analyst, bankId: 'bank-g', orgPath: '/bank-g/', orgId: 'g-hq' });
    const chunk = await svc.features.batch('bank-g', { fromSeq: 1, toSeq: 400 }, names, '2026-11-30');
    expect(chunk.size).toBe(400);
    const values = [...chunk.values()];
    // the sample has a spread of values (not all empty)
    expect(values.filter((v) => (v.inflow_avg_monthly_90d as number) > 0).length).toBeGreaterThan(100);
    expect(values.filter((v) => v.bureau_debt_latest !== null).length).toBeGreaterThan(100);
    const refs = [...chunk.keys()].filter((_, i) => i % 20 === 0);
    for (const ref of refs) {
      expect(await svc.features.snapshot(gCaller, { subjectRef: ref, names, asOf: '2026-11-30' })).toEqual(
        chunk.get(ref),
      );
    }
    const byRefs = await svc.features.batch(
      'bank-g',
      { refs: [...refs, 'unknown-customer'] },
      names,
      '2026-11-30',
    );
    for (const ref of refs) expect(byRefs.get(ref)).toEqual(chunk.get(ref));
    expect(byRefs.get('unknown-customer')).toMatchObject({ court_records_365d: 0, bureau_debt_latest: null });
  });

  it('draws a feature’s distribution over the bank’s population', async () => {
    const gAnalyst = principal({ ...analyst, bankId: 'bank-g', orgPath: '/bank-g/', orgId: 'g-hq' });
    const res = await api(
      'GET',
      '/features/inflow_sum_90d/distribution',
      { asOf: '2026-11-30', bins: '10' },
      gAnalyst,
    );
    expect(res.status).toBe(200);
    const h = res.body as {
      population: number;
      sampled: number;
      nulls: number;
      bins: { count: number }[];
      min: number;
    };
    expect(h).toMatchObject({ population: 400, sampled: 400, nulls: 0 });
    expect(h.bins).toHaveLength(10);
    expect(h.bins.reduce((s, b) => s + b.count, 0)).toBe(400);
    const seg = await api('GET', '/features/has_court_record/distribution', { asOf: '2026-11-30' }, gAnalyst);
    const labels = (seg.body as { bins: { label: string; count: number }[] }).bins;
    expect(labels.reduce((s, b) => s + b.count, 0)).toBe(400);
  });
});

describe('feeding the read model', () => {
  it('counts a credit event delivered twice once', async () => {
    const envelope: EventEnvelope = {
      id: 'evt-approved-1',
      subject: applicationApproved.subject,
      occurredAt: '2026-06-01T10:00:00.000Z',
      bankId: 'bank-a',
      payload: {
        applicationId: 'app-1',
        customerId: C1,
        amount: '80000.00',
        termMonths: 12,
        productCode: 'FARMER_CREDIT',
        approvedBy: 'u-approver1',
        approvedByName: '赵敏',
      },
    };
    // two deliveries the stream does not deduplicate (another message id): the consumer does
    for (const msgID of ['m-1', 'm-2']) {
      await bus.js.publish(bus.subject(applicationApproved.subject), JSON.stringify(envelope), { msgID });
    }
    await until(
      async () => (await snapshot('2026-06-30', ['credit_limit_latest'])).credit_limit_latest === 8_000_000,
    );
    // a feed's fact under two envelopes: kept once by its fact id
    const fact = {
      factId: 'feed-fact-1',
      bankId: 'bank-a',
      customerRef: C1,
      at: '2026-06-02T00:00:00.000Z',
      source: 'court',
      kind: 'enforcement',
      role: 'defendant',
      amount: '5000.00',
      status: 'open',
    };
    for (const id of ['env-a', 'env-b']) {
      const e: EventEnvelope = {
        id,
        subject: feedFactRecorded.subject,
        occurredAt: fact.at,
        bankId: 'bank-a',
        payload: { origin: 'simulator', fact },
      };
      await bus.js.publish(bus.subject(feedFactRecorded.subject), JSON.stringify(e), { msgID: id });
    }
    await until(async () => (await snapshot('2026-06-30', ['court_records_365d'])).court_records_365d === 2);
    // the next event on the same consumers is handled, so the duplicates were seen and passed
    await bus.js.publish(
      bus.subject(applicationApproved.subject),
      JSON.stringify({
        ...envelope,
        id: 'evt-approved-2',
        occurredAt: '2026-06-03T10:00:00.000Z',
        payload: { ...(envelope.payload as object), amount: '90000.00' },
      }),
    );
    await until(
      async () => (await snapshot('2026-06-30', ['credit_limit_latest'])).credit_limit_latest === 9_000_000,
    );
    const [{ n }] = (await ds.query(
      "SELECT COUNT(*) AS n FROM rm_fact_credit WHERE fact_id LIKE 'evt-approved-%'",
    )) as [{ n: number }];
    expect(Number(n)).toBe(2);
    expect((await snapshot('2026-06-30', ['court_records_365d'])).court_records_365d).toBe(2);
  });

  it('pulls a customer’s SIMULATED external data once, and takes the facts the feed pushes later', async () => {
    const ref = 'c1000000-0000-4000-8000-000000000002';
    // the customer becomes known to risk (here: through a fact), then an analyst pulls the feeds
    await ds.transaction((m) =>
      recordFact(m, 'rm_fact_txn', {
        bankId: 'bank-a',
        customerRef: ref,
        factId: 'seed-1',
        at: new Date('2025-01-01T00:00:00Z'),
        values: { amount_fen: 1, direction: 'in', channel: 'cash' },
      }),
    );
    await ds.query(
      "UPDATE rm_customer SET org_id = 'a-br2', org_path = '/bank-a/a-hq/a-br2/' WHERE customer_ref = ?",
      [ref],
    );
    const first = await api('POST', `/customer-features/${ref}/pull`, { days: 400 });
    expect(first.status).toBe(200);
    const got = first.body as { origin: string; received: number; added: number };
    expect(got.origin).toBe('simulator');
    expect(got.received).toBeGreaterThan(20); // 13-14 months of inflow, outflow and bills
    expect(got.added).toBe(got.received);
    const again = (await api('POST', `/customer-features/${ref}/pull`, { days: 400 })).body as {
      added: number;
    };
    expect(again.added).toBe(0);
    expect((await api('POST', '/customer-features/not-known/pull', {})).status).toBe(404);
    // the simulator then pushes what falls due after the pull (two months of its clock)
    const count = async () =>
      Number(
        (
          (await ds.query(
            'SELECT COUNT(*) AS n FROM rm_fact_txn t JOIN rm_customer c ON c.bank_id = t.bank_id AND c.seq = t.seq WHERE c.customer_ref = ?',
            [ref],
          )) as [{ n: number }]
        )[0].n,
      );
    const before = await count();
    await feeds.push();
    await until(async () => (await count()) > before, 10_000, 'the pushed facts');
  });
});
