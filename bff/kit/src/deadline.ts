import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from './errors.ts';

/** Work whose caller has stopped waiting: refused, or stopped before it commits. */
export class DeadlineExceededError extends AppError {
  constructor(what = 'the request') {
    super('TIMEOUT', `${what} ran past the caller's deadline and was stopped; nothing more was done`);
  }
}

/**
 * When the caller stops waiting. On the wire a deadline travels as a budget (`timeoutMs` in the
 * envelope: how long the sender waits from sending), which the receiver turns into a time of its
 * own clock on receipt, so the clocks of the gateway and the services need not agree (as gRPC's
 * `grpc-timeout`). A small margin is kept back for the answer's way home.
 */
export class Deadline {
  /** No deadline: `check()` never throws. */
  static readonly none = new Deadline(Number.POSITIVE_INFINITY);

  constructor(
    /** `Date.now()` after which the caller no longer waits. */
    readonly at: number,
  ) {}

  /** The deadline of work received now with the sender's budget; none without one. */
  static fromBudget(timeoutMs: number | undefined, receivedAt = Date.now()): Deadline {
    if (timeoutMs === undefined) return Deadline.none;
    const margin = Math.min(250, Math.floor(timeoutMs / 20));
    return new Deadline(receivedAt + timeoutMs - margin);
  }

  remainingMs(now = Date.now()): number {
    return this.at - now;
  }

  expired(now = Date.now()): boolean {
    return now >= this.at;
  }

  /** Throws `DeadlineExceededError` once the caller has stopped waiting; call it before committing. */
  check(what?: string): void {
    if (this.expired()) throw new DeadlineExceededError(what);
  }

  /** The budget to pass on to a call made now: what is left, at most `capMs`. */
  budget(capMs: number): number {
    return Math.max(0, Math.min(capMs, Math.floor(this.remainingMs())));
  }
}

/**
 * A transaction that commits only while the caller still waits: refused before it starts, and
 * rolled back instead of committed if the deadline passed while it ran (a slow database, a lock).
 * The check is the last thing before COMMIT.
 */
export async function transactionBefore<T>(
  ds: DataSource,
  deadline: Deadline,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  deadline.check();
  return ds.transaction(async (m) => {
    const out = await work(m);
    deadline.check('the transaction');
    return out;
  });
}
