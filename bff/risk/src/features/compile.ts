import { evaluateExpressionSync } from '@gorules/zen-engine';
import { type AggregateSpec, type FeatureDraft, type FeatureValue, SOURCE_COLUMNS } from '@zhanye/contracts';
import { InputError } from '@zhanye/kit';

/** What an expression may read beside other features (see `FeatureDraft.expression`). */
export const EXPRESSION_ROOTS = ['customer', 'asOf'] as const;
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'true',
  'false',
  'null',
  'in',
  'nin',
  'matches',
  'this',
  '$',
  '$root',
]);

/**
 * The names an expression refers to: identifiers not after a `.`, not called as functions, outside
 * string literals, not keywords (zen's language has no assignment, so this is all it can read).
 */
export function expressionRefs(expression: string): string[] {
  const code = expression.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
  const refs = new Set<string>();
  for (const m of code.matchAll(/(\.\s*)?\b([A-Za-z_$][A-Za-z0-9_$]*)\b(\s*\()?/g)) {
    if (m[1] || m[3]) continue;
    const name = m[2] as string;
    if (KEYWORDS.has(name) || /^\d/.test(name)) continue;
    refs.add(name);
  }
  return [...refs];
}

/** zen's error text (`{"type":"parserError","source":"..."}`) as a sentence. */
export function zenMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const json = text.slice(text.indexOf('{'), text.indexOf('}') + 1);
  try {
    const parsed = JSON.parse(json) as { type?: string; source?: string };
    return `${parsed.type ?? 'error'}: ${parsed.source ?? text}`;
  } catch {
    return text.split('\n')[0] ?? text;
  }
}

/** A sample value of each type, for a trial evaluation of an expression. */
const sample = (type: string): FeatureValue => (type === 'string' ? 'x' : type === 'boolean' ? true : 1);
export const SAMPLE_CUSTOMER = { birthYear: 1980, segment: 'farmer', regionCode: '520102', sinceYear: 2020 };
export const SAMPLE_AS_OF = { year: 2026, month: 12, day: 1 };

/** What `check` needs to know of the other features: their type and (expressions) dependencies. */
export interface KnownFeature {
  type: string;
  dependsOn: string[];
}

/**
 * Checks a draft before anything is stored; throws 400 naming why: an aggregate on an unknown
 * column or a function its column cannot take; an expression that does not parse, refers to an
 * unknown feature, would make a cycle, or fails on sample values. Returns the features it uses.
 */
export function checkDraft(name: string, draft: FeatureDraft, known: Map<string, KnownFeature>): string[] {
  if (draft.kind === 'aggregate') {
    checkAggregate(draft.aggregate as AggregateSpec);
    return [];
  }
  const expression = draft.expression as string;
  const refs = expressionRefs(expression).filter((r) => !(EXPRESSION_ROOTS as readonly string[]).includes(r));
  const unknown = refs.filter((r) => r !== name && !known.has(r));
  if (unknown.length) {
    throw new InputError(`the expression refers to unknown features: ${unknown.join(', ')}`, {
      'draft.expression': [`unknown features: ${unknown.join(', ')}`],
    });
  }
  // a cycle: the feature itself among what it uses, directly or through other expressions
  const path = findPath(refs, name, known);
  if (path) {
    const cycle = [name, ...path].join(' → ');
    throw new InputError(`the expression makes a cycle: ${cycle}`, {
      'draft.expression': [`cycle: ${cycle}`],
    });
  }
  const context: Record<string, unknown> = { customer: SAMPLE_CUSTOMER, asOf: SAMPLE_AS_OF };
  for (const r of refs) context[r] = sample(known.get(r)?.type ?? 'number');
  try {
    evaluateExpressionSync(expression, context);
  } catch (e) {
    const why = zenMessage(e);
    throw new InputError(`the expression does not compile: ${why}`, { 'draft.expression': [why] });
  }
  return refs;
}

/** Depth-first from `refs` through expressions' dependencies to `target`: the path, or null. */
function findPath(refs: string[], target: string, known: Map<string, KnownFeature>): string[] | null {
  const seen = new Set<string>();
  const walk = (n: string): string[] | null => {
    if (n === target) return [n];
    if (seen.has(n)) return null;
    seen.add(n);
    for (const d of known.get(n)?.dependsOn ?? []) {
      const p = walk(d);
      if (p) return [n, ...p];
    }
    return null;
  };
  for (const r of refs) {
    const p = walk(r);
    if (p) return p;
  }
  return null;
}

function checkAggregate(a: AggregateSpec) {
  const columns = SOURCE_COLUMNS[a.source] as Record<string, 'number' | 'string'>;
  const bad = (path: string, message: string) => {
    throw new InputError(message, { [`draft.aggregate.${path}`]: [message] });
  };
  if (a.fn !== 'count') {
    if (!a.column) bad('column', `${a.fn} needs a column`);
    const type = columns[a.column as string];
    if (!type) bad('column', `${a.source} has no column ${a.column}`);
    if (type !== 'number' && a.fn !== 'latest')
      bad('column', `${a.fn} needs a number column; ${a.column} is text`);
  }
  a.filter.forEach((f, i) => {
    const type = columns[f.column];
    if (!type) bad(`filter.${i}.column`, `${a.source} has no column ${f.column}`);
    if (type === 'number' && typeof f.value !== 'number')
      bad(`filter.${i}.value`, `${f.column} compares with a number`);
    if (type === 'string' && !['eq', 'ne'].includes(f.op))
      bad(`filter.${i}.op`, `${f.column} is text: equal or not equal`);
  });
}
