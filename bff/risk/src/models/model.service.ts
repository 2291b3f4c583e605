import type { ModelMonitoring, ModelStatus, Principal, RiskModel } from '@zhanye/contracts';
import { ConflictError, ForbiddenError, NotFoundError } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { psi, psiCategorical } from './psi.ts';

interface ModelRow {
  code: string;
  name: string;
  name_en: string;
  kind: string;
  stage: string;
  flow_name: string | null;
  score_field: string | null;
  watched: string;
  owner: string;
  status: string;
  description: string;
  row_version: number;
  updated_at: Date;
  updated_by: string | null;
}

/**
 * A version's baseline: its first runs, at most half of them and at most this many; the recent sample:
 * its latest runs in the window, at most the rest and at most `RECENT_RUNS`.
 */
export const BASELINE_RUNS = 1000;
export const RECENT_RUNS = 2000;
const DAY_MS = 86_400_000;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Reads a dotted path (`a.b`) of a run's output, input or features. */
function pick(source: Record<string, unknown>, path: string): unknown {
  let v: unknown = source;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

export class ModelService {
  constructor(private readonly ds: DataSource) {}

  private toModel(r: ModelRow, versions: Map<string, number>): RiskModel {
    return {
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      kind: r.kind as RiskModel['kind'],
      stage: r.stage as RiskModel['stage'],
      flowName: r.flow_name,
      flowVersion: r.flow_name ? (versions.get(r.flow_name) ?? null) : null,
      scoreField: r.score_field,
      watched: JSON.parse(r.watched) as string[],
      owner: r.owner,
      status: r.status as ModelStatus,
      description: r.description,
      updatedAt: new Date(r.updated_at).toISOString(),
      updatedBy: r.updated_by,
    };
  }

  /** The stable version answering each flow for the caller: the bank's own, else the union's. */
  private async answering(caller: Principal): Promise<Map<string, number>> {
    const rows: { bank_id: string; name: string; stable_version: number | null }[] = await this.ds.query(
      "SELECT bank_id, name, stable_version FROM flow WHERE bank_id IN ('*', ?) AND stable_version IS NOT NULL",
      [caller.bankId],
    );
    const out = new Map<string, number>();
    for (const r of rows.filter((r) => r.bank_id === '*')) out.set(r.name, Number(r.stable_version));
    for (const r of rows.filter((r) => r.bank_id !== '*')) out.set(r.name, Number(r.stable_version));
    return out;
  }

  async list(caller: Principal): Promise<{ items: RiskModel[] }> {
    const [rows, versions] = await Promise.all([
      this.ds.query('SELECT * FROM risk_model ORDER BY FIELD(stage, ?, ?, ?, ?, ?), code', [
        'marketing',
        'application',
        'approval',
        'drawdown',
        'postLoan',
      ]) as Promise<ModelRow[]>,
      this.answering(caller),
    ]);
    return { items: rows.map((r) => this.toModel(r, versions)) };
  }

  private async row(code: string): Promise<ModelRow> {
    const [row]: ModelRow[] = await this.ds.query('SELECT * FROM risk_model WHERE code = ?', [code]);
    if (!row) throw new NotFoundError('model not found');
    return row;
  }

  async get(caller: Principal, code: string): Promise<RiskModel> {
    return this.toModel(await this.row(code), await this.answering(caller));
  }

  /** Owner, status and description: the union's risk staff keep the register (it is every bank's). */
  async update(
    caller: Principal,
    input: { code: string; owner: string; status: ModelStatus; description: string },
  ): Promise<{ before: RiskModel; after: RiskModel }> {
    if (caller.dataScope !== 'all') {
      throw new ForbiddenError('the models register is kept by the union’s risk staff', 'UNION_ONLY');
    }
    const before = await this.get(caller, input.code);
    const row = await this.row(input.code);
    const res = await this.ds.query(
      `UPDATE risk_model SET owner = ?, status = ?, description = ?, row_version = row_version + 1,
         updated_at = UTC_TIMESTAMP(3), updated_by = ? WHERE code = ? AND row_version = ?`,
      [input.owner, input.status, input.description, caller.displayName, input.code, row.row_version],
    );
    if ((res as { affectedRows: number }).affectedRows !== 1) {
      throw new ConflictError('the model was changed by someone else; reload it', 'CONCURRENT_UPDATE');
    }
    return { before, after: await this.get(caller, input.code) };
  }

  /**
   * Per day and flow version: runs, approvals and refusals (verdict flows); per version: PSI of the
   * score and each watched field, its first `BASELINE_RUNS` runs against its latest runs in the
   * window. The caller's bank's runs (union staff: every bank's).
   */
  async monitoring(
    caller: Principal,
    input: { code: string; from?: string; to?: string },
  ): Promise<ModelMonitoring> {
    const model = await this.get(caller, input.code);
    const to = new Date(`${input.to ?? day(new Date())}T00:00:00Z`);
    const from = input.from ? new Date(`${input.from}T00:00:00Z`) : new Date(to.getTime() - 29 * DAY_MS);
    const out: ModelMonitoring = { code: model.code, from: day(from), to: day(to), daily: [], psi: [] };
    if (!model.flowName) return out;
    const bank = caller.dataScope === 'all' ? '' : ' AND bank_id = ?';
    const bankArg = caller.dataScope === 'all' ? [] : [caller.bankId];
    const end = new Date(to.getTime() + DAY_MS);
    const daily: { d: string; v: number; runs: number; approved: number; refused: number }[] =
      await this.ds.query(
        `SELECT DATE_FORMAT(created_at, '%Y-%m-%d') AS d, graph_version AS v, COUNT(*) AS runs,
              SUM(outcome = 'pass') AS approved, SUM(outcome = 'refuse') AS refused
         FROM decision_run
        WHERE graph_key = ?${bank} AND created_at >= ? AND created_at < ?
        GROUP BY d, v ORDER BY d, v`,
        [model.flowName, ...bankArg, from, end],
      );
    out.daily = daily.map((r) => ({
      day: r.d,
      version: Number(r.v),
      runs: Number(r.runs),
      approved: Number(r.approved ?? 0),
      refused: Number(r.refused ?? 0),
    }));
    const variables = [
      ...(model.scoreField ? [['score', model.scoreField] as const] : []),
      ...model.watched.map((w) => [w, w] as const),
    ];
    if (variables.length === 0) return out;
    for (const version of [...new Set(out.daily.map((r) => r.version))].sort((a, b) => a - b)) {
      const sample = (order: 'ASC' | 'DESC', limit: number, inWindow: boolean) =>
        this.ds.query(
          `SELECT input, features, output FROM decision_run
            WHERE graph_key = ? AND graph_version = ?${bank}${inWindow ? ' AND created_at >= ? AND created_at < ?' : ''}
            ORDER BY created_at ${order} LIMIT ${limit}`,
          [model.flowName, version, ...bankArg, ...(inWindow ? [from, end] : [])],
        ) as Promise<{ input: string; features: string | null; output: string }[]>;
      // the baseline is the version's first runs (at most half of them, so the two never overlap)
      const [{ n }] = await this.ds.query(
        `SELECT COUNT(*) AS n FROM decision_run WHERE graph_key = ? AND graph_version = ?${bank}`,
        [model.flowName, version, ...bankArg],
      );
      const baselineSize = Math.min(BASELINE_RUNS, Math.floor(Number(n) / 2));
      const [base, recent] = await Promise.all([
        sample('ASC', baselineSize, false),
        sample('DESC', Math.min(RECENT_RUNS, Number(n) - baselineSize), true),
      ]);
      const values = (rows: typeof base, path: string, score: boolean) =>
        rows.map((r) => {
          const output = JSON.parse(r.output) as Record<string, unknown>;
          const features = r.features ? (JSON.parse(r.features) as Record<string, unknown>) : {};
          const input = JSON.parse(r.input) as Record<string, unknown>;
          // the score is what the model answers (an output) unless the model monitors an input
          return score
            ? (pick(output, path) ?? pick(features, path) ?? pick(input, path))
            : (pick(features, path) ?? pick(input, path) ?? pick(output, path));
        });
      for (const [variable, path] of variables) {
        const score = variable === 'score';
        const b = values(base, path, score).filter((v) => v !== undefined && v !== null);
        const a = values(recent, path, score).filter((v) => v !== undefined && v !== null);
        const numeric = b.every((v) => typeof v === 'number') && a.every((v) => typeof v === 'number');
        const r = numeric ? psi(b as number[], a as number[]) : psiCategorical(b.map(String), a.map(String));
        out.psi.push({
          version,
          variable,
          psi: r.psi,
          level: r.level,
          baselineN: b.length,
          actualN: a.length,
          bins: r.bins,
        });
      }
    }
    return out;
  }
}
