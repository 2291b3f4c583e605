import { describe, expect, it } from 'vitest';
import pricingV1 from '../graphs/credit.pricing.v1.json' with { type: 'json' };
import renewalV1 from '../graphs/credit.renewal.v1.json' with { type: 'json' };
import { DecisionEngine, type GraphSource } from './decision.engine.ts';

const yuan = (v: number) => v * 100;
const graphs: Record<string, unknown> = { 'credit.pricing': pricingV1, 'credit.renewal': renewalV1 };
const source: GraphSource = {
  findActive: async (key) => (key in graphs ? { key, version: 1 } : null),
  content: async (key) => JSON.stringify(graphs[key]),
};
const engine = new DecisionEngine(source);

describe('credit.pricing v1 (the JDM graph itself)', () => {
  const base = {
    productCode: 'XF01',
    productKind: 'consumer',
    amountFen: yuan(50_000),
    termMonths: 12,
    guaranteeType: 'credit',
    segment: 'prospect',
  };
  const run = async (over: Partial<typeof base>) =>
    (await engine.evaluateActive('credit.pricing', { ...base, ...over })).result as {
      spreadBps: number;
      reasons: string[];
      rules: string[];
    };

  it.each([
    ['credit, prospect, small, one year', {}, 60, ['G1', 'S3', 'A3', 'T1', 'P2']],
    ['guarantee', { guaranteeType: 'guarantee' }, 40, ['G2', 'S3', 'A3', 'T1', 'P2']],
    ['mortgage', { guaranteeType: 'mortgage' }, 20, ['G3', 'S3', 'A3', 'T1', 'P2']],
    ['pledge', { guaranteeType: 'pledge' }, 10, ['G4', 'S3', 'A3', 'T1', 'P2']],
    ['an existing (VIP) customer', { segment: 'existing' }, 45, ['G1', 'S1', 'A3', 'T1', 'P2']],
    ['a listed customer', { segment: 'listed' }, 50, ['G1', 'S2', 'A3', 'T1', 'P2']],
    [
      'exactly 300,000 yuan is the small band',
      { amountFen: yuan(300_000) },
      60,
      ['G1', 'S3', 'A3', 'T1', 'P2'],
    ],
    ['above 300,000 yuan', { amountFen: yuan(300_000) + 1 }, 55, ['G1', 'S3', 'A2', 'T1', 'P2']],
    ['exactly 1,000,000 yuan', { amountFen: yuan(1_000_000) }, 55, ['G1', 'S3', 'A2', 'T1', 'P2']],
    ['above 1,000,000 yuan', { amountFen: yuan(1_000_000) + 1 }, 50, ['G1', 'S3', 'A1', 'T1', 'P2']],
    ['13 months', { termMonths: 13 }, 70, ['G1', 'S3', 'A3', 'T2', 'P2']],
    ['36 months', { termMonths: 36 }, 70, ['G1', 'S3', 'A3', 'T2', 'P2']],
    ['37 months', { termMonths: 37 }, 80, ['G1', 'S3', 'A3', 'T3', 'P2']],
    ['a farmer household loan', { productKind: 'farmer' }, 50, ['G1', 'S3', 'A3', 'T1', 'P1']],
    [
      'every adjustment at once',
      {
        guaranteeType: 'mortgage',
        segment: 'existing',
        amountFen: yuan(2_000_000),
        termMonths: 60,
        productKind: 'farmer',
      },
      20 - 15 - 10 + 20 - 10,
      ['G3', 'S1', 'A1', 'T3', 'P1'],
    ],
  ])('%s', async (_name, over, spread, rules) => {
    const r = await run(over);
    expect(r.spreadBps).toBe(spread);
    expect(r.rules).toEqual(rules);
  });

  it('explains each adjustment that applies, in Chinese, and nothing else', async () => {
    expect((await run({})).reasons).toEqual(['信用贷款 +60bp']);
    expect(
      (await run({ segment: 'existing', amountFen: yuan(2_000_000), termMonths: 24, productKind: 'farmer' }))
        .reasons,
    ).toEqual([
      '信用贷款 +60bp',
      '存量优质客户 -15bp',
      '金额 100 万元以上 -10bp',
      '期限一至三年 +10bp',
      '农户贷款支农优惠 -10bp',
    ]);
  });

  it('traces every node in evaluation order', async () => {
    const ev = await engine.evaluateActive('credit.pricing', base);
    expect(ev.trace.map((s) => s.id)).toEqual([
      'request',
      'guarantee',
      'segment',
      'amount',
      'term',
      'policy',
      'verdict',
      'response',
    ]);
  });

  it('refuses a guarantee type it does not know (schema)', async () => {
    await expect(engine.evaluateActive('credit.pricing', { ...base, guaranteeType: 'cash' })).rejects.toThrow(
      /failed/,
    );
  });
});

describe('credit.renewal v1 (the JDM graph itself)', () => {
  const base = {
    productCode: 'XF01',
    grantedFen: yuan(100_000),
    usedFen: yuan(30_000),
    frozenDays: 0,
    overdue: false,
  };
  const run = async (over: Partial<typeof base>) =>
    (await engine.evaluateActive('credit.renewal', { ...base, ...over })).result as {
      renew: boolean;
      grantedFen: number;
      months: number;
      reasons: string[];
      rules: string[];
    };

  it.each([
    ['a limit in normal use renews at the same amount', {}, true, yuan(100_000), ['Y1']],
    ['an unused limit renews too', { usedFen: 0 }, true, yuan(100_000), ['Y1']],
    ['a fully used limit renews', { usedFen: yuan(100_000) }, true, yuan(100_000), ['Y1']],
    ['frozen exactly 90 days still renews', { frozenDays: 90 }, true, yuan(100_000), ['Y1']],
    ['frozen 91 days does not', { frozenDays: 91 }, false, 0, ['N2']],
    ['overdue does not', { overdue: true }, false, 0, ['N1']],
    ['overdue and frozen long: both reasons', { overdue: true, frozenDays: 200 }, false, 0, ['N1', 'N2']],
    ['a zero limit does not', { grantedFen: 0, usedFen: 0 }, false, 0, ['N3']],
    ['used above granted does not', { usedFen: yuan(100_000) + 1 }, false, 0, ['N4']],
  ])('%s', async (_name, over, renew, granted, rules) => {
    const r = await run(over);
    expect(r.renew).toBe(renew);
    expect(r.grantedFen).toBe(granted);
    expect(r.months).toBe(12);
    expect(r.rules).toEqual(rules);
    expect(r.reasons.length).toBe(rules.length);
  });

  it('keeps the amount exact near the top of the fen range', async () => {
    const r = await run({ grantedFen: 9_007_199_254_740_991, usedFen: 0 });
    expect(r.grantedFen).toBe(9_007_199_254_740_991);
  });
});
