import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { CallerTokens } from './caller.ts';
import type { BaseConfig } from './config.ts';
import type { Logger } from './logger.ts';

/** A service's NATS connection, namespaced subjects, JetStream and caller tokens in one place. */
export interface Bus {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly ns: string;
  readonly tokens: CallerTokens;
  /** `api.customer` -> `dev.api.customer`. */
  subject(relative: string): string;
}

/** Whether each connection is up, from its status events (a connection not made here: not closed). */
const links = new WeakMap<NatsConnection, { up: boolean }>();

/**
 * Whether the connection is up now. While it is down (server gone, reconnecting) a request would
 * be buffered and wait out its whole timeout: callers answer 503 at once instead.
 */
export function natsConnected(nc: NatsConnection): boolean {
  return !nc.isClosed() && (links.get(nc)?.up ?? true);
}

export async function connectBus(cfg: BaseConfig, name: string, log: Logger): Promise<Bus> {
  const nc = await connect({
    servers: cfg.NATS_URL.split(','),
    name: `${cfg.ZY_NS}.${name}`,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // a server that vanished without closing the socket is noticed in 20-30 s, not 4 minutes
    pingInterval: 10_000,
    maxPingOut: 2,
    // Each request would build two Error objects up front (their stack: where a timeout started),
    // 7% of the gateway's CPU under `pnpm bench:api`; errors still say which subject failed.
    noAsyncTraces: true,
    // with per-component users each may only read its own replies (docs/nats-security.md)
    ...(cfg.NATS_USER
      ? { user: cfg.NATS_USER, pass: cfg.NATS_PASSWORD ?? '', inboxPrefix: `_INBOX_${cfg.NATS_USER}` }
      : {}),
  });
  const link = { up: true };
  links.set(nc, link);
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'staleConnection') link.up = false;
      else if (s.type === 'reconnect') link.up = true;
      if (s.type === 'disconnect' || s.type === 'reconnect') log.warn({ nats: s.type }, 'nats connection');
    }
  })();
  const jsm = await jetstreamManager(nc);
  return {
    nc,
    js: jetstream(nc),
    jsm,
    ns: cfg.ZY_NS,
    tokens: new CallerTokens(cfg),
    subject: (relative) => `${cfg.ZY_NS}.${relative}`,
  };
}
