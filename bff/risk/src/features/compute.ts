import { evaluateExpressionSync } from '@gorules/zen-engine';
import type { AggregateSpec, FeatureSource, FeatureValue, FeatureValues } from '@zhanye/contracts';
import { SOURCE_COLUMNS } from '@zhanye/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/** A feature definition as computing needs it (one version). */
export interface LoadedFeature {
  name: string;
  version: number;
  type: 'number' | 'string' | 'boolean';
  windowDays: number | null;
  kind: 'aggregate' | 'expression';
  aggregate: AggregateSpec | null;
  expression: string | null;
  dependsOn: string[];
}

/** Which customers of a bank: a seq range (every `stride`-th when sampling), or given seqs. */
export type SeqSelector = { fromSeq: number; toSeq: number; stride?: number } | { seqs: number[] };

export interface CustomerFeatures {
  customerRef: string;
  values: FeatureValues;
}

const TABLE: Record<FeatureSource, string> = {
  txn: 'rm_fact_txn',
  bureau: 'rm_fact_bureau',
  tax: 'rm_fact_tax',
  utility: 'rm_fact_utility',
  court: 'rm_fact_court',
  credit: 'rm_fact_credit',
};
const OPS = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
const DAY = 86_400_000;

/**
 * The instant a feature "as of" reads up to: a date `YYYY-MM-DD` means the end of that day (UTC),
 * an ISO time that instant. Facts with `at <= cutoff` are seen, later ones are not.
 */
export function asOfCutoff(asOf: string | Date): Date {
  if (asOf instanceof Date) return asOf;
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return new Date(Date.parse(`${asOf}T00:00:00Z`) + DAY - 1);
  const d = new Date(asOf);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${asOf}`);
  return d;
}

/** What an empty history gives: counts and sums 0, the rest null. */
const emptyValue = (f: LoadedFeature): FeatureValue =>
  f.aggregate && (f.aggregate.fn === 'count' || f.aggregate.fn === 'sum') ? 0 : null;

function selectorSql(sel: SeqSelector, alias = ''): { sql: string; params: unknown[] } {
  const col = `${alias}seq`;
  if ('seqs' in sel)
    return sel.seqs.length ? { sql: `${col} IN (?)`, params: [sel.seqs] } : { sql: '1 = 0', params: [] };
  const stride = sel.stride && sel.stride > 1 ? sel.stride : 1;
  return stride > 1
    ? { sql: `${col} BETWEEN ? AND ? AND MOD(${col}, ?) = 0`, params: [sel.fromSeq, sel.toSeq, stride] }
    : { sql: `${col} BETWEEN ? AND ?`, params: [sel.fromSeq, sel.toSeq] };
}

/** One aggregate as SQL over the rows of its window: `SUM(CASE WHEN <window and filter> THEN col END)`. */
function aggregateSql(f: LoadedFeature, cutoff: Date, params: unknown[]): string {
  const a = f.aggregate as AggregateSpec;
  const conds: string[] = [];
  if (f.windowDays !== null) {
    conds.push('at > ?');
    params.push(new Date(cutoff.getTime() - f.windowDays * DAY));
  }
  const columns = SOURCE_COLUMNS[a.source] as Record<string, string>;
  for (const flt of a.filter) {
    if (!columns[flt.column]) throw new Error(`unknown column ${flt.column}`);
    conds.push(`${flt.column} ${OPS[flt.op]} ?`);
    params.push(flt.value);
  }
  const when = conds.length ? conds.join(' AND ') : '1 = 1';
  if (a.fn === 'count') return `COUNT(CASE WHEN ${when} THEN 1 END)`;
  const column = a.column as string;
  if (!columns[column]) throw new Error(`unknown column ${column}`);
  const value = `CASE WHEN ${when} THEN ${column} END`;
  switch (a.fn) {
    case 'sum':
      return `COALESCE(SUM(${value}), 0)`;
    case 'avg':
      return `AVG(${value})`;
    case 'max':
      return `MAX(${value})`;
    case 'min':
      return `MIN(${value})`;
    case 'latest':
      // the value of the newest fact in the window (GROUP_CONCAT skips the NULLs of other rows)
      return `SUBSTRING_INDEX(GROUP_CONCAT(${value} ORDER BY at DESC, fact_id DESC SEPARATOR '\u001f'), '\u001f', 1)`;
  }
}

function toValue(f: LoadedFeature, raw: unknown): FeatureValue {
  if (raw === null || raw === undefined) return emptyValue(f);
  const a = f.aggregate as AggregateSpec;
  const numeric =
    a.fn === 'count' || (SOURCE_COLUMNS[a.source] as Record<string, string>)[a.column ?? ''] === 'number';
  if (!numeric) return String(raw);
  const n = Number(raw);
  return a.fn === 'avg' ? Math.round(n * 10_000) / 10_000 : n;
}

function coerce(type: LoadedFeature['type'], v: unknown): FeatureValue {
  if (v === null || v === undefined) return null;
  if (type === 'boolean') return typeof v === 'boolean' ? v : Boolean(v);
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v) ? v : null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Computes features set-based: for a chunk of customers, one GROUP BY query per fact table the
 * features read (all their aggregates as conditional aggregates in one pass over the chunk's
 * rows), one for the customers, then the expressions per customer in dependency order. One
 * customer is the same code with a chunk of one, so a live decision and a batch agree.
 */
export async function computeFeatures(
  m: DataSource | EntityManager,
  bankId: string,
  sel: SeqSelector,
  features: LoadedFeature[],
  asOf: string | Date,
): Promise<Map<number, CustomerFeatures>> {
  const cutoff = asOfCutoff(asOf);
  const where = selectorSql(sel);
  const customers = (await m.query(
    `SELECT seq, customer_ref, birth_year, segment, region_code, YEAR(created_at) AS since_year
       FROM rm_customer WHERE bank_id = ? AND ${where.sql}`,
    [bankId, ...where.params],
  )) as {
    seq: number;
    customer_ref: string;
    birth_year: number | null;
    segment: string;
    region_code: string;
    since_year: number;
  }[];
  const out = new Map<number, CustomerFeatures>();
  if (!customers.length) return out;
  const raw = new Map<number, Record<string, unknown>>();
  const bySource = new Map<FeatureSource, LoadedFeature[]>();
  for (const f of features) {
    if (f.kind !== 'aggregate' || !f.aggregate) continue;
    bySource.set(f.aggregate.source, [...(bySource.get(f.aggregate.source) ?? []), f]);
  }
  for (const [source, fs] of bySource) {
    const params: unknown[] = [];
    const exprs = fs.map((f, i) => `${aggregateSql(f, cutoff, params)} AS f${i}`);
    // the widest window bounds the rows read at all
    const windows = fs.map((f) => f.windowDays);
    const widest = windows.includes(null) ? null : Math.max(...(windows as number[]));
    const lower = widest === null ? '' : ' AND at > ?';
    const rows = (await m.query(
      `SELECT seq, ${exprs.join(', ')} FROM ${TABLE[source]}
        WHERE bank_id = ? AND ${where.sql} AND at <= ?${lower} GROUP BY seq`,
      [
        ...params,
        bankId,
        ...where.params,
        cutoff,
        ...(widest === null ? [] : [new Date(cutoff.getTime() - widest * DAY)]),
      ],
    )) as Record<string, unknown>[];
    for (const row of rows) {
      const seq = Number(row.seq);
      const r = raw.get(seq) ?? {};
      fs.forEach((f, i) => {
        r[f.name] = toValue(f, row[`f${i}`]);
      });
      raw.set(seq, r);
    }
  }
  const d = cutoff;
  const asOfCtx = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  for (const c of customers) {
    const r = raw.get(c.seq) ?? {};
    const values: Record<string, FeatureValue> = {};
    const ctx: Record<string, unknown> = {
      customer: {
        birthYear: c.birth_year,
        segment: c.segment,
        regionCode: c.region_code,
        sinceYear: Number(c.since_year),
      },
      asOf: asOfCtx,
    };
    for (const f of features) {
      let v: FeatureValue;
      if (f.kind === 'aggregate') v = f.name in r ? (r[f.name] as FeatureValue) : emptyValue(f);
      else {
        try {
          v = coerce(f.type, evaluateExpressionSync(f.expression as string, ctx));
        } catch {
          // a null input or a division the data makes impossible: no value
          v = null;
        }
      }
      ctx[f.name] = v;
      values[f.name] = v;
    }
    out.set(c.seq, { customerRef: c.customer_ref, values });
  }
  return out;
}
