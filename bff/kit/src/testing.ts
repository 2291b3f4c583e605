import { randomBytes, randomUUID } from 'node:crypto';
import {
  apiSubject,
  EVENTS_STREAM,
  type Principal,
  REPLY_STATUS_HEADER,
  type ReplyEnvelope,
} from '@zhanye/contracts';
import { createConnection } from 'mysql2/promise';

export type * from './scope-matrix.ts';

import type { Bus } from './bus.ts';
import { BaseConfig, loadConfig } from './config.ts';

/** A config in a fresh namespace, so a test's databases, subjects and streams are its own. */
export function testConfig(overrides: Record<string, string> = {}): BaseConfig {
  return loadConfig(BaseConfig, {
    ...process.env,
    ZY_NS: `t${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export function principal(overrides: Partial<Principal> = {}): Principal {
  return {
    userId: 'u-am1',
    username: 'am1',
    displayName: '张经理',
    bankId: 'bank-a',
    bankName: '甲农商银行',
    orgId: 'a-br1',
    orgPath: '/bank-a/a-hq/a-br1/',
    orgName: '城关支行',
    roles: ['account_manager'],
    permissions: [],
    dataScope: 'orgAndBelow',
    ...overrides,
  };
}

/** Sends an API envelope exactly as the gateway does, with a caller token signed for `domain`. */
export async function apiRequest(
  bus: Bus,
  domain: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  opts: {
    caller?: Principal | null;
    query?: Record<string, string>;
    body?: unknown;
    idempotencyKey?: string;
    /** The envelope's deadline budget (the gateway sends its API timeout); this call waits 10 s anyway. */
    timeoutMs?: number;
  } = {},
): Promise<ReplyEnvelope> {
  const caller =
    opts.caller === undefined || opts.caller === null ? null : await bus.tokens.sign(opts.caller, domain);
  const env = {
    method,
    path,
    query: opts.query ?? {},
    body: opts.body ?? null,
    caller,
    requestId: randomUUID(),
    ...(opts.idempotencyKey ? { idempotencyKey: opts.idempotencyKey } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  };
  const msg = await bus.nc.request(bus.subject(apiSubject(domain)), JSON.stringify(env), { timeout: 10_000 });
  return { status: Number(msg.headers?.get(REPLY_STATUS_HEADER) ?? 0), body: msg.json() };
}

/** Drops every database and the event stream of a test namespace. */
export async function dropNamespace(cfg: BaseConfig, bus?: Bus): Promise<void> {
  const conn = await createConnection({
    host: cfg.DB_HOST,
    port: cfg.DB_PORT,
    user: cfg.DB_USER,
    password: cfg.DB_PASSWORD,
  });
  try {
    const [rows] = await conn.query('SHOW DATABASES LIKE ?', [`zy\\_${cfg.ZY_NS}\\_%`]);
    for (const row of rows as Record<string, string>[]) {
      const name = Object.values(row)[0]!;
      await conn.query(`DROP DATABASE \`${name}\``);
    }
  } finally {
    await conn.end();
  }
  if (bus) {
    await bus.jsm.streams.delete(`${EVENTS_STREAM}_${cfg.ZY_NS.toUpperCase()}`).catch(() => undefined);
    // KV buckets of the namespace (e.g. the gateway's ended sessions) are streams `KV_zy_<ns>_*`
    for await (const name of bus.jsm.streams.names()) {
      if (name.startsWith(`KV_zy_${cfg.ZY_NS}_`)) await bus.jsm.streams.delete(name).catch(() => undefined);
    }
  }
}

/** Polls `cond` every 50 ms until it holds; fails with `what` after `timeoutMs`. */
export async function until(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
