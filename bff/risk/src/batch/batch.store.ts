import {
  type BatchProgress,
  type BatchRun,
  type BatchRunState,
  batchRunGuards,
  batchRunMachine,
  commandsFrom,
  type Principal,
} from '@zhanye/contracts';
import { type Actor, ForbiddenError, NotFoundError, scopeSql, Workflow } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';

/** A batch run as stored (`batch_run`). */
export interface RunRow {
  id: string;
  bank_id: string;
  org_id: string;
  org_path: string;
  owner_id: string;
  status: BatchRunState;
  version: number;
  flow_name: string;
  flow_version: number;
  flow_hash: string;
  as_of: string;
  pop_org_path: string | null;
  pop_segment: string | null;
  pop_tag: string | null;
  min_seq: number;
  max_seq: number;
  chunk_size: number;
  chunks_total: number;
  chunks_done: number;
  generation: number;
  total: number;
  processed: number;
  approved: number;
  refused: number;
  created_by_name: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

const RUN_COLUMNS = `id, bank_id, org_id, org_path, owner_id, status, version, flow_name, flow_version, flow_hash,
  DATE_FORMAT(as_of, '%Y-%m-%d') AS as_of, pop_org_path, pop_segment, pop_tag, min_seq, max_seq, chunk_size,
  chunks_total, chunks_done, generation, total, processed, approved, refused, created_by_name, created_at,
  started_at, finished_at, updated_at`;

/** The one way a run's status changes (the declared machine, evidence in `workflow_step`). */
export const batchWorkflow = new Workflow(batchRunMachine, {
  domain: 'risk',
  aggregate: 'batch_run',
  table: 'batch_run',
});

/** The service acting by itself (starting, completing, settling a run), for the evidence. */
export function systemActor(bankId: string): Actor {
  const caller: Principal = {
    userId: 'system:risk-batch',
    username: 'system',
    displayName: '批量授信服务',
    bankId,
    bankName: '',
    orgId: 'system',
    orgPath: `/${bankId}/`,
    orgName: '',
    roles: [],
    permissions: [],
    dataScope: 'bank',
  };
  return { caller, clientIp: null };
}

/** Which runs a caller sees: the kit's data scope over the run's own columns (its creator's bank, org, self). */
export function visibleRunsSql(caller: Principal, alias = 'r'): { sql: string; params: unknown[] } {
  return scopeSql(caller, alias);
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The population's filter over `rm_customer` (alias `c`). */
export function populationSql(run: Pick<RunRow, 'bank_id' | 'pop_org_path' | 'pop_segment' | 'pop_tag'>) {
  const where = ['c.bank_id = ?'];
  const params: unknown[] = [run.bank_id];
  if (run.pop_org_path) {
    where.push('c.org_path LIKE ?');
    params.push(`${escapeLike(run.pop_org_path)}%`);
  }
  if (run.pop_segment) {
    where.push('c.segment = ?');
    params.push(run.pop_segment);
  }
  return { sql: where.join(' AND '), params };
}

export async function readRun(
  m: DataSource | EntityManager,
  id: string,
  lock = false,
): Promise<RunRow | null> {
  const rows: RunRow[] = await m.query(
    `SELECT ${RUN_COLUMNS} FROM batch_run WHERE id = ?${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? normalise(rows[0]) : null;
}

export async function readVisibleRun(ds: DataSource, caller: Principal, id: string): Promise<RunRow> {
  const scope = visibleRunsSql(caller);
  const rows: RunRow[] = await ds.query(
    `SELECT ${RUN_COLUMNS} FROM batch_run r WHERE r.id = ? AND ${scope.sql}`,
    [id, ...scope.params],
  );
  if (!rows[0]) throw new NotFoundError('no such batch run');
  return normalise(rows[0]);
}

export async function listRuns(
  ds: DataSource,
  caller: Principal,
  input: { status?: string | undefined; page: number; pageSize: number },
): Promise<{ rows: RunRow[]; total: number }> {
  const scope = visibleRunsSql(caller);
  const where = [scope.sql];
  const params = [...scope.params];
  if (input.status) {
    where.push('r.status = ?');
    params.push(input.status);
  }
  const [count] = await ds.query(
    `SELECT COUNT(*) AS n FROM batch_run r WHERE ${where.join(' AND ')}`,
    params,
  );
  const rows: RunRow[] = await ds.query(
    `SELECT ${RUN_COLUMNS} FROM batch_run r WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`,
    [...params, input.pageSize, (input.page - 1) * input.pageSize],
  );
  return { rows: rows.map(normalise), total: Number(count.n) };
}

function normalise(r: RunRow): RunRow {
  for (const k of [
    'version',
    'flow_version',
    'min_seq',
    'max_seq',
    'chunk_size',
    'chunks_total',
    'chunks_done',
    'generation',
    'total',
    'processed',
    'approved',
    'refused',
  ] as const) {
    r[k] = Number(r[k]);
  }
  return r;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Progress from the run's own counters (the KV bucket holds the same, pushed as chunks commit). */
export function progressOf(run: RunRow, now = Date.now()): BatchProgress {
  const started = run.started_at ? new Date(run.started_at).getTime() : null;
  const end = run.finished_at ? new Date(run.finished_at).getTime() : now;
  const seconds = started ? Math.max(0.001, (end - started) / 1000) : 0;
  const ratePerSec = started && run.processed > 0 ? Math.round((run.processed / seconds) * 10) / 10 : 0;
  const left = Math.max(0, run.total - run.processed);
  const live = run.status === 'running' || run.status === 'queued';
  return {
    status: run.status,
    total: run.total,
    processed: run.processed,
    approved: run.approved,
    refused: run.refused,
    ratePerSec,
    etaSeconds: live && ratePerSec > 0 ? Math.ceil(left / ratePerSec) : null,
    updatedAt: new Date(now).toISOString(),
  };
}

/** The commands this caller may issue on the run now (machine and permission guards). */
export function actionsFor(run: RunRow, caller: Principal): ('pause' | 'resume' | 'cancel')[] {
  return commandsFrom(batchRunMachine, run.status).filter(
    (c): c is 'pause' | 'resume' | 'cancel' =>
      batchRunGuards[c] !== 'system' && caller.permissions.includes(batchRunGuards[c]),
  );
}

/** A person's command: refused unless their permission guards it (the endpoint checks it too). */
export function guard(command: 'pause' | 'resume' | 'cancel', caller: Principal) {
  const need = batchRunGuards[command];
  if (need === 'system' || !caller.permissions.includes(need)) {
    throw new ForbiddenError(`"${command}" needs ${need}`);
  }
}

export function toRun(run: RunRow, caller: Principal, progress?: BatchProgress): BatchRun {
  return {
    id: run.id,
    status: run.status,
    flowName: run.flow_name,
    flowVersion: run.flow_version,
    flowHash: run.flow_hash,
    asOf: run.as_of,
    orgPath: run.pop_org_path,
    segment: run.pop_segment,
    tag: run.pop_tag,
    total: run.total,
    processed: run.processed,
    approved: run.approved,
    refused: run.refused,
    chunksTotal: run.chunks_total,
    chunksDone: run.chunks_done,
    emptyPopulation: run.total === 0 && run.status === 'done',
    ownerId: run.owner_id,
    createdByName: run.created_by_name,
    createdAt: iso(run.created_at) ?? '',
    startedAt: iso(run.started_at),
    finishedAt: iso(run.finished_at),
    version: run.version,
    progress: progress ?? progressOf(run),
    actions: actionsFor(run, caller),
  };
}
