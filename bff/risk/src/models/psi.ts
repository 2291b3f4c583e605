/**
 * Population stability index (PSI) of a variable between a baseline sample and a recent one:
 * sum over bins of (actual - expected) * ln(actual / expected), bins cut at the baseline's deciles
 * (fewer when the baseline has few distinct values), empty shares smoothed to a small epsilon so
 * an empty bin does not make it infinite. Bands (industry custom): < 0.1 stable, 0.1-0.25 shift,
 * > 0.25 major.
 */
export interface PsiBin {
  from: number | null;
  to: number | null;
  expected: number;
  actual: number;
}
export type PsiLevel = 'stable' | 'shift' | 'major' | 'insufficient';
export interface Psi {
  psi: number | null;
  level: PsiLevel;
  bins: PsiBin[];
}

const EPSILON = 1e-4;
/** Below this many values on either side the index says nothing: `insufficient`. */
export const PSI_MIN_SAMPLE = 30;

/** Cut points: the distinct baseline quantiles at 10%, 20% ... 90% (ascending, no duplicates). */
export function cutPoints(baseline: number[], bins = 10): number[] {
  const sorted = [...baseline].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let i = 1; i < bins; i++) {
    const q = sorted[Math.floor((i * sorted.length) / bins)];
    if (q !== undefined && (cuts.length === 0 || q > cuts[cuts.length - 1]!)) cuts.push(q);
  }
  // a cut at the minimum leaves the first bin empty by construction: drop it
  return cuts.filter((c) => c > sorted[0]!);
}

function shares(values: number[], cuts: number[]): number[] {
  const counts = new Array<number>(cuts.length + 1).fill(0);
  for (const v of values) {
    let i = 0;
    while (i < cuts.length && v >= cuts[i]!) i++;
    counts[i]! += 1;
  }
  return counts.map((c) => c / values.length);
}

export function psiLevel(psi: number): Exclude<PsiLevel, 'insufficient'> {
  return psi < 0.1 ? 'stable' : psi <= 0.25 ? 'shift' : 'major';
}

export function psi(baseline: number[], actual: number[], bins = 10): Psi {
  const b = baseline.filter(Number.isFinite);
  const a = actual.filter(Number.isFinite);
  if (b.length < PSI_MIN_SAMPLE || a.length < PSI_MIN_SAMPLE) {
    return { psi: null, level: 'insufficient', bins: [] };
  }
  const cuts = cutPoints(b, bins);
  const e = shares(b, cuts);
  const r = shares(a, cuts);
  let total = 0;
  const out: PsiBin[] = e.map((exp, i) => {
    const act = r[i]!;
    const x = Math.max(exp, EPSILON);
    const y = Math.max(act, EPSILON);
    total += (y - x) * Math.log(y / x);
    return {
      from: i === 0 ? null : cuts[i - 1]!,
      to: i === cuts.length ? null : cuts[i]!,
      expected: exp,
      actual: act,
    };
  });
  const value = Math.round(total * 10_000) / 10_000;
  return { psi: value, level: psiLevel(value), bins: out };
}

/** A categorical variable (strings, booleans): one bin per baseline category plus "other". */
export function psiCategorical(baseline: string[], actual: string[]): Psi {
  if (baseline.length < PSI_MIN_SAMPLE || actual.length < PSI_MIN_SAMPLE) {
    return { psi: null, level: 'insufficient', bins: [] };
  }
  const cats = [...new Set(baseline)].sort();
  const index = new Map(cats.map((c, i) => [c, i]));
  const count = (xs: string[]) => {
    const c = new Array<number>(cats.length + 1).fill(0);
    for (const x of xs) c[index.get(x) ?? cats.length]! += 1;
    return c.map((n) => n / xs.length);
  };
  const e = count(baseline);
  const r = count(actual);
  let total = 0;
  const out: PsiBin[] = [];
  e.forEach((exp, i) => {
    const act = r[i]!;
    if (exp === 0 && act === 0) return;
    const x = Math.max(exp, EPSILON);
    const y = Math.max(act, EPSILON);
    total += (y - x) * Math.log(y / x);
    out.push({ from: i, to: i + 1, expected: exp, actual: act });
  });
  const value = Math.round(total * 10_000) / 10_000;
  return { psi: value, level: psiLevel(value), bins: out };
}
