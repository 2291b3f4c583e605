import { randomUUID, timingSafeEqual } from 'node:crypto';
import { CSRF_HEADER, type Principal } from '@zhanye/contracts';
import { auditActor, type Bus, type Logger, RefusalMonitor, recordAudit } from '@zhanye/kit';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { apiRoutes } from './api.routes.ts';
import { authRoutes } from './auth.routes.ts';
import type { GatewayConfig } from './config.ts';
import { healthRoutes, Readiness, whileNatsDown } from './health.ts';
import { errorHandler, httpError, sendError } from './http-errors.ts';
import { NoticeHub } from './notices.ts';
import { SessionWatch } from './session-watch.ts';
import { GatewaySessions } from './sessions.ts';
import { staticRoutes } from './static.routes.ts';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** No endpoint takes JSON nested deeper than this; deeper bodies are refused before anything else. */
const MAX_JSON_DEPTH = 32;

/** How deeply a parsed JSON value nests (iterative: a hostile body cannot blow the stack). */
function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}
/** Sign-in steps come before any session (so before any CSRF cookie): Origin-checked only. */
const PRE_SESSION = new Set(['/auth/login', '/auth/mfa', '/auth/mfa/setup', '/auth/password']);

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The gateway: security headers, sessions, CSRF, `/api/auth/*`, `/api/<domain>/*` over NATS, static files. */
export function createGateway(cfg: GatewayConfig, bus: Bus, log: Logger) {
  const watch = SessionWatch.open(bus, log);
  watch.catch((err: unknown) => log.error({ err }, 'session watch unavailable'));
  const sessions = new GatewaySessions(cfg, bus, watch);
  const notices = new NoticeHub(bus, log);
  const { cookies } = sessions;
  const devOrigins = cfg.ZY_DEV_ORIGINS.split(/\s+/).filter(Boolean);
  const app = express();
  app.disable('x-powered-by');
  // No ETag on what `res.send` answers (API JSON, errors): nothing revalidates them, and hashing
  // every body cost 2-3% of the gateway's CPU. A function, not `false`: `etag` stays enabled for
  // `sendFile` (pages, precompressed files), which reads the setting; express.static has its own.
  app.set('etag', () => undefined);
  // the client address (rate limits, audit, sessions) is the socket's, unless a proxy this gateway
  // sits behind is named: then its `X-Forwarded-For` is believed, and nobody else's
  app.set(
    'trust proxy',
    cfg.ZY_TRUST_PROXY.trim() ? cfg.ZY_TRUST_PROXY.split(',').map((p) => p.trim()) : false,
  );
  const refusals = new RefusalMonitor((entry) => void recordAudit(bus, log, entry)).start();
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'", ...devOrigins],
          // antd (CSS-in-JS) injects <style> elements at run time
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'", ...devOrigins],
          'frame-ancestors': cfg.ZY_FRAME_ANCESTORS.split(/\s+/),
          'upgrade-insecure-requests': cfg.ZY_SECURE_COOKIES === '1' ? [] : null,
        },
      },
      strictTransportSecurity: cfg.ZY_SECURE_COOKIES === '1',
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    res.locals.requestId = typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', res.locals.requestId as string);
    res.locals.log = log.child({ requestId: res.locals.requestId });
    next();
  });

  /** A mutation refused here (Origin, CSRF) never reaches a service: record it, then answer 403. */
  const refuse = (req: Request, res: Response, message: string) => {
    const principal = res.locals.principal as Principal | undefined;
    recordAudit(bus, log, {
      ...auditActor(principal),
      action: `gateway.${req.method} ${req.path}`.slice(0, 200),
      target: null,
      result: 'FORBIDDEN',
      status: 403,
      requestId: String(res.locals.requestId ?? ''),
      service: 'gateway',
      input: { reason: message },
    });
    sendError(res, httpError('FORBIDDEN', message), res.locals.requestId);
  };

  const api = express.Router();
  api.use((_req, res, next) => {
    // answers about a person's data are never kept by a browser or a proxy
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(whileNatsDown(bus));
  api.use(cookieParser());
  // the largest body is an upload: a 512 KB file as base64 (~700,000 characters) with its fields;
  // NATS carries at most 1 MB per message
  api.use(express.json({ limit: '800kb' }));
  api.use((req, res, next) => {
    if (jsonDepth(req.body) > MAX_JSON_DEPTH) {
      return sendError(
        res,
        httpError('BAD_REQUEST', `body nested deeper than ${MAX_JSON_DEPTH} levels`),
        res.locals.requestId,
      );
    }
    next();
  });
  api.use(async (req, res, next) => {
    const access = await sessions.current(req.cookies?.[cookies.access], res);
    if (access === 'invalid') {
      // a forged or tampered token: refused like no token, and recorded (aggregated per address)
      refusals.note({
        who: `ip:${req.ip ?? ''}`,
        kind: 'INVALID_TOKEN',
        entry: {
          ...auditActor(undefined),
          action: `gateway.${req.method} ${req.path}`.slice(0, 200),
          target: null,
          result: 'INVALID_TOKEN',
          status: 401,
          requestId: String(res.locals.requestId ?? ''),
          service: 'gateway',
          input: { ip: req.ip ?? null, userAgent: req.headers['user-agent']?.slice(0, 255) ?? null },
        },
      });
    } else if (access) {
      res.locals.principal = access.principal;
      res.locals.access = access;
    }
    if (MUTATIONS.has(req.method)) {
      const origin = req.headers.origin;
      if (origin && origin !== 'null') {
        let host = '';
        try {
          host = new URL(origin).host;
        } catch {}
        if (host !== req.headers.host) return refuse(req, res, 'cross-origin request refused');
      }
      if (
        !PRE_SESSION.has(req.path) &&
        !sameToken(req.headers[CSRF_HEADER] as string | undefined, req.cookies?.[cookies.csrf])
      ) {
        return refuse(req, res, 'missing or invalid CSRF token');
      }
    }
    next();
  });
  api.use('/auth', authRoutes(cfg, bus, sessions, notices));
  api.use(apiRoutes(cfg, bus));
  api.use((_req, res) => sendError(res, httpError('NOT_FOUND', 'no such api'), res.locals.requestId));
  api.use(errorHandler);
  app.use('/api', api);

  app.use(healthRoutes(new Readiness(bus)));
  app.use(staticRoutes(cfg));
  app.use((_req: Request, res: Response) => sendError(res, httpError('NOT_FOUND', 'not found')));
  app.use(errorHandler);
  return app;
}
