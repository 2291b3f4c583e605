import { hostname } from 'node:os';
import { type ServiceMsg, Svcm } from '@nats-io/services';
import { headers } from '@nats-io/transport-node';
import {
  apiSubject,
  type Endpoint,
  fieldErrors,
  type InternalCall,
  matchPath,
  type Principal,
  REPLY_STATUS_HEADER,
  type ReplyEnvelope,
  RequestEnvelope,
} from '@zhanye/contracts';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { type AuditNotes, type AuditOutbox, auditActor, recordAudit } from './audit.ts';
import { type Bus, natsConnected } from './bus.ts';
import { Deadline, DeadlineExceededError } from './deadline.ts';
import {
  AppError,
  ForbiddenError,
  fromNatsError,
  InputError,
  NotFoundError,
  toAppError,
  UnauthenticatedError,
  UnavailableError,
} from './errors.ts';
import { ensureEventStream, type OutboxRelay, startOutboxRelay } from './events.ts';
import { IdempotencyKeys, requestHash } from './idempotency.ts';
import type { Logger } from './logger.ts';
import { RefusalMonitor } from './refusals.ts';

export interface RequestContext<I> {
  input: I;
  caller: Principal;
  requestId: string;
  idempotencyKey: string | undefined;
  /** The browser's address as the gateway saw it (null when unknown). */
  clientIp: string | null;
  /**
   * When the caller stops waiting (from the envelope's `timeoutMs`). Past it the request is
   * refused before the handler runs; a handler checks it before committing (`deadline.check()`,
   * or kit's `transactionBefore`) and passes it to `callService`.
   */
  deadline: Deadline;
  log: Logger;
  /** Optional detail for this request's audit record (the runtime records every mutation by itself). */
  audit: AuditNotes;
}

export interface Route {
  endpoint: Endpoint;
  handler: (ctx: RequestContext<unknown>) => Promise<unknown>;
}

/** Binds a handler to an endpoint declared in contracts; input and output are typed from it. */
export function route<E extends Endpoint>(
  endpoint: E,
  handler: (ctx: RequestContext<z.output<E['input']>>) => Promise<z.input<E['output']>>,
): Route {
  return { endpoint, handler: handler as Route['handler'] };
}

export interface InternalHandler {
  call: InternalCall;
  handler: (ctx: { input: unknown; caller: Principal; log: Logger; deadline: Deadline }) => Promise<unknown>;
}

/** Binds a handler to a service-to-service call declared in contracts. */
export function answer<C extends InternalCall>(
  call: C,
  handler: (ctx: {
    input: z.output<C['input']>;
    caller: Principal;
    log: Logger;
    deadline: Deadline;
  }) => Promise<z.input<C['output']>>,
): InternalHandler {
  return { call, handler: handler as InternalHandler['handler'] };
}

export interface ServiceOptions {
  name: string;
  version: string;
  description?: string;
  bus: Bus;
  log: Logger;
  routes: Route[];
  internal?: InternalHandler[];
  /**
   * The service's database: audit records go through its outbox (at-least-once). A relay is
   * started for it unless the service runs its own (`relay`).
   */
  outbox?: { ds: DataSource; relay?: OutboxRelay };
}

export interface RunningService {
  stop(): Promise<void>;
}

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/** A failed request in the log: a bug (500) at error; unavailable or too late (503, 504) at warn. */
function logFailure(
  log: Logger,
  err: AppError,
  cause: unknown,
  fields: Record<string, unknown>,
  msg: string,
) {
  if (err.code === 'INTERNAL') log.error({ err: cause, ...fields }, msg);
  else if (err.status >= 500) log.warn({ code: err.code, reason: err.message, ...fields }, msg);
}

/** What `dispatch` needs besides the routes: the service's audit outbox, idempotency keys, refusal monitor. */
export interface DispatchOptions extends Pick<ServiceOptions, 'name' | 'bus' | 'log' | 'routes'> {
  auditOutbox?: AuditOutbox | undefined;
  idempotency?: IdempotencyKeys | undefined;
  refusals?: RefusalMonitor | undefined;
}

/**
 * Dispatches one API envelope: route match, caller check, permission, the read-only `all` scope,
 * validation, the deadline, the idempotency key, handler, output shape; then the audit record.
 */
export async function dispatch(opts: DispatchOptions, raw: unknown): Promise<ReplyEnvelope> {
  const receivedAt = Date.now();
  let requestId: string | undefined;
  // what the audit record needs, filled in as the request gets through the checks
  let endpoint: Endpoint | undefined;
  let caller: Principal | undefined;
  let input: Record<string, unknown> | undefined;
  let target: string | undefined;
  let replayed = false;
  const audit: AuditNotes = {};
  let reply: ReplyEnvelope;
  try {
    const env = RequestEnvelope.safeParse(raw);
    if (!env.success) throw new InputError('malformed request envelope');
    const req = env.data;
    requestId = req.requestId;
    let match: { route: Route; params: Record<string, string> } | undefined;
    let pathMatched = false;
    // `/limits/overview` before `/limits/:id`: the route with the most literal segments wins
    let best = -1;
    for (const r of opts.routes) {
      const params = matchPath(r.endpoint.path, req.path);
      if (!params) continue;
      pathMatched = true;
      const literal = r.endpoint.path.split('/').filter((seg) => seg && !seg.startsWith(':')).length;
      if (r.endpoint.method === req.method && literal > best) {
        match = { route: r, params };
        best = literal;
      }
    }
    if (!match) throw new NotFoundError(pathMatched ? 'method not allowed on this path' : 'no such endpoint');
    if (!req.caller) throw new UnauthenticatedError();
    endpoint = match.route.endpoint;
    target = (match.params.id ?? Object.values(match.params)[0])?.slice(0, 200);
    caller = await opts.bus.tokens.verify(req.caller, opts.name);
    const body = endpoint.mutation ? (req.body ?? {}) : undefined;
    const source: Record<string, unknown> = !endpoint.mutation
      ? Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]))
      : typeof body === 'object' && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : {};
    input = { ...source, ...match.params };
    if (endpoint.permission && !caller.permissions.includes(endpoint.permission)) {
      throw new ForbiddenError(`requires permission ${endpoint.permission}`);
    }
    // union staff read every bank and write none of its data (only the platform's administration)
    if (endpoint.mutation && caller.dataScope === 'all' && !endpoint.unionWrites) {
      throw new ForbiddenError(
        'the union’s staff read the banks’ data; they do not change it',
        'READ_ONLY_SCOPE',
      );
    }
    if (endpoint.mutation && (typeof body !== 'object' || Array.isArray(body))) {
      throw new InputError('body must be a JSON object');
    }
    const parsed = endpoint.input.safeParse(input);
    if (!parsed.success) throw new InputError('invalid input', fieldErrors(parsed.error));
    // the gateway has already answered 504: work that would start now is refused
    const deadline = Deadline.fromBudget(req.timeoutMs, receivedAt);
    deadline.check();
    const key = endpoint.mutation ? req.idempotencyKey : undefined;
    if (key !== undefined) IdempotencyKeys.check(key);
    const claim =
      key !== undefined && opts.idempotency
        ? await opts.idempotency.claim(caller.userId, key, endpoint.id, requestHash(endpoint.id, input))
        : undefined;
    if (claim?.kind === 'replay') {
      replayed = true;
      reply = claim.reply;
    } else {
      const log = opts.log.child({ requestId, endpoint: endpoint.id, user: caller.userId });
      try {
        const result = await match.route.handler({
          input: parsed.data,
          caller,
          requestId: req.requestId,
          idempotencyKey: key,
          clientIp: req.clientIp ?? null,
          deadline,
          log,
          audit,
        });
        reply = { status: 200, body: endpoint.output.parse(result) };
      } catch (e) {
        reply = errorReply(opts, e, requestId, endpoint.id);
      }
      if (claim && key !== undefined) await opts.idempotency?.settle(caller.userId, key, reply);
    }
  } catch (e) {
    reply = errorReply(opts, e, requestId, endpoint?.id);
  }
  if (endpoint && caller && requestId) {
    // every mutation (however it ended) and every refusal, by a verified caller, is audited
    if (endpoint.mutation || reply.status === 403) {
      const code = (reply.body as { error?: { code?: string } } | null)?.error?.code;
      // awaited: with an outbox the record is durable before the caller hears the answer
      await recordAudit(
        opts.bus,
        opts.log,
        {
          ...auditActor(caller),
          action: endpoint.id,
          target: audit.target ?? target ?? null,
          result: replayed
            ? 'IDEMPOTENT_REPLAY'
            : reply.status === 200
              ? 'ok'
              : (code ?? String(reply.status)),
          status: reply.status,
          requestId,
          service: opts.name,
          input,
          before: audit.before,
          after: audit.after,
        },
        opts.auditOutbox,
      );
    } else if (reply.status === 404 && target !== undefined) {
      // a read of an id the caller cannot see: one such is a typo, many are a probe
      opts.refusals?.note({
        who: caller.userId,
        kind: 'NOT_FOUND',
        entry: {
          ...auditActor(caller),
          action: endpoint.id,
          target,
          result: 'NOT_FOUND',
          status: 404,
          requestId,
          service: opts.name,
        },
      });
    }
  }
  return reply;
}

function errorReply(
  opts: Pick<DispatchOptions, 'log'>,
  e: unknown,
  requestId: string | undefined,
  endpointId: string | undefined,
): ReplyEnvelope {
  const err = toAppError(e);
  logFailure(opts.log, err, e, { requestId, endpoint: endpointId }, 'request failed');
  return { status: err.status, body: err.toBody(requestId) };
}

/** Runs a domain service on NATS: `api.<name>` for the gateway, plus its internal subjects, in queue groups. */
export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const { bus, log } = opts;
  const svc = await new Svcm(bus.nc).add({
    name: `zy-${opts.name}`,
    version: opts.version,
    description: opts.description ?? `Zhanye ${opts.name} service`,
    queue: 'q',
    // `restarts`: how often the supervisor restarted this process (`ZY_RESTARTS`, set by
    // scripts/lib/supervisor.ts or the systemd unit); `pid` and `host` name the process
    metadata: {
      ns: bus.ns,
      restarts: String(restartsOf(process.env)),
      pid: String(process.pid),
      host: hostname(),
    },
  });
  // audit records published before the platform's consumer first starts are kept, not dropped
  await ensureEventStream(bus).catch((err: unknown) => log.warn({ err }, 'event stream not ensured'));
  const ownRelay = opts.outbox && !opts.outbox.relay ? startOutboxRelay(opts.outbox.ds, bus, log) : undefined;
  const relay = opts.outbox?.relay ?? ownRelay;
  const auditOutbox = opts.outbox && relay ? { ds: opts.outbox.ds, kick: () => relay.kick() } : undefined;
  const idempotency = opts.outbox ? new IdempotencyKeys(opts.outbox.ds) : undefined;
  // old idempotency keys go, an hour apart (and once at start)
  const purge = () =>
    void idempotency?.purge().catch((err: unknown) => log.warn({ err }, 'idempotency keys not purged'));
  const purgeTimer = idempotency ? setInterval(purge, 3_600_000).unref() : undefined;
  purge();
  const refusals = new RefusalMonitor((entry) => void recordAudit(bus, log, entry, auditOutbox)).start();
  const dispatchOpts: DispatchOptions = { ...opts, auditOutbox, idempotency, refusals };
  // requests being handled: a stopping service finishes them before its database closes
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };
  const respond = (msg: ServiceMsg, reply: unknown) => {
    if (msg.reply) msg.respond(json(reply));
  };
  svc.addEndpoint('api', {
    subject: bus.subject(apiSubject(opts.name)),
    handler: (err, msg) => {
      if (err) return void log.error({ err }, 'api endpoint error');
      let raw: unknown;
      try {
        raw = msg.json();
      } catch {
        raw = null;
      }
      void track(dispatch(dispatchOpts, raw)).then((reply) => {
        const h = headers();
        h.set(REPLY_STATUS_HEADER, String(reply.status));
        if (msg.reply) msg.respond(json(reply.body), { headers: h });
      });
    },
  });
  for (const h of opts.internal ?? []) {
    svc.addEndpoint(h.call.subject.replaceAll('.', '_'), {
      subject: bus.subject(h.call.subject),
      handler: (err, msg) => {
        if (err) return void log.error({ err }, 'internal endpoint error');
        const receivedAt = Date.now();
        void track(
          (async () => {
            try {
              const req = msg.json<{ caller?: string; input?: unknown; timeoutMs?: unknown }>();
              if (!req?.caller) throw new UnauthenticatedError();
              const caller = await bus.tokens.verify(req.caller, opts.name);
              const parsed = h.call.input.safeParse(req.input);
              if (!parsed.success) throw new InputError('invalid input', fieldErrors(parsed.error));
              const deadline = Deadline.fromBudget(budgetOf(req.timeoutMs), receivedAt);
              deadline.check();
              const output = await h.handler({ input: parsed.data, caller, log, deadline });
              respond(msg, { ok: true, output: h.call.output.parse(output) });
            } catch (e) {
              const appErr = toAppError(e);
              logFailure(log, appErr, e, { subject: h.call.subject }, 'internal call failed');
              respond(msg, { ok: false, status: appErr.status, ...appErr.toBody() });
            }
          })(),
        );
      },
    });
  }
  log.info({ service: opts.name, version: opts.version, ns: bus.ns }, 'service started');
  return {
    /** Stops taking requests (drains the subscriptions), then waits for the ones in flight. */
    async stop() {
      await svc.stop();
      await Promise.allSettled(inFlight);
      clearInterval(purgeTimer);
      refusals.stop();
      // the audit records of those last requests are in the outbox: publish them before closing
      await ownRelay?.stop();
    },
  };
}

/** How long `callService` waits for an answer at most. */
export const CALL_TIMEOUT_MS = 5000;

const budgetOf = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;

/**
 * Asks another service a question on the caller's behalf (request-reply). It waits
 * `CALL_TIMEOUT_MS` at most, and no longer than the request it serves (`deadline`), whose
 * remaining budget travels with the call. Without a NATS connection it fails at once (503).
 */
export async function callService<C extends InternalCall>(
  bus: Bus,
  call: C,
  input: z.input<C['input']>,
  caller: Principal,
  actor: string,
  opts: { deadline?: Deadline } = {},
): Promise<z.output<C['output']>> {
  const timeoutMs = (opts.deadline ?? Deadline.none).budget(CALL_TIMEOUT_MS);
  if (timeoutMs <= 0) throw new DeadlineExceededError(`the call to ${call.service}`);
  if (!natsConnected(bus.nc))
    throw new UnavailableError(`the ${call.service} service is unreachable, retry later`);
  const token = await bus.tokens.sign(caller, call.service, actor);
  let reply: {
    ok: boolean;
    output?: unknown;
    status?: number;
    error?: { code: AppError['code']; message: string; reason?: string };
  };
  try {
    const msg = await bus.nc.request(bus.subject(call.subject), json({ caller: token, input, timeoutMs }), {
      timeout: timeoutMs,
    });
    reply = msg.json();
  } catch (e) {
    throw fromNatsError(e, call.service);
  }
  if (!reply.ok) {
    throw new AppError(
      reply.error?.code ?? 'INTERNAL',
      reply.error?.message ?? 'call failed',
      undefined,
      reply.error?.reason,
    );
  }
  return call.output.parse(reply.output) as z.output<C['output']>;
}

export interface ServiceInstance {
  id: string;
  version: string;
  /** When this copy's process registered, i.e. when it (last) started. */
  started: string;
  /** How often the supervisor has restarted this copy's process. */
  restarts: number;
  /** Requests served per endpoint name (`api`, internal subjects). */
  requests: Record<string, number>;
}

/** The running copies of a service in this namespace, with what each has served (NATS `$SRV.STATS`). */
export async function serviceInstances(bus: Bus, name: string): Promise<ServiceInstance[]> {
  const out: ServiceInstance[] = [];
  try {
    const client = new Svcm(bus.nc).client({ strategy: 'timer', maxWait: 500 });
    for await (const s of await client.stats(`zy-${name}`)) {
      if (s.metadata?.ns !== bus.ns) continue;
      out.push({
        id: s.id,
        version: s.version,
        started: s.started,
        restarts: restartsOf({ ZY_RESTARTS: s.metadata?.restarts }),
        requests: Object.fromEntries((s.endpoints ?? []).map((e) => [e.name, e.num_requests])),
      });
    }
  } catch (e) {
    // nobody answering means no copy is running; anything else is a real failure
    if (fromNatsError(e, name).code !== 'UNAVAILABLE') throw e;
  }
  return out;
}

/** `ZY_RESTARTS` as a count (0 when unset or not a count). */
function restartsOf(env: Record<string, string | undefined>): number {
  const n = Number(env.ZY_RESTARTS ?? 0);
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/**
 * How many copies of each service answer `$SRV.PING` in this namespace, in one round for all
 * services (names without the `zy-` prefix). Nobody answering gives an empty map.
 */
export async function respondingServices(bus: Bus, maxWaitMs = 500): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  try {
    const client = new Svcm(bus.nc).client({ strategy: 'timer', maxWait: maxWaitMs });
    for await (const s of await client.ping()) {
      if (s.metadata?.ns !== bus.ns || !s.name.startsWith('zy-')) continue;
      const name = s.name.slice(3);
      out.set(name, (out.get(name) ?? 0) + 1);
    }
  } catch (e) {
    if (fromNatsError(e, 'service discovery').code !== 'UNAVAILABLE') throw e;
  }
  return out;
}
