import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { DataSource } from 'typeorm';
import type { Logger } from './logger.ts';

/** The bank's time zone: business dates and job periods are read in it. */
export const BANK_TIME_ZONE = 'Asia/Shanghai';

/** A calendar date (`YYYY-MM-DD`) in the bank's time zone. */
export function businessDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BANK_TIME_ZONE }).format(at);
}

export interface JobDef {
  /** Stable id, e.g. `credit.limit-renewal`. */
  name: string;
  /** croner pattern, read in the bank's time zone (e.g. `0 30 1 * * *`: 01:30 every day). */
  cron: string;
  /** What one run covers: by default the business date of the scheduled time. */
  period?: (at: Date) => string;
  /** Does the period's work (idempotently: a run taken over after a crash starts it again); returns a summary. */
  run(ctx: { period: string; log: Logger }): Promise<string | undefined>;
}

export interface JobStatus {
  name: string;
  cron: string;
  nextRun: string | null;
  last: {
    period: string;
    startedAt: string;
    finishedAt: string | null;
    outcome: 'ok' | 'failed' | null;
    detail: string | null;
    durationMs: number | null;
  } | null;
}

export interface RunResult {
  period: string;
  /** `ran` here; `done` by an earlier run; `running` elsewhere (and still within its lease). */
  state: 'ran' | 'done' | 'running';
  outcome: 'ok' | 'failed' | null;
  detail: string | null;
}

interface RunRow {
  job: string;
  period: string;
  runner: string;
  started_at: Date;
  finished_at: Date | null;
  outcome: 'ok' | 'failed' | null;
  detail: string | null;
}

/**
 * Scheduled work that runs once per period however many copies of the service run (DOMAINS.md):
 * each tick claims `(job, period)` in `job_run`; the copy whose insert wins runs it, the others
 * skip. A run that never finished (its copy died) is taken over once its lease has passed; a run
 * that failed is run again by "run now" for the same period. Runs are visible (`status`: last run,
 * next run, duration, outcome) and can be started by hand (`runNow`).
 */
export class Jobs {
  private readonly crons: Cron[] = [];
  private readonly runner = `${hostname()}:${process.pid}`;

  constructor(
    private readonly ds: DataSource,
    private readonly log: Logger,
    private readonly jobs: JobDef[],
    private readonly opts: { leaseMs?: number } = {},
  ) {}

  /** Starts the timers (tests call `runNow` instead). */
  start(): this {
    for (const job of this.jobs) {
      this.crons.push(
        new Cron(job.cron, { timezone: BANK_TIME_ZONE, protect: true }, async () => {
          const period = (job.period ?? businessDate)(new Date());
          await this.runNow(job.name, period).catch((err: unknown) =>
            this.log.error({ err, job: job.name, period }, 'job failed to run'),
          );
        }),
      );
    }
    return this;
  }

  stop(): void {
    for (const c of this.crons) c.stop();
    this.crons.length = 0;
  }

  has(name: string): boolean {
    return this.jobs.some((j) => j.name === name);
  }

  private job(name: string): JobDef {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job ${name}`);
    return job;
  }

  /** Runs a job for a period (default: today's) unless it ran or is running; `again` reruns a failed one. */
  async runNow(name: string, period?: string, opts: { again?: boolean } = {}): Promise<RunResult> {
    const job = this.job(name);
    const p = period ?? (job.period ?? businessDate)(new Date());
    if (!(await this.claim(name, p, opts.again ?? false))) {
      const [row]: RunRow[] = await this.ds.query('SELECT * FROM job_run WHERE job = ? AND period = ?', [
        name,
        p,
      ]);
      return {
        period: p,
        state: row?.finished_at ? 'done' : 'running',
        outcome: row?.outcome ?? null,
        detail: row?.detail ?? null,
      };
    }
    const log = this.log.child({ job: name, period: p });
    const started = Date.now();
    let outcome: 'ok' | 'failed' = 'ok';
    let detail: string | null = null;
    try {
      detail = (await job.run({ period: p, log })) ?? null;
      log.info({ ms: Date.now() - started, detail }, 'job done');
    } catch (err) {
      outcome = 'failed';
      detail = err instanceof Error ? err.message : String(err);
      log.error({ err }, 'job failed');
    }
    await this.ds.query(
      'UPDATE job_run SET finished_at = UTC_TIMESTAMP(3), outcome = ?, detail = ? WHERE job = ? AND period = ? AND runner = ?',
      [outcome, detail?.slice(0, 1000) ?? null, name, p, this.runner],
    );
    return { period: p, state: 'ran', outcome, detail };
  }

  /** Takes `(job, period)` for this copy: a new period, a run whose copy died, or (again) a failed one. */
  private async claim(name: string, period: string, again: boolean): Promise<boolean> {
    const inserted: { affectedRows?: number } = await this.ds.query(
      'INSERT IGNORE INTO job_run (job, period, runner, started_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))',
      [name, period, this.runner],
    );
    if (inserted.affectedRows === 1) return true;
    const leaseS = Math.round((this.opts.leaseMs ?? 10 * 60_000) / 1000);
    const taken: { affectedRows?: number } = await this.ds.query(
      `UPDATE job_run SET runner = ?, started_at = UTC_TIMESTAMP(3), finished_at = NULL, outcome = NULL, detail = NULL
        WHERE job = ? AND period = ?
          AND ((finished_at IS NULL AND started_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND)
            OR (? AND outcome = 'failed'))`,
      [this.runner, name, period, leaseS, again ? 1 : 0],
    );
    return taken.affectedRows === 1;
  }

  async status(): Promise<JobStatus[]> {
    const out: JobStatus[] = [];
    for (const job of this.jobs) {
      const [row]: RunRow[] = await this.ds.query(
        'SELECT * FROM job_run WHERE job = ? ORDER BY started_at DESC LIMIT 1',
        [job.name],
      );
      const next = new Cron(job.cron, { timezone: BANK_TIME_ZONE, paused: true }).nextRun();
      out.push({
        name: job.name,
        cron: job.cron,
        nextRun: next ? next.toISOString() : null,
        last: row
          ? {
              period: row.period,
              startedAt: new Date(row.started_at).toISOString(),
              finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
              outcome: row.outcome,
              detail: row.detail,
              durationMs: row.finished_at
                ? new Date(row.finished_at).getTime() - new Date(row.started_at).getTime()
                : null,
            }
          : null,
      });
    }
    return out;
  }
}
