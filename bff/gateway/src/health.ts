import { allEndpoints, authApi, authenticateCall } from '@zhanye/contracts';
import { type Bus, natsConnected, respondingServices } from '@zhanye/kit';
import { type RequestHandler, Router } from 'express';
import { httpError, sendError } from './http-errors.ts';

/**
 * The services this gateway forwards to, from contracts: each endpoint's domain is answered on
 * `api.<domain>` by the service of that name, except the sign-in steps (`/api/auth/*`), which the
 * gateway answers itself through internal calls to the service behind `authenticateCall`. The
 * gateway names no domain: a new one in contracts is checked here as soon as it exists.
 */
export function upstreamServices(): string[] {
  const own = new Set<string>(Object.values(authApi).map((e) => e.domain));
  const domains = allEndpoints()
    .map((e) => e.domain)
    .filter((d) => !own.has(d));
  return [...new Set([...domains, authenticateCall.service])].sort();
}

export interface ReadyReport {
  ready: boolean;
  nats: 'connected' | 'disconnected';
  /** Copies answering NATS service discovery, per service. */
  services: Record<string, number>;
  /** What is missing: `nats`, or `service <name>` for each service without a copy. */
  missing: string[];
}

/** Readiness: NATS is connected and every upstream service has a copy answering. Cached briefly. */
export class Readiness {
  private last: { at: number; report: Promise<ReadyReport> } | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly services = upstreamServices(),
    private readonly cacheMs = 2000,
  ) {}

  report(): Promise<ReadyReport> {
    if (!natsConnected(this.bus.nc)) {
      this.last = undefined;
      return Promise.resolve({ ready: false, nats: 'disconnected', services: {}, missing: ['nats'] });
    }
    const now = Date.now();
    if (!this.last || now - this.last.at > this.cacheMs) {
      const report = this.discover();
      this.last = { at: now, report };
      // a failed round is not cached
      report.catch(() => {
        if (this.last?.report === report) this.last = undefined;
      });
    }
    return this.last.report;
  }

  private async discover(): Promise<ReadyReport> {
    const found = await respondingServices(this.bus);
    const services = Object.fromEntries(this.services.map((s) => [s, found.get(s) ?? 0]));
    const missing = this.services.filter((s) => !found.get(s)).map((s) => `service ${s}`);
    return { ready: missing.length === 0, nats: 'connected', services, missing };
  }
}

/**
 * `/healthz` is liveness (the process is up and serving HTTP: restart it only if this fails);
 * `/readyz` is readiness (send it traffic): 503 with what is missing while NATS is down or a
 * service has no copy running.
 */
export function healthRoutes(readiness: Readiness) {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await readiness.report();
    res
      .status(report.ready ? 200 : 503)
      .set('cache-control', 'no-store')
      .json(report);
  });
  return router;
}

/**
 * While the NATS connection is down, API calls get a 503 at once: a request sent now would be
 * buffered by the client and time out (504) long after the browser gave up. Requests after the
 * reconnect go through as usual.
 */
export function whileNatsDown(bus: Bus): RequestHandler {
  return (_req, res, next) => {
    if (natsConnected(bus.nc)) return next();
    res.setHeader('retry-after', '2');
    sendError(
      res,
      httpError('UNAVAILABLE', 'the service bus is unreachable, retry shortly'),
      res.locals.requestId,
    );
  };
}
