import type { ErrorCode } from '@zhanye/contracts';
import { AppError, type Logger, toAppError } from '@zhanye/kit';
import type { ErrorRequestHandler, Response } from 'express';

export function sendError(res: Response, err: AppError, requestId?: string) {
  res.status(err.status).json(err.toBody(requestId));
}

export const httpError = (code: ErrorCode, message: string) => new AppError(code, message);

/** The one place errors become HTTP: known ones keep their status, anything else is a JSON 500 without details. */
export const errorHandler: ErrorRequestHandler = (e, _req, res, _next) => {
  const requestId = res.locals.requestId as string | undefined;
  const status = (e as { status?: number; type?: string }).status;
  if ((e as { type?: string }).type === 'entity.parse.failed') {
    return sendError(res, httpError('BAD_REQUEST', 'body is not valid JSON'), requestId);
  }
  if ((e as { type?: string }).type === 'entity.too.large') {
    return sendError(res, httpError('BAD_REQUEST', 'body too large'), requestId);
  }
  // a file the static store does not have (serve-static passes its 404 on)
  if (status === 404 && !(e instanceof AppError)) {
    return sendError(res, httpError('NOT_FOUND', 'not found'), requestId);
  }
  if (status && status >= 400 && status < 500 && !(e instanceof AppError)) {
    return sendError(res, httpError('BAD_REQUEST', 'bad request'), requestId);
  }
  const err = toAppError(e);
  const log = res.locals.log as Logger | undefined;
  // a bug at error; a service unavailable or too slow (503, 504) is a condition, at warn
  if (err.code === 'INTERNAL') log?.error({ err: e, requestId }, 'request failed');
  else if (err.status >= 500) log?.warn({ code: err.code, reason: err.message, requestId }, 'request failed');
  sendError(res, err, requestId);
};
