import type {
  AggregateSpec,
  FeatureDef,
  FeatureDraft,
  FeatureHistogram,
  FeatureValue,
  FeatureValues,
  Principal,
} from '@zhanye/contracts';
import { ConflictError, InputError, NotFoundError, scopeSql } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { checkDraft, type KnownFeature } from './compile.ts';
import { asOfCutoff, computeFeatures, type LoadedFeature, type SeqSelector } from './compute.ts';
import { STANDARD_FEATURES } from './standard.ts';

/** Whose values a batch computes: a seq range of the bank's read model, or customers by id. */
export type BatchSelector = { fromSeq: number; toSeq: number } | { refs: string[] };

/**
 * The feature port (bff/risk/src/ports.ts `Features`): computes features as of a date, for one
 * customer (a live decision, a replay) or set-based for a chunk of a batch.
 */
export interface Features {
  snapshot(
    caller: Principal,
    q: { subjectRef: string; names: string[]; asOf: string | Date },
  ): Promise<Record<string, number | string | boolean | null>>;
  batch(
    bankId: string,
    who: BatchSelector,
    names: string[],
    asOf: string | Date,
  ): Promise<Map<string, Record<string, number | string | boolean | null>>>;
}

interface DefRow {
  bank_id: string;
  name: string;
  version: number;
  title_zh: string;
  title_en: string;
  entity: string;
  value_type: string;
  unit: string;
  window_days: number | null;
  kind: string;
  aggregate_spec: string | null;
  expression: string | null;
  depends_on: string;
  description: string;
  status: string;
  owner_id: string;
  owner_name: string;
  created_at: Date;
}

const toDef = (r: DefRow): FeatureDef => ({
  name: r.name,
  version: r.version,
  titleZh: r.title_zh,
  titleEn: r.title_en,
  entity: 'customer',
  type: r.value_type as FeatureDef['type'],
  unit: r.unit as FeatureDef['unit'],
  windowDays: r.window_days,
  kind: r.kind as FeatureDef['kind'],
  aggregate: r.aggregate_spec ? (JSON.parse(r.aggregate_spec) as AggregateSpec) : null,
  expression: r.expression,
  dependsOn: r.depends_on ? r.depends_on.split(',') : [],
  description: r.description,
  status: r.status as FeatureDef['status'],
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  createdAt: new Date(r.created_at).toISOString(),
});

const toLoaded = (d: FeatureDef): LoadedFeature => ({
  name: d.name,
  version: d.version,
  type: d.type,
  windowDays: d.windowDays,
  kind: d.kind,
  aggregate: d.aggregate,
  expression: d.expression,
  dependsOn: d.dependsOn,
});

/** Most customers a distribution reads; above it every k-th by seq. */
const SAMPLE = 20_000;
const CHUNK = 5_000;
/** How long a copy trusts its cached catalogue (another copy may have saved a version). */
const CACHE_MS = 5_000;

/** The catalogue (feature_def) and computing; raw SQL: the set-based reads are the hot path. */
export class FeatureService implements Features {
  private cache = new Map<string, { at: number; active: Map<string, FeatureDef> }>();
  private seeded = new Set<string>();

  constructor(
    private ds: DataSource,
    /** Whether the customer service shows this customer to the caller (their scope). */
    private lookup?: (caller: Principal, customerRef: string) => Promise<boolean>,
  ) {}

  /** A bank's first use copies the standard features (owner 系统). */
  async ensureStandard(bankId: string): Promise<void> {
    if (this.seeded.has(bankId)) return;
    const [{ n }] = (await this.ds.query('SELECT COUNT(*) AS n FROM feature_def WHERE bank_id = ?', [
      bankId,
    ])) as {
      n: number;
    }[] as [{ n: number }];
    if (Number(n) === 0) {
      const known = new Map<string, KnownFeature>();
      for (const { name, draft } of STANDARD_FEATURES) {
        const deps = checkDraft(name, draft, known);
        known.set(name, { type: draft.type, dependsOn: deps });
        await this.insert(bankId, name, 1, draft, deps, { id: 'system', name: '系统' });
      }
    }
    this.seeded.add(bankId);
  }

  private async insert(
    bankId: string,
    name: string,
    version: number,
    d: FeatureDraft,
    deps: string[],
    owner: { id: string; name: string },
  ) {
    await this.ds.query(
      `INSERT IGNORE INTO feature_def (bank_id, name, version, title_zh, title_en, entity, value_type, unit,
         window_days, kind, aggregate_spec, expression, depends_on, description, status, owner_id, owner_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
      [
        bankId,
        name,
        version,
        d.titleZh,
        d.titleEn,
        d.entity,
        d.type,
        d.unit,
        d.windowDays,
        d.kind,
        d.kind === 'aggregate' ? JSON.stringify(d.aggregate) : null,
        d.kind === 'expression' ? d.expression : null,
        deps.join(','),
        d.description,
        d.status,
        owner.id,
        owner.name,
      ],
    );
  }

  /** Every version of the bank's features (newest first per name). */
  private async rows(bankId: string, name?: string): Promise<FeatureDef[]> {
    await this.ensureStandard(bankId);
    const rows = (await this.ds.query(
      `SELECT * FROM feature_def WHERE bank_id = ?${name ? ' AND name = ?' : ''} ORDER BY name, version DESC`,
      name ? [bankId, name] : [bankId],
    )) as DefRow[];
    return rows.map(toDef);
  }

  /** The versions in use: the newest active version of each name. */
  async active(bankId: string): Promise<Map<string, FeatureDef>> {
    const hit = this.cache.get(bankId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.active;
    const active = new Map<string, FeatureDef>();
    for (const d of await this.rows(bankId))
      if (d.status === 'active' && !active.has(d.name)) active.set(d.name, d);
    this.cache.set(bankId, { at: Date.now(), active });
    return active;
  }

  async list(
    bankId: string,
    f: { q?: string; kind?: string; source?: string; status?: string },
  ): Promise<FeatureDef[]> {
    const newest = new Map<string, FeatureDef>();
    const active = await this.active(bankId);
    for (const d of await this.rows(bankId))
      if (!newest.has(d.name)) newest.set(d.name, active.get(d.name) ?? d);
    const q = f.q?.toLowerCase();
    return [...newest.values()].filter(
      (d) =>
        (!q ||
          d.name.includes(q) ||
          d.titleZh.includes(f.q as string) ||
          d.titleEn.toLowerCase().includes(q)) &&
        (!f.kind || d.kind === f.kind) &&
        (!f.source || d.aggregate?.source === f.source) &&
        (!f.status || d.status === f.status),
    );
  }

  async get(bankId: string, name: string): Promise<{ current: FeatureDef; versions: FeatureDef[] }> {
    const versions = await this.rows(bankId, name);
    if (!versions.length) throw new NotFoundError('no such feature');
    const current = versions.find((v) => v.status === 'active') ?? (versions[0] as FeatureDef);
    return { current, versions };
  }

  private async known(bankId: string): Promise<Map<string, KnownFeature>> {
    const known = new Map<string, KnownFeature>();
    for (const [n, d] of await this.active(bankId)) known.set(n, { type: d.type, dependsOn: d.dependsOn });
    return known;
  }

  /** Version 1 of a new feature, or the next version of an existing one; checked before anything is stored. */
  async save(
    caller: Principal,
    name: string,
    draft: FeatureDraft,
    mode: 'create' | 'version',
  ): Promise<FeatureDef> {
    const bankId = caller.bankId;
    await this.ensureStandard(bankId);
    this.cache.delete(bankId);
    const existing = await this.rows(bankId, name);
    if (mode === 'create' && existing.length)
      throw new ConflictError('a feature of that name exists', 'FEATURE_EXISTS');
    if (mode === 'version' && !existing.length) throw new NotFoundError('no such feature');
    const deps = checkDraft(name, draft, await this.known(bankId));
    const version = (existing[0]?.version ?? 0) + 1;
    await this.ds.transaction(async (m) => {
      const [{ inserted }] = (await m.query(
        `SELECT COUNT(*) AS inserted FROM feature_def WHERE bank_id = ? AND name = ? AND version = ? FOR UPDATE`,
        [bankId, name, version],
      )) as [{ inserted: number }];
      if (Number(inserted))
        throw new ConflictError('someone saved a version meanwhile: reload', 'CONCURRENT_UPDATE');
      if (draft.status === 'active') {
        await m.query(
          `UPDATE feature_def SET status = 'retired' WHERE bank_id = ? AND name = ? AND status = 'active'`,
          [bankId, name],
        );
      }
      await m.query(
        `INSERT INTO feature_def (bank_id, name, version, title_zh, title_en, entity, value_type, unit,
           window_days, kind, aggregate_spec, expression, depends_on, description, status, owner_id, owner_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
        [
          bankId,
          name,
          version,
          draft.titleZh,
          draft.titleEn,
          draft.entity,
          draft.type,
          draft.unit,
          draft.windowDays,
          draft.kind,
          draft.kind === 'aggregate' ? JSON.stringify(draft.aggregate) : null,
          draft.kind === 'expression' ? draft.expression : null,
          deps.join(','),
          draft.description,
          draft.status,
          caller.userId,
          caller.displayName,
        ],
      );
    });
    this.cache.delete(bankId);
    return (await this.rows(bankId, name))[0] as FeatureDef;
  }

  /** The named features in use and everything their expressions need, in dependency order. */
  async resolve(bankId: string, names: string[] | null, extra?: FeatureDef): Promise<LoadedFeature[]> {
    const active = new Map(await this.active(bankId));
    if (extra) active.set(extra.name, extra);
    const ordered: LoadedFeature[] = [];
    const done = new Set<string>();
    const visiting = new Set<string>();
    const visit = (n: string) => {
      if (done.has(n)) return;
      const d = active.get(n);
      if (!d) throw new NotFoundError(`no such feature: ${n}`);
      if (visiting.has(n)) throw new InputError(`features make a cycle through ${n}`);
      visiting.add(n);
      for (const dep of d.dependsOn) visit(dep);
      visiting.delete(n);
      done.add(n);
      ordered.push(toLoaded(d));
    };
    for (const n of names ?? [...active.keys()]) visit(n);
    return ordered;
  }

  private async seqOf(bankId: string, ref: string, caller?: Principal): Promise<number | null> {
    const scope = caller ? scopeSql(caller, 'c') : { sql: '1 = 1', params: [] };
    const rows = (await this.ds.query(
      `SELECT c.seq FROM rm_customer c WHERE c.bank_id = ? AND c.customer_ref = ? AND ${scope.sql}`,
      [bankId, ref, ...scope.params],
    )) as { seq: number }[];
    return rows[0] ? Number(rows[0].seq) : null;
  }

  private pick(values: FeatureValues, names: string[] | null): FeatureValues {
    if (!names) return values;
    return Object.fromEntries(names.map((n) => [n, values[n] ?? null]));
  }

  /** One customer of the caller's bank as of a date; a customer risk has no facts for gets empty values. */
  async snapshot(caller: Principal, q: { subjectRef: string; names: string[]; asOf: string | Date }) {
    const features = await this.resolve(caller.bankId, q.names);
    const seq = await this.seqOf(caller.bankId, q.subjectRef);
    if (seq !== null) {
      const got = (await computeFeatures(this.ds, caller.bankId, { seqs: [seq] }, features, q.asOf)).get(seq);
      if (got) return this.pick(got.values, q.names);
    }
    return this.pick(await this.emptyValues(features, q.asOf), q.names);
  }

  /** What a customer without any row computes to (expressions over empty aggregates). */
  private async emptyValues(features: LoadedFeature[], asOf: string | Date): Promise<FeatureValues> {
    const { evaluateExpressionSync } = await import('@gorules/zen-engine');
    const d = asOfCutoff(asOf);
    const ctx: Record<string, unknown> = {
      customer: { birthYear: null, segment: null, regionCode: null, sinceYear: null },
      asOf: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
    };
    const values: FeatureValues = {};
    for (const f of features) {
      let v: FeatureValue = null;
      if (f.kind === 'aggregate') v = f.aggregate?.fn === 'count' || f.aggregate?.fn === 'sum' ? 0 : null;
      else {
        try {
          const r = evaluateExpressionSync(f.expression as string, ctx) as FeatureValue;
          v = r === undefined ? null : r;
        } catch {
          v = null;
        }
      }
      ctx[f.name] = v;
      values[f.name] = v;
    }
    return values;
  }

  /** Set-based: the features of a chunk of customers, a handful of GROUP BY queries in all. */
  async batch(bankId: string, who: BatchSelector, names: string[], asOf: string | Date) {
    const features = await this.resolve(bankId, names);
    let sel: SeqSelector;
    if ('refs' in who) {
      const rows = who.refs.length
        ? ((await this.ds.query('SELECT seq FROM rm_customer WHERE bank_id = ? AND customer_ref IN (?)', [
            bankId,
            who.refs,
          ])) as { seq: number }[])
        : [];
      sel = { seqs: rows.map((r) => Number(r.seq)) };
    } else sel = who;
    const out = new Map<string, FeatureValues>();
    for (const { customerRef, values } of (
      await computeFeatures(this.ds, bankId, sel, features, asOf)
    ).values()) {
      out.set(customerRef, this.pick(values, names));
    }
    if ('refs' in who) {
      const empty = await this.emptyValues(features, asOf);
      for (const ref of who.refs) if (!out.has(ref)) out.set(ref, this.pick(empty, names));
    }
    return out;
  }

  /**
   * A customer the caller may see, or 404: one whose org risk's read model knows is checked
   * against the caller's scope there; one risk knows no org of (or has never seen) is looked up in
   * the customer service with the caller's identity (it applies the caller's scope). Returns the
   * seq, or null for a customer risk has no facts about yet.
   */
  async requireCustomer(caller: Principal, customerRef: string): Promise<number | null> {
    const rows = (await this.ds.query(
      'SELECT seq, org_id FROM rm_customer WHERE bank_id = ? AND customer_ref = ?',
      [caller.bankId, customerRef],
    )) as { seq: number; org_id: string }[];
    const row = rows[0];
    if (row && row.org_id !== '') {
      if ((await this.seqOf(caller.bankId, customerRef, caller)) === null)
        throw new NotFoundError('no such customer');
      return Number(row.seq);
    }
    if (!this.lookup || !(await this.lookup(caller, customerRef)))
      throw new NotFoundError('no such customer');
    return row ? Number(row.seq) : null;
  }

  /** An analyst's look at one customer in their scope (404 outside it or unknown to risk). */
  async compute(caller: Principal, customerRef: string, asOf: string, names: string[] | null) {
    const seq = await this.requireCustomer(caller, customerRef);
    const features = await this.resolve(caller.bankId, names);
    const got =
      seq === null
        ? undefined
        : (await computeFeatures(this.ds, caller.bankId, { seqs: [seq] }, features, asOf)).get(seq);
    return this.pick(got?.values ?? (await this.emptyValues(features, asOf)), names);
  }

  /** A draft evaluated for one customer (nothing stored): its value and the features it used. */
  async test(caller: Principal, name: string, draft: FeatureDraft, customerRef: string, asOf: string) {
    const known = await this.known(caller.bankId);
    known.delete(name);
    const deps = checkDraft(name, draft, known);
    const def: FeatureDef = {
      name,
      version: 0,
      ...draft,
      aggregate: draft.kind === 'aggregate' ? (draft.aggregate ?? null) : null,
      expression: draft.kind === 'expression' ? (draft.expression ?? null) : null,
      dependsOn: deps,
      ownerId: caller.userId,
      ownerName: caller.displayName,
      createdAt: new Date().toISOString(),
    };
    const seq = await this.requireCustomer(caller, customerRef);
    const features = await this.resolve(caller.bankId, [name], def);
    const got =
      seq === null
        ? undefined
        : (await computeFeatures(this.ds, caller.bankId, { seqs: [seq] }, features, asOf)).get(seq);
    const values = got?.values ?? (await this.emptyValues(features, asOf));
    return {
      value: values[name] ?? null,
      inputs: Object.fromEntries(deps.map((d) => [d, values[d] ?? null])),
    };
  }

  /** A feature over the bank's population as of a date: every customer, or a sample by seq stride. */
  async distribution(bankId: string, name: string, asOf: string, bins: number): Promise<FeatureHistogram> {
    const features = await this.resolve(bankId, [name]);
    const def = features[features.length - 1] as LoadedFeature;
    const [{ n, top }] = (await this.ds.query(
      'SELECT COUNT(*) AS n, COALESCE(MAX(seq), 0) AS top FROM rm_customer WHERE bank_id = ?',
      [bankId],
    )) as [{ n: number; top: number }];
    const population = Number(n);
    const maxSeq = Number(top);
    const stride = population > SAMPLE ? Math.ceil(maxSeq / SAMPLE) : 1;
    const values: FeatureValue[] = [];
    for (let from = 1; from <= maxSeq; from += CHUNK * stride) {
      const chunk = await computeFeatures(
        this.ds,
        bankId,
        { fromSeq: from, toSeq: Math.min(maxSeq, from + CHUNK * stride - 1), stride },
        features,
        asOf,
      );
      for (const c of chunk.values()) values.push(c.values[name] ?? null);
    }
    const present = values.filter((v) => v !== null);
    const nums = present.filter((v): v is number => typeof v === 'number');
    const base = {
      name,
      version: def.version,
      asOf,
      population,
      sampled: values.length,
      nulls: values.length - present.length,
    };
    if (def.type === 'number' && nums.length === present.length) {
      if (!nums.length) return { ...base, bins: [], min: null, max: null, mean: null };
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      let sum = 0;
      for (const v of nums) {
        if (v < min) min = v;
        if (v > max) max = v;
        sum += v;
      }
      const width = max > min ? (max - min) / bins : 1;
      const counts = new Array<number>(max > min ? bins : 1).fill(0);
      for (const v of nums) counts[Math.min(counts.length - 1, Math.floor((v - min) / width))]! += 1;
      return {
        ...base,
        bins: counts.map((count, i) => ({
          from: min + i * width,
          to: min + (i + 1) * width,
          label: null,
          count,
        })),
        min,
        max,
        mean: sum / nums.length,
      };
    }
    const byLabel = new Map<string, number>();
    for (const v of present) byLabel.set(String(v), (byLabel.get(String(v)) ?? 0) + 1);
    return {
      ...base,
      bins: [...byLabel.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 30)
        .map(([label, count]) => ({ from: null, to: null, label, count })),
      min: null,
      max: null,
      mean: null,
    };
  }
}
