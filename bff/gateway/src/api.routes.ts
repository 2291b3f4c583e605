import {
  allEndpoints,
  apiSubject,
  type Principal,
  REPLY_STATUS_HEADER,
  type RequestEnvelope,
} from '@zhanye/contracts';
import { type Bus, fromNatsError, UnauthenticatedError } from '@zhanye/kit';
import { Router } from 'express';
import type { GatewayConfig } from './config.ts';
import { httpError, sendError } from './http-errors.ts';

/**
 * The API domains a service answers on NATS, from the domain declarations in contracts (the
 * gateway's own `/api/auth` excluded): an unknown one is a 404 at once, not a 503 after asking
 * NATS who answers. Read from the declarations, so the gateway itself still names no domain.
 */
const apiDomains = (): Set<string> =>
  new Set(allEndpoints().flatMap((e) => (e.domain === 'auth' ? [] : [e.domain])));

/**
 * `/api/<domain>/<path>` -> NATS `api.<domain>`. The gateway knows no domain's routes: it
 * authenticates, signs the caller for that domain, forwards an envelope and returns the reply.
 */
export function apiRoutes(cfg: GatewayConfig, bus: Bus) {
  const router = Router();
  const domains = apiDomains();
  router.all('/:domain/{*rest}', async (req, res) => {
    const requestId = res.locals.requestId as string;
    const domain = req.params.domain;
    if (!domains.has(domain)) return sendError(res, httpError('NOT_FOUND', 'no such api'), requestId);
    const principal = res.locals.principal as Principal | undefined;
    if (!principal) throw new UnauthenticatedError();
    const path = `/${((req.params as { rest?: string[] }).rest ?? []).join('/')}`;
    const envelope: RequestEnvelope = {
      method: req.method as RequestEnvelope['method'],
      path,
      query: req.query as RequestEnvelope['query'],
      body: req.body ?? null,
      caller: await bus.tokens.sign(principal, domain),
      requestId,
      // the deadline: the service stops and commits nothing once this gateway has answered 504
      timeoutMs: cfg.API_TIMEOUT_MS,
      clientIp: (req.ip ?? '').slice(0, 64) || null,
      ...(typeof req.headers['idempotency-key'] === 'string'
        ? { idempotencyKey: req.headers['idempotency-key'].slice(0, 128) }
        : {}),
    };
    let status: number;
    let body: Uint8Array;
    try {
      const msg = await bus.nc.request(bus.subject(apiSubject(domain)), JSON.stringify(envelope), {
        timeout: cfg.API_TIMEOUT_MS,
      });
      status = Number(msg.headers?.get(REPLY_STATUS_HEADER));
      body = msg.data;
    } catch (e) {
      return sendError(res, fromNatsError(e, `the ${domain} service`), requestId);
    }
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      return sendError(
        res,
        httpError('UNAVAILABLE', `the ${domain} service answered out of contract`),
        requestId,
      );
    }
    // the service's JSON passes through as bytes: no parse, no re-stringify
    res
      .status(status)
      .type('application/json')
      .send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  });
  return router;
}
