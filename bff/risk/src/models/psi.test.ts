import { describe, expect, it } from 'vitest';
import { cutPoints, psi, psiCategorical, psiLevel } from './psi.ts';

const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('PSI', () => {
  it('is 0 for the same distribution and cuts at the deciles', () => {
    const xs = range(1000, (i) => i);
    expect(cutPoints(xs)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900]);
    const r = psi(xs, xs);
    expect(r.psi).toBe(0);
    expect(r.level).toBe('stable');
    expect(r.bins).toHaveLength(10);
    expect(r.bins[0]).toEqual({ from: null, to: 100, expected: 0.1, actual: 0.1 });
  });

  it('matches a hand-computed figure for a two-bin shift', () => {
    // baseline half 0, half 1; recent 80% 0 and 20% 1: one cut at 1
    const base = [...range(50, () => 0), ...range(50, () => 1)];
    const recent = [...range(80, () => 0), ...range(20, () => 1)];
    // (0.8-0.5)ln(0.8/0.5) + (0.2-0.5)ln(0.2/0.5) = 0.3*0.470004 + 0.3*0.916291 = 0.415888
    expect(psi(base, recent).psi).toBeCloseTo(0.4159, 4);
    expect(psi(base, recent).level).toBe('major');
  });

  it('bands: < 0.1 stable, to 0.25 shift, above major; too few values say nothing', () => {
    expect(psiLevel(0.05)).toBe('stable');
    expect(psiLevel(0.1)).toBe('shift');
    expect(psiLevel(0.25)).toBe('shift');
    expect(psiLevel(0.26)).toBe('major');
    expect(
      psi(
        range(10, (i) => i),
        range(100, (i) => i),
      ).level,
    ).toBe('insufficient');
  });

  it('an empty recent bin is smoothed, not infinite', () => {
    const base = range(100, (i) => i);
    const recent = range(100, () => 5);
    const r = psi(base, recent);
    expect(Number.isFinite(r.psi)).toBe(true);
    expect(r.level).toBe('major');
  });

  it('categorical: a category unseen in the baseline counts as other', () => {
    const base = [...range(50, () => 'A'), ...range(50, () => 'B')];
    expect(psiCategorical(base, base).psi).toBe(0);
    const recent = [...range(50, () => 'A'), ...range(25, () => 'B'), ...range(25, () => 'C')];
    const r = psiCategorical(base, recent);
    expect(r.bins).toHaveLength(3);
    expect(r.level).toBe('major');
  });
});
