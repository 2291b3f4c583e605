import type { Logger } from './logger.ts';

/** Exponential backoff: `initialMs` after the first failure, doubling, never above `maxMs`. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** The delay before retry number `attempt` (1 = the first retry). */
export function backoffDelay(attempt: number, b: Backoff): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^30 is far past any cap; stop doubling there so the number stays finite
  return Math.min(b.maxMs, b.initialMs * 2 ** Math.min(n - 1, 30));
}

/**
 * A condition that fails and recovers (the database is down, JetStream is unreachable): logged
 * once when it starts (warn) and once when it clears (info), each retry in between at debug
 * only, so an outage of a minute is two lines in the log, not thousands.
 */
export class LoggedCondition {
  private since: number | undefined;
  private failures = 0;

  constructor(
    private readonly log: Logger,
    /** What fails, for the messages: `event handling (customer-timeline)`. */
    private readonly what: string,
  ) {}

  get failing(): boolean {
    return this.since !== undefined;
  }

  /** Records a failure; logs only the first of a run. `fields` go on every line (retry delay, ...). */
  fail(err: unknown, fields: Record<string, unknown> = {}): void {
    this.failures += 1;
    if (this.since === undefined) {
      this.since = Date.now();
      this.log.warn({ err, ...fields }, `${this.what}: unavailable, retrying with backoff`);
    } else {
      this.log.debug({ err, failures: this.failures, ...fields }, `${this.what}: still unavailable`);
    }
  }

  /** Records a success; logs once if it ends a run of failures. */
  ok(): void {
    if (this.since === undefined) return;
    this.log.info({ failures: this.failures, outageMs: Date.now() - this.since }, `${this.what}: recovered`);
    this.since = undefined;
    this.failures = 0;
  }
}
