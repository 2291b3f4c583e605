import { hostname } from 'node:os';
import { AckPolicy, DeliverPolicy, type JsMsg, RetentionPolicy } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { type BatchProgress, fromFen, Permissions, preapprovedListed } from '@zhanye/contracts';
import {
  appendEvent,
  type Bus,
  ConflictError,
  LoggedCondition,
  type Logger,
  pushNotice,
  toAppError,
} from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { BatchFeatures, CompiledFlow, Flows } from '../ports.ts';
import {
  batchWorkflow,
  populationSql,
  progressOf,
  type RunRow,
  readRun,
  systemActor,
} from './batch.store.ts';

/** The features the pre-approval flows read (the flow's input). */
export const BATCH_FEATURES = [
  'segment',
  'annualIncomeFen',
  'depositAvgFen',
  'overdueDaysMax',
  'yearsWithBank',
];

export interface BatchWorkOptions {
  /** Customers (seq values) per chunk. */
  chunkSize: number;
  /** JetStream ack wait: how soon a dead copy's chunk goes to another copy. */
  ackWaitMs: number;
  /** Chunks a copy works on at once. */
  chunksInFlight: number;
  /** Evaluations in flight within a chunk (zen evaluates on its own threads). */
  evalConcurrency: number;
  /** Rows per multi-row INSERT. */
  insertRows: number;
  /** Least time between two progress writes of one run by one copy. */
  progressEveryMs: number;
}

export const DEFAULT_WORK: BatchWorkOptions = {
  chunkSize: 4000,
  ackWaitMs: 30_000,
  chunksInFlight: 3,
  evalConcurrency: 32,
  insertRows: 1000,
  progressEveryMs: 250,
};

/** Tuning from the environment (`ZY_BATCH_CHUNK_SIZE`, `ZY_BATCH_EVAL_CONCURRENCY`, `ZY_BATCH_CHUNKS_IN_FLIGHT`, `ZY_BATCH_INSERT_ROWS`). */
export function workOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<BatchWorkOptions> {
  const out: Partial<BatchWorkOptions> = {};
  const n = (k: string) => {
    const v = Number(env[k]);
    return Number.isInteger(v) && v > 0 ? v : undefined;
  };
  const pick = {
    chunkSize: 'ZY_BATCH_CHUNK_SIZE',
    evalConcurrency: 'ZY_BATCH_EVAL_CONCURRENCY',
    chunksInFlight: 'ZY_BATCH_CHUNKS_IN_FLIGHT',
    insertRows: 'ZY_BATCH_INSERT_ROWS',
  } as const;
  for (const [key, name] of Object.entries(pick)) {
    const v = n(name);
    if (v !== undefined) out[key as keyof typeof pick] = v;
  }
  return out;
}

/** Deliveries of a chunk refused for good (unknown feature...) before its run fails. */
const PERMANENT_AFTER = 5;

/** The namespace's work-queue stream for batch chunks (named like the kit's `ZY_EVENTS_<NS>`). */
export const batchStreamName = (ns: string) => `ZY_RISK_BATCH_${ns.toUpperCase()}`;
/** The progress bucket (`KV_zy_<ns>_*` buckets are dropped with the namespace). */
export const batchProgressBucket = (ns: string) => `zy_${ns}_risk_batch`;
const runSubject = (bus: Bus, runId: string) => bus.subject(`work.risk.batch.${runId}`);

const ChunkMsg = z.object({
  runId: z.string(),
  chunk: z.number().int().nonnegative(),
  fromSeq: z.number(),
  toSeq: z.number(),
});
type ChunkMsg = z.infer<typeof ChunkMsg>;

export function chunkRange(run: Pick<RunRow, 'min_seq' | 'chunk_size'>, chunk: number) {
  const fromSeq = run.min_seq + chunk * run.chunk_size;
  return { fromSeq, toSeq: fromSeq + run.chunk_size - 1 };
}

interface Decided {
  ref: string;
  orgPath: string;
  managerId: string | null;
  approved: boolean;
  limitFen: number;
  spreadBps: number | null;
  grade: string | null;
  reason: string | null;
}

const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null);
const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : null);

/**
 * Batch credit on a JetStream work queue: one message per chunk (run, seq range), taken by a pull
 * consumer in every copy of the service. A chunk is committed (its `batch_chunk` row, its results
 * and the run's counters in one transaction) before it is acked; `batch_chunk`'s key lets only the
 * first commit of a chunk through, so a chunk redelivered after a copy died (ack wait), or queued
 * again by a resume while still in flight, changes nothing the second time.
 */
export class BatchWork {
  readonly opts: BatchWorkOptions;
  private kv!: KV;
  private stream!: string;
  private readonly flowCache = new Map<string, Promise<CompiledFlow>>();
  private readonly lastProgress = new Map<string, number>();
  readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private consumerStop: (() => Promise<void>) | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly ds: DataSource,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly features: BatchFeatures,
    private readonly flows: Pick<Flows, 'compile'>,
    opts: Partial<BatchWorkOptions> = {},
  ) {
    this.opts = { ...DEFAULT_WORK, ...workOptionsFromEnv(), ...opts };
  }

  /** Creates the stream, the consumer and the progress bucket if missing (every copy may). */
  async init() {
    this.stream = batchStreamName(this.bus.ns);
    const subjects = [this.bus.subject('work.risk.batch.>')];
    try {
      await this.bus.jsm.streams.info(this.stream);
    } catch {
      await this.bus.jsm.streams
        .add({
          name: this.stream,
          subjects,
          retention: RetentionPolicy.Workqueue,
          duplicate_window: 120_000_000_000,
        })
        .catch(async (e) => {
          await this.bus.jsm.streams.info(this.stream).catch(() => {
            throw e;
          });
        });
    }
    const durable = `${this.bus.ns}-risk-batch`;
    const ackWait = this.opts.ackWaitMs * 1_000_000;
    const existing = await this.bus.jsm.consumers.info(this.stream, durable).catch(() => undefined);
    if (!existing) {
      await this.bus.jsm.consumers
        .add(this.stream, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          max_deliver: -1,
          ack_wait: ackWait,
        })
        .catch(async (e) => {
          await this.bus.jsm.consumers.info(this.stream, durable).catch(() => {
            throw e;
          });
        });
    } else if (existing.config.ack_wait !== ackWait) {
      await this.bus.jsm.consumers.update(this.stream, durable, { ack_wait: ackWait });
    }
    this.kv = await new Kvm(this.bus.nc).create(batchProgressBucket(this.bus.ns), { history: 1 });
    return durable;
  }

  /** Starts taking chunks, and the sweeper that settles cancelled runs. */
  async start() {
    const durable = await this.init();
    const consumer = await this.bus.js.consumers.get(this.stream, durable);
    const messages = await consumer.consume({ max_messages: this.opts.chunksInFlight });
    const outage = new LoggedCondition(this.log, 'batch chunks');
    const inFlight = new Set<Promise<void>>();
    const done = (async () => {
      for await (const msg of messages) {
        const p = this.handle(msg)
          .then(() => outage.ok())
          .catch((e: unknown) => {
            outage.fail(e, { subject: msg.subject });
            try {
              msg.nak(1000);
            } catch {
              // the connection is gone: the chunk comes back after the ack wait
            }
          })
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
        if (inFlight.size >= this.opts.chunksInFlight) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    })().catch((e: unknown) => {
      // the connection was closed under it (a stopping or killed copy): its chunks come back to another copy
      this.log.warn({ err: e }, 'batch chunk consumer ended');
    });
    this.consumerStop = async () => {
      await messages.close();
      await done;
    };
    const every = Math.max(200, Math.min(2000, this.opts.ackWaitMs / 4));
    this.sweeper = setInterval(() => {
      this.sweep().catch((e: unknown) => this.log.warn({ err: e }, 'batch sweep failed'));
    }, every);
  }

  async stop() {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.consumerStop?.();
  }

  /** Queues the chunks of a run not committed yet (all of them for a new run). */
  async publishChunks(run: RunRow) {
    const done = new Set<number>(
      (
        (await this.ds.query('SELECT chunk_no FROM batch_chunk WHERE run_id = ?', [run.id])) as {
          chunk_no: number;
        }[]
      ).map((r) => Number(r.chunk_no)),
    );
    const subject = runSubject(this.bus, run.id);
    const pending: Promise<unknown>[] = [];
    for (let chunk = 0; chunk < run.chunks_total; chunk++) {
      if (done.has(chunk)) continue;
      const msg: ChunkMsg = { runId: run.id, chunk, ...chunkRange(run, chunk) };
      pending.push(
        this.bus.js.publish(subject, JSON.stringify(msg), { msgID: `${run.id}:${chunk}:g${run.generation}` }),
      );
      if (pending.length >= 64) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
  }

  /** Takes a run's queued chunks off the stream (pause, cancel); chunks in flight finish. */
  async withdrawChunks(runId: string) {
    await this.bus.jsm.streams.purge(this.stream, { filter: runSubject(this.bus, runId) });
  }

  async progress(runId: string): Promise<BatchProgress | null> {
    const e = await this.kv.get(runId).catch(() => null);
    if (e?.operation !== 'PUT') return null;
    return e.json<BatchProgress>();
  }

  async putProgress(run: RunRow, force = false) {
    const now = Date.now();
    const final = !['queued', 'running'].includes(run.status);
    if (!force && !final && now - (this.lastProgress.get(run.id) ?? 0) < this.opts.progressEveryMs) return;
    this.lastProgress.set(run.id, now);
    if (final) this.lastProgress.delete(run.id);
    const progress = progressOf(run, now);
    await this.kv
      .put(run.id, JSON.stringify(progress))
      .catch((e: unknown) => this.log.warn({ err: e, runId: run.id }, 'batch progress not written'));
    // live on the run's page: counts only (no customer), to the bank's batch readers
    try {
      pushNotice(this.bus, 'risk', {
        bankId: run.bank_id,
        to: { permission: Permissions.batchRead, orgPath: `/${run.bank_id}/` },
        type: 'risk.batch.progress',
        data: { ...progress, runId: run.id },
      });
    } catch (e) {
      this.log.warn({ err: e, runId: run.id }, 'batch progress not pushed');
    }
  }

  private flow(run: RunRow): Promise<CompiledFlow> {
    const key = `${run.bank_id}:${run.flow_name}@${run.flow_version}`;
    let f = this.flowCache.get(key);
    if (!f) {
      f = this.flows.compile(run.bank_id, run.flow_name, run.flow_version);
      f.catch(() => this.flowCache.delete(key));
      this.flowCache.set(key, f);
    }
    return f;
  }

  private async handle(msg: JsMsg) {
    let job: ChunkMsg;
    try {
      job = ChunkMsg.parse(msg.json());
    } catch (e) {
      this.log.error({ err: e, subject: msg.subject }, 'malformed batch chunk; terminated');
      msg.term('malformed');
      return;
    }
    const run = await readRun(this.ds, job.runId);
    // a paused or cancelled run's chunks were withdrawn; one still on its way is dropped (a resume queues it again)
    if (!run || (run.status !== 'queued' && run.status !== 'running')) {
      msg.ack();
      return;
    }
    const beat = setInterval(
      () => {
        try {
          msg.working();
        } catch {
          // the connection is gone
        }
      },
      Math.max(100, this.opts.ackWaitMs / 3),
    );
    try {
      const flow = await this.flow(run);
      if (flow.hash !== run.flow_hash) {
        await this.failRun(
          run.id,
          `the flow ${run.flow_name} v${run.flow_version} changed since the run started`,
        );
        msg.ack();
        return;
      }
      let decided: Decided[];
      try {
        decided = await this.decide(run, job, flow);
      } catch (e) {
        // a flow that needs a feature the factory does not know, or input it refuses: never succeeds
        // (a few tries first: a bank's feature catalogue being set up by another copy reads as unknown for a moment)
        const code = toAppError(e).code;
        if (code === 'NOT_FOUND' || code === 'CONFLICT' || code === 'BAD_REQUEST') {
          if (msg.info.deliveryCount < PERMANENT_AFTER) {
            msg.nak(2000);
            return;
          }
          await this.failRun(run.id, toAppError(e).message);
          msg.ack();
          return;
        }
        throw e;
      }
      const after = await this.commit(run, job, decided);
      msg.ack();
      if (after) await this.putProgress(after, after.chunks_done === after.chunks_total);
    } finally {
      clearInterval(beat);
    }
  }

  /** The chunk's members (the population filter over the seq range), their features, the flow's answers. */
  private async decide(run: RunRow, job: ChunkMsg, flow: CompiledFlow): Promise<Decided[]> {
    const pop = populationSql(run);
    const members: { customer_ref: string; org_path: string; manager_id: string | null }[] =
      await this.ds.query(
        `SELECT c.customer_ref, c.org_path, c.owner_id AS manager_id FROM rm_customer c
        WHERE ${pop.sql} AND c.seq BETWEEN ? AND ? ORDER BY c.seq`,
        [...pop.params, job.fromSeq, job.toSeq],
      );
    if (members.length === 0) return [];
    // the features the flow version declares, set-based for the chunk; the flow reads them under `features`
    const features = flow.features.length
      ? await this.features.batch(
          run.bank_id,
          { fromSeq: job.fromSeq, toSeq: job.toSeq },
          flow.features,
          run.as_of,
        )
      : new Map<string, Record<string, unknown>>();
    const out = new Array<Decided>(members.length);
    let next = 0;
    const lane = async () => {
      while (next < members.length) {
        const i = next++;
        const m = members[i]!;
        const input = flow.features.length ? { features: features.get(m.customer_ref) ?? {} } : {};
        const r = ((await flow.evaluate(input)) ?? {}) as Record<string, unknown>;
        const approved = r.approved === true;
        out[i] = {
          ref: m.customer_ref,
          orgPath: m.org_path,
          managerId: m.manager_id,
          approved,
          limitFen: approved ? Math.max(0, int(r.limitFen) ?? 0) : 0,
          spreadBps: int(r.spreadBps),
          grade: str(r.grade, 16),
          reason: str(r.reason, 255),
        };
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.evalConcurrency, members.length) }, lane));
    return out;
  }

  /**
   * One transaction: the chunk's row (only the first commit of a chunk gets past it), its results,
   * the pre-approved event, the run's counters (only while the run may still take results), and
   * the run's completion when this was its last chunk. Returns the run after, or null when the
   * chunk was committed before or the run no longer takes results.
   */
  private async commit(run: RunRow, job: ChunkMsg, decided: Decided[]): Promise<RunRow | null> {
    const approved = decided.filter((d) => d.approved);
    try {
      return await this.ds.transaction(async (m) => {
        const gate: { affectedRows: number } = await m.query(
          `INSERT IGNORE INTO batch_chunk (run_id, chunk_no, customers, approved, worker, done_at)
           VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
          [run.id, job.chunk, decided.length, approved.length, this.workerId],
        );
        if (gate.affectedRows === 0) return null;
        for (let i = 0; i < decided.length; i += this.opts.insertRows) {
          const slice = decided.slice(i, i + this.opts.insertRows);
          const params: unknown[] = [];
          for (const d of slice) {
            params.push(
              run.id,
              d.ref,
              run.bank_id,
              d.orgPath,
              d.managerId,
              job.chunk,
              d.approved ? 1 : 0,
              d.limitFen,
              d.spreadBps,
              d.grade,
              d.reason,
            );
          }
          await m.query(
            `INSERT INTO batch_result (run_id, customer_ref, bank_id, org_path, manager_id, chunk_no, approved,
               limit_fen, spread_bps, grade, reason) VALUES ${slice.map(() => '(?,?,?,?,?,?,?,?,?,?,?)').join(',')}`,
            params,
          );
        }
        if (approved.length > 0) {
          await appendEvent(m, preapprovedListed, run.bank_id, {
            v: 1,
            runId: run.id,
            chunk: job.chunk,
            flowName: run.flow_name,
            flowVersion: run.flow_version,
            asOf: run.as_of,
            rows: approved.map((d) => ({
              customerRef: d.ref,
              orgPath: d.orgPath,
              managerId: d.managerId,
              limit: fromFen(d.limitFen),
              spreadBps: d.spreadBps ?? 0,
              grade: d.grade ?? '',
            })),
          });
        }
        const upd: { affectedRows: number } = await m.query(
          `UPDATE batch_run SET processed = processed + ?, approved = approved + ?, refused = refused + ?,
             chunks_done = chunks_done + 1, updated_at = UTC_TIMESTAMP(3)
           WHERE id = ? AND status IN ('queued', 'running', 'paused', 'cancelling')`,
          [decided.length, approved.length, decided.length - approved.length, run.id],
        );
        if (upd.affectedRows === 0) throw new Abandon();
        const after = (await readRun(m, run.id))!;
        if (after.chunks_done >= after.chunks_total) {
          const command = after.status === 'cancelling' ? 'settle' : 'complete';
          await batchWorkflow.transition({
            m,
            row: { id: after.id, bankId: after.bank_id, status: after.status, version: after.version },
            command,
            actor: systemActor(after.bank_id),
            patch: { finished_at: new Date(), updated_at: new Date() },
            snapshot: { processed: after.processed, approved: after.approved, refused: after.refused },
          });
          return (await readRun(m, run.id))!;
        }
        return after;
      });
    } catch (e) {
      if (e instanceof Abandon) return null;
      throw e;
    }
  }

  async failRun(runId: string, why: string) {
    this.log.error({ runId, why }, 'batch run failed');
    await this.systemTransition(runId, 'fail', { finished_at: new Date() }, why);
  }

  /** A system transition; losing a race to another copy (or a person) is fine. */
  async systemTransition(
    runId: string,
    command: 'start' | 'complete' | 'settle' | 'fail',
    patch: Record<string, unknown>,
    comment?: string,
  ): Promise<RunRow | null> {
    try {
      const after = await this.ds.transaction(async (m) => {
        const run = await readRun(m, runId, true);
        if (!run) return null;
        await batchWorkflow.transition({
          m,
          row: { id: run.id, bankId: run.bank_id, status: run.status, version: run.version },
          command,
          actor: systemActor(run.bank_id),
          comment: comment ?? null,
          patch: { ...patch, updated_at: new Date() },
          snapshot: { processed: run.processed, approved: run.approved, refused: run.refused },
        });
        return readRun(m, runId);
      });
      if (after) await this.putProgress(after, true);
      return after;
    } catch (e) {
      if (e instanceof ConflictError) return null;
      throw e;
    }
  }

  /** Cancelling runs whose chunks in flight had time to finish (no commit for an ack wait) become cancelled. */
  async sweep() {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM batch_run WHERE status = 'cancelling' AND updated_at < UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND`,
      [this.opts.ackWaitMs * 1000],
    );
    for (const r of rows) await this.systemTransition(r.id, 'settle', { finished_at: new Date() });
  }
}

class Abandon extends Error {}
