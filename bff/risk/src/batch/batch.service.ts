import { randomUUID } from 'node:crypto';
import {
  BATCH_EXPORT_PART_ROWS,
  type BatchProgress,
  type BatchRun,
  type BatchSummary,
  fromFen,
  type NewBatchRun,
  orgTreeCall,
  type Principal,
} from '@zhanye/contracts';
import {
  type Actor,
  type Bus,
  ConflictError,
  callService,
  ForbiddenError,
  InputError,
  type Logger,
} from '@zhanye/kit';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import type { Flows } from '../ports.ts';
import {
  batchWorkflow,
  guard,
  listRuns,
  populationSql,
  type RunRow,
  readRun,
  readVisibleRun,
  toRun,
} from './batch.store.ts';
import type { BatchWork } from './batch.work.ts';

const BANK_WIDE = new Set(['bank', 'all']);

/** Limit bands of the summary's histogram, in yuan (the last is open ended). */
const BANDS_YUAN = [0, 10_000, 30_000, 50_000, 100_000, 200_000];

export class BatchService {
  constructor(
    private readonly ds: DataSource,
    private readonly work: BatchWork,
    private readonly flows: Pick<Flows, 'compile'>,
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {}

  /** Names of the caller's bank's orgs, from the platform; empty when it is away. */
  private async orgNames(caller: Principal): Promise<Map<string, string>> {
    try {
      const { orgs } = await callService(this.bus, orgTreeCall, {}, caller, 'risk');
      return new Map(orgs.map((o) => [o.id, o.name]));
    } catch (err) {
      this.log.debug({ err }, 'org names not available');
      return new Map();
    }
  }

  /** Picks the population, pins the flow version, queues the chunks; an empty population is done at once. */
  async create(actor: Actor, input: NewBatchRun): Promise<BatchRun> {
    const caller = actor.caller;
    const bankRoot = `/${caller.bankId}/`;
    let orgPath = input.orgPath ?? null;
    if (!BANK_WIDE.has(caller.dataScope)) orgPath ??= caller.orgPath;
    if (orgPath !== null) {
      if (!orgPath.startsWith(bankRoot)) {
        throw new InputError('the branch is not in your bank', {
          orgPath: ['the branch is not in your bank'],
        });
      }
      if (!BANK_WIDE.has(caller.dataScope) && !orgPath.startsWith(caller.orgPath)) {
        throw new ForbiddenError('the branch is outside your data scope');
      }
    }
    if (input.tag) {
      // TODO: customer tags are the customer domain's (its issue); risk's read model has none yet
      throw new InputError('picking customers by tag is not possible yet', {
        tag: ['risk’s read model has no customer tags yet'],
      });
    }
    // 404 when the flow or version does not exist
    const flow = await this.flows.compile(caller.bankId, input.flowName, input.flowVersion);
    const id = randomUUID();
    const pop = populationSql({
      bank_id: caller.bankId,
      pop_org_path: orgPath,
      pop_segment: input.segment ?? null,
      pop_tag: input.tag ?? null,
    });
    const [range] = await this.ds.query(
      `SELECT COUNT(*) AS n, MIN(c.seq) AS lo, MAX(c.seq) AS hi FROM rm_customer c WHERE ${pop.sql}`,
      pop.params,
    );
    const total = Number(range.n);
    const minSeq = total ? Number(range.lo) : 0;
    const maxSeq = total ? Number(range.hi) : -1;
    const chunkSize = this.work.opts.chunkSize;
    const chunksTotal = total ? Math.ceil((maxSeq - minSeq + 1) / chunkSize) : 0;
    await this.ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO batch_run (id, bank_id, org_id, org_path, owner_id, status, version, flow_name, flow_version,
           flow_hash, as_of, pop_org_path, pop_segment, pop_tag, min_seq, max_seq, chunk_size, chunks_total, total,
           created_by_name, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'queued', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
        [
          id,
          caller.bankId,
          caller.orgId,
          caller.orgPath,
          caller.userId,
          flow.name,
          flow.version,
          flow.hash,
          input.asOf,
          orgPath,
          input.segment ?? null,
          input.tag ?? null,
          minSeq,
          maxSeq,
          chunkSize,
          chunksTotal,
          total,
          caller.displayName.slice(0, 64),
        ],
      );
      await batchWorkflow.start({
        m,
        row: { id, bankId: caller.bankId, status: 'queued', version: 1 },
        actor,
        snapshot: { ...input, orgPath, flowVersion: flow.version, flowHash: flow.hash, total },
      });
    });
    let run = (await readRun(this.ds, id))!;
    if (total === 0) {
      run =
        (await this.work.systemTransition(
          id,
          'complete',
          { started_at: new Date(), finished_at: new Date() },
          'empty population',
        )) ?? run;
    } else {
      await this.work.publishChunks(run);
      run =
        (await this.work.systemTransition(id, 'start', { started_at: new Date() })) ??
        (await readRun(this.ds, id))!;
    }
    return toRun(run, caller);
  }

  async list(caller: Principal, input: { status?: string | undefined; page: number; pageSize: number }) {
    const { rows, total } = await listRuns(this.ds, caller, input);
    return {
      items: rows.map((r) => {
        const { progress: _p, actions: _a, ...row } = toRun(r, caller);
        return row;
      }),
      total,
      page: input.page,
      pageSize: input.pageSize,
    };
  }

  async get(caller: Principal, id: string): Promise<BatchRun> {
    const run = await readVisibleRun(this.ds, caller, id);
    return toRun(run, caller, await this.progress(caller, id, run));
  }

  /** From the KV bucket while it is current, else from the run's own counters. */
  async progress(caller: Principal, id: string, known?: RunRow): Promise<BatchProgress> {
    const run = known ?? (await readVisibleRun(this.ds, caller, id));
    const kv = await this.work.progress(id);
    const fresh = toRun(run, caller).progress;
    if (kv && kv.status === run.status && kv.processed >= run.processed) return kv;
    return fresh;
  }

  /** Pause, resume, cancel: the machine's transition, then the chunks withdrawn or queued again. */
  async command(actor: Actor, command: 'pause' | 'resume' | 'cancel', id: string, version: number) {
    guard(command, actor.caller);
    const before = await readVisibleRun(this.ds, actor.caller, id);
    if (before.version !== version) {
      throw new ConflictError('the run was changed by someone else; reload it', 'CONCURRENT_UPDATE');
    }
    await this.ds.transaction(async (m) => {
      const row = await readRun(m, id, true);
      if (!row || row.version !== version) {
        throw new ConflictError('the run was changed by someone else; reload it', 'CONCURRENT_UPDATE');
      }
      await batchWorkflow.transition({
        m,
        row: { id, bankId: row.bank_id, status: row.status, version: row.version },
        command,
        actor,
        patch: {
          updated_at: new Date(),
          ...(command === 'resume' ? { generation: row.generation + 1 } : {}),
        },
        snapshot: { processed: row.processed, approved: row.approved, refused: row.refused },
      });
    });
    if (command === 'resume') await this.work.publishChunks((await readRun(this.ds, id))!);
    else await this.work.withdrawChunks(id);
    const after = (await readRun(this.ds, id))!;
    await this.work.putProgress(after, true);
    return { before: toRun(before, actor.caller), after: toRun(after, actor.caller) };
  }

  async results(
    caller: Principal,
    input: { id: string; approved?: 'yes' | 'no' | undefined; page: number; pageSize: number },
  ) {
    const run = await readVisibleRun(this.ds, caller, input.id);
    const where = ['run_id = ?'];
    const params: unknown[] = [run.id];
    if (input.approved) {
      where.push('approved = ?');
      params.push(input.approved === 'yes' ? 1 : 0);
    }
    const [count] = await this.ds.query(
      `SELECT COUNT(*) AS n FROM batch_result WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows: ResultRow[] = await this.ds.query(
      `SELECT customer_ref, org_path, approved, limit_fen, spread_bps, grade, reason FROM batch_result
        WHERE ${where.join(' AND ')} ORDER BY customer_ref LIMIT ? OFFSET ?`,
      [...params, input.pageSize, (input.page - 1) * input.pageSize],
    );
    return { items: rows.map(toResult), total: Number(count.n), page: input.page, pageSize: input.pageSize };
  }

  async summary(caller: Principal, id: string): Promise<BatchSummary> {
    const run = await readVisibleRun(this.ds, caller, id);
    const [totals] = await this.ds.query(
      `SELECT COUNT(*) AS n, COALESCE(SUM(approved), 0) AS approved, COALESCE(SUM(limit_fen), 0) AS limit_fen
         FROM batch_result WHERE run_id = ?`,
      [run.id],
    );
    const bandCase = BANDS_YUAN.map((y, i) => `WHEN limit_fen >= ${y * 100} THEN ${i}`)
      .reverse()
      .join(' ');
    const bands: { band: number; n: number }[] = await this.ds.query(
      `SELECT CASE ${bandCase} END AS band, COUNT(*) AS n FROM batch_result
        WHERE run_id = ? AND approved = 1 GROUP BY band`,
      [run.id],
    );
    const grades: { grade: string | null; n: number }[] = await this.ds.query(
      'SELECT grade, COUNT(*) AS n FROM batch_result WHERE run_id = ? GROUP BY grade ORDER BY grade',
      [run.id],
    );
    // a branch is the org path's first three levels: /bank/hq/branch/
    const branches: { branch: string; approved: number; n: number; limit_fen: number }[] =
      await this.ds.query(
        `SELECT CONCAT(SUBSTRING_INDEX(org_path, '/', 4), '/') AS branch, SUM(approved) AS approved, COUNT(*) AS n,
              SUM(limit_fen) AS limit_fen
         FROM batch_result WHERE run_id = ? GROUP BY branch ORDER BY branch`,
        [run.id],
      );
    const approved = Number(totals.approved);
    const names = branches.length ? await this.orgNames(caller) : new Map<string, string>();
    return {
      total: Number(totals.n),
      approved,
      refused: Number(totals.n) - approved,
      limitTotal: fromFen(Number(totals.limit_fen)),
      limitHistogram: BANDS_YUAN.map((y, i) => ({
        from: fromFen(y * 100),
        to: i + 1 < BANDS_YUAN.length ? fromFen(BANDS_YUAN[i + 1]! * 100) : null,
        count: Number(bands.find((b) => Number(b.band) === i)?.n ?? 0),
      })),
      grades: grades.map((g) => ({ grade: g.grade ?? '', count: Number(g.n) })),
      byBranch: branches.map((b) => ({
        orgPath: b.branch,
        orgName: names.get(b.branch.split('/').filter(Boolean).pop() ?? '') ?? null,
        approved: Number(b.approved),
        refused: Number(b.n) - Number(b.approved),
        limitTotal: fromFen(Number(b.limit_fen)),
      })),
    };
  }

  /** The pre-approved list, `BATCH_EXPORT_PART_ROWS` rows per part, as XLSX (exceljs streaming) or CSV. */
  async export(caller: Principal, input: { id: string; format: 'xlsx' | 'csv'; part: number }) {
    const run = await readVisibleRun(this.ds, caller, input.id);
    const [count] = await this.ds.query(
      'SELECT COUNT(*) AS n FROM batch_result WHERE run_id = ? AND approved = 1',
      [run.id],
    );
    const parts = Math.max(1, Math.ceil(Number(count.n) / BATCH_EXPORT_PART_ROWS));
    if (input.part > parts) throw new InputError('no such part', { part: [`at most ${parts}`] });
    const rows: ResultRow[] = await this.ds.query(
      `SELECT customer_ref, org_path, approved, limit_fen, spread_bps, grade, reason FROM batch_result
        WHERE run_id = ? AND approved = 1 ORDER BY customer_ref LIMIT ? OFFSET ?`,
      [run.id, BATCH_EXPORT_PART_ROWS, (input.part - 1) * BATCH_EXPORT_PART_ROWS],
    );
    const header = ['客户', '机构', '预授信额度(元)', '利率加点(bp)', '评级'];
    const values = rows.map((r) => [
      r.customer_ref,
      r.org_path,
      fromFen(Number(r.limit_fen)),
      r.spread_bps === null ? '' : Number(r.spread_bps),
      r.grade ?? '',
    ]);
    const base = `预授信名单-${run.as_of}-${run.id.slice(0, 8)}${parts > 1 ? `-${input.part}of${parts}` : ''}`;
    if (input.format === 'csv') {
      const cell = (v: unknown) => {
        let s = String(v);
        if (/^[=+\-@]/.test(s)) s = `'${s}`;
        return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      };
      const text = `\uFEFF${[header, ...values].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
      return {
        filename: `${base}.csv`,
        mime: 'text/csv; charset=utf-8',
        base64: Buffer.from(text, 'utf8').toString('base64'),
        part: input.part,
        parts,
      };
    }
    const chunks: Buffer[] = [];
    const { PassThrough } = await import('node:stream');
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: sink,
      useStyles: false,
      useSharedStrings: false,
    });
    const ws = wb.addWorksheet('预授信名单');
    ws.addRow(header).commit();
    for (const v of values) ws.addRow(v).commit();
    ws.commit();
    await wb.commit();
    return {
      filename: `${base}.xlsx`,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: Buffer.concat(chunks).toString('base64'),
      part: input.part,
      parts,
    };
  }
}

interface ResultRow {
  customer_ref: string;
  org_path: string;
  approved: number;
  limit_fen: number | string;
  spread_bps: number | null;
  grade: string | null;
  reason: string | null;
}

const toResult = (r: ResultRow) => ({
  customerRef: r.customer_ref,
  orgPath: r.org_path,
  approved: Number(r.approved) === 1,
  limit: fromFen(Number(r.limit_fen)),
  spreadBps: r.spread_bps === null ? null : Number(r.spread_bps),
  grade: r.grade,
  reason: r.reason,
});
