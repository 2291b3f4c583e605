import { describe, expect, it } from 'vitest';
import prescreenV1 from '../graphs/credit.prescreen.v1.json' with { type: 'json' };
import { DecisionEngine, type GraphSource } from './decision.engine.ts';

const yuan = (v: number) => v * 100;

function engineWithPrescreen() {
  const calls = { content: 0 };
  const source: GraphSource = {
    findActive: async (key) => (key === 'credit.prescreen' ? { key, version: 1 } : null),
    content: async () => {
      calls.content++;
      return JSON.stringify(prescreenV1);
    },
  };
  return { engine: new DecisionEngine(source), calls };
}

const base = {
  amountFen: yuan(50_000),
  annualIncomeFen: yuan(200_000),
  termMonths: 12,
  productCode: 'consumer',
};

describe('credit.prescreen v1 (the JDM graph itself)', () => {
  const { engine, calls } = engineWithPrescreen();
  const run = async (over: Partial<typeof base>) =>
    (await engine.evaluateActive('credit.prescreen', { ...base, ...over })).result as {
      outcome: string;
      reasons: string[];
      rules: string[];
    };

  it.each([
    ['a modest loan passes', {}, 'pass', []],
    [
      'exactly 3x income still passes',
      { amountFen: yuan(300_000), annualIncomeFen: yuan(100_000) },
      'pass',
      [],
    ],
    [
      '1 fen above 3x income is referred',
      { amountFen: yuan(300_000) + 1, annualIncomeFen: yuan(100_000) },
      'refer',
      ['F1', 'F2'],
    ],
    [
      'exactly 300,000 yuan passes',
      { amountFen: yuan(300_000), annualIncomeFen: yuan(1_000_000) },
      'pass',
      [],
    ],
    [
      'above 300,000 yuan is referred',
      { amountFen: yuan(300_001), annualIncomeFen: yuan(1_000_000) },
      'refer',
      ['F1'],
    ],
    [
      'exactly 5x income is referred, not refused',
      { amountFen: yuan(100_000), annualIncomeFen: yuan(20_000) },
      'refer',
      ['F2'],
    ],
    [
      '1 fen above 5x income is refused',
      { amountFen: yuan(100_000) + 1, annualIncomeFen: yuan(20_000) },
      'refuse',
      ['R2'],
    ],
    [
      'exactly 1,000,000 yuan is referred',
      { amountFen: yuan(1_000_000), annualIncomeFen: yuan(5_000_000) },
      'refer',
      ['F1'],
    ],
    [
      'above 1,000,000 yuan is refused',
      { amountFen: yuan(1_000_000) + 1, annualIncomeFen: yuan(5_000_000) },
      'refuse',
      ['R1'],
    ],
    ['a consumer loan of 60 months passes', { termMonths: 60 }, 'pass', []],
    ['a consumer loan over 60 months is refused', { termMonths: 61 }, 'refuse', ['R3']],
    ['a business loan over 60 months is fine', { termMonths: 120, productCode: 'business' }, 'pass', []],
  ])('%s', async (_name, over, outcome, rules) => {
    const r = await run(over);
    expect(r.outcome).toBe(outcome);
    expect(r.rules).toEqual(rules);
    expect(r.reasons.length).toBeGreaterThan(0);
  });

  it('gives every refusal reason, in Chinese', async () => {
    const r = await run({ amountFen: yuan(60_000), annualIncomeFen: yuan(10_000), termMonths: 72 });
    expect(r.reasons).toEqual(['申请金额超过年收入的 5 倍', '消费贷期限超过 60 个月']);
  });

  it('computes on integers exactly, even near the top of the fen range', async () => {
    const r = await run({ amountFen: 9_007_199_254_740_991, annualIncomeFen: 1_801_439_850_948_198 });
    expect(r.rules).toContain('R2'); // 5 x 1_801_439_850_948_198 = 9_007_199_254_740_990 < amount
  });

  it('traces every node in evaluation order and compiles each version once', async () => {
    const before = calls.content;
    const ev = await engine.evaluateActive('credit.prescreen', base);
    expect(ev.version).toBe(1);
    expect(ev.trace.map((s) => s.name)).toEqual(['申请', '拒绝规则', '人工复核规则', '预审结论', '结论输出']);
    expect(ev.trace.every((s) => typeof s.performance === 'string')).toBe(true);
    expect(calls.content).toBe(before); // compiled on the first run above, cached since
  });

  it('rejects input the graph’s schema refuses, and unknown graphs', async () => {
    await expect(engine.evaluateActive('credit.prescreen', { ...base, amountFen: 1.5 })).rejects.toThrow(
      /failed/,
    );
    await expect(engine.evaluateActive('nope', base)).rejects.toThrow(/no active version/);
  });
});
