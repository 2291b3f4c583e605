import { type ErrorBody, type ErrorCode, statusOf } from '@zhanye/contracts';

/** The few errors a handler throws; mapped to HTTP once, in the service runtime. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly reason?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
  get status() {
    return statusOf[this.code];
  }
  toBody(requestId?: string): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
        ...(this.reason ? { reason: this.reason } : {}),
        ...(requestId ? { requestId } : {}),
      },
    };
  }
}

export class InputError extends AppError {
  constructor(message: string, fields?: Record<string, string[]>) {
    super('BAD_REQUEST', message, fields);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = 'sign in required') {
    super('UNAUTHENTICATED', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'permission denied', reason?: string) {
    super('FORBIDDEN', message, undefined, reason);
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'not found') {
    super('NOT_FOUND', message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, reason?: string) {
    super('CONFLICT', message, undefined, reason);
  }
}
export class UnavailableError extends AppError {
  constructor(message = 'service unavailable, retry later') {
    super('UNAVAILABLE', message);
  }
}

type DriverError = { code?: string; errno?: number; fatal?: boolean };
const driverErrorOf = (e: unknown): DriverError => {
  const err = (e ?? {}) as DriverError & { driverError?: DriverError };
  return err.driverError ?? err;
};

/**
 * MariaDB stopped a statement that ran past `max_statement_time` (1969; MySQL's 3024 for
 * `max_execution_time`); kit's `openDatabase` sets it on every connection.
 */
export function isStatementTimeout(e: unknown): boolean {
  const { errno } = driverErrorOf(e);
  return errno === 1969 || errno === 3024;
}

/** Database errors that mean "try again" (connection lost, deadlock, lock wait, statement timeout). */
export function isTransientDbError(e: unknown): boolean {
  const { code, fatal } = driverErrorOf(e);
  return (
    code === 'ECONNREFUSED' ||
    code === 'PROTOCOL_CONNECTION_LOST' ||
    code === 'ER_LOCK_DEADLOCK' ||
    code === 'ER_LOCK_WAIT_TIMEOUT' ||
    code === 'ETIMEDOUT' ||
    code === 'ECONNRESET' ||
    isStatementTimeout(e) ||
    // a pooled connection that died ("Can't add new command when connection is in closed state")
    (fatal === true && code === undefined)
  );
}

/** Any error -> an AppError; unknown ones become 500 without leaking their text. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (isStatementTimeout(e)) return new UnavailableError('the database did not answer in time, retry later');
  if (isTransientDbError(e)) return new UnavailableError('database unavailable, retry later');
  // a unique key refused the write: someone made the same thing first (never a 500)
  if (driverErrorOf(e).errno === 1062) {
    return new ConflictError(
      'this was changed or made by someone else at the same time; reload',
      'DUPLICATE',
    );
  }
  return new AppError('INTERNAL', 'internal error');
}

/** A failed NATS request -> 504 when nobody answered in time, 503 when nobody is listening. */
export function fromNatsError(e: unknown, what: string): AppError {
  const err = e as { name?: string; message?: string; isNoResponders?: () => boolean };
  if (
    err?.isNoResponders?.() ||
    err?.name === 'NoRespondersError' ||
    /no responders/i.test(err?.message ?? '')
  ) {
    return new UnavailableError(`${what} is unavailable, retry later`);
  }
  if (err?.name === 'TimeoutError' || /timeout/i.test(err?.message ?? '')) {
    return new AppError('TIMEOUT', `${what} did not answer in time`);
  }
  return new UnavailableError(`${what} is unavailable, retry later`);
}
