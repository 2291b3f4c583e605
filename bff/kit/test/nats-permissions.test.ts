import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import {
  connect,
  type NatsConnection,
  PermissionViolationError,
  RequestError,
} from '@nats-io/transport-node';
import {
  accessEpochKey,
  apiSubject,
  applicationApproved,
  ENDED_SESSION_TTL_MS,
  lookupCustomerCall,
  type Principal,
  REPLY_STATUS_HEADER,
  sessionBucket,
} from '@zhanye/contracts';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxPrefix, renderNatsConfig, streamName } from '../../../scripts/nats-config.ts';
// the real code on both sides of the session buckets
import { SessionWatch } from '../../gateway/src/session-watch.ts';
import { SessionSignals } from '../../platform/src/session/session.kv.ts';
import type { Bus } from '../src/bus.ts';
import { CallerTokens } from '../src/caller.ts';
import { consumeEvent } from '../src/events.ts';
import { createLogger } from '../src/logger.ts';
import {
  answer,
  callService,
  type RunningService,
  respondingServices,
  startService,
} from '../src/service.ts';
import { principal } from '../src/testing.ts';

/**
 * The subject permissions of docs/nats-security.md (rendered by scripts/nats-config.ts), enforced
 * by a real nats-server that this test starts with authorization on: what a component may do
 * works, what it may not is refused by the server (a permissions violation, not a timeout).
 */

const NATS_SERVER = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';
const NS = `t${randomBytes(4).toString('hex')}`;
const SECRET = randomBytes(24).toString('hex');
const USERS = ['gateway', 'platform', 'marketing', 'customer', 'credit', 'ops'] as const;
type User = (typeof USERS)[number];
const passwords = Object.fromEntries(USERS.map((u) => [u, randomBytes(12).toString('hex')])) as Record<
  User,
  string
>;
const s = (relative: string) => `${NS}.${relative}`;

let dir: string;
let server: ChildProcess | undefined;
let url: string;
const open: NatsConnection[] = [];
const running: RunningService[] = [];

interface Conn {
  nc: NatsConnection;
  /** Permission violations the server reported on this connection (async `-ERR`). */
  violations: PermissionViolationError[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function as(user: User, inbox = inboxPrefix(user)): Promise<Conn> {
  const nc = await connect({
    servers: url,
    user,
    pass: passwords[user],
    name: `${NS}.${user}`,
    inboxPrefix: inbox,
    reconnect: false,
  });
  open.push(nc);
  const violations: PermissionViolationError[] = [];
  void (async () => {
    for await (const st of nc.status()) {
      if (st.type === 'error' && st.error instanceof PermissionViolationError) violations.push(st.error);
    }
  })();
  return { nc, violations };
}

/** Resolves when the server has reported a violation of `operation` on `subject` to this connection. */
async function violation(c: Conn, operation: 'publish' | 'subscription', subject: string) {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    const v = c.violations.find((e) => e.operation === operation && e.subject === subject);
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no ${operation} violation on ${subject}; saw ${c.violations.map((e) => e.message)}`);
}

/** A request the server refused to let out: nats.js rejects it at once with a RequestError caused by the violation. */
async function refusedRequest(request: Promise<unknown>): Promise<PermissionViolationError> {
  const err = await request.then(
    () => {
      throw new Error('request was answered');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RequestError);
  const cause = (err as RequestError).cause;
  expect(cause).toBeInstanceOf(PermissionViolationError);
  expect((cause as PermissionViolationError).operation).toBe('publish');
  return cause as PermissionViolationError;
}

/** A kit Bus on an authenticated connection (kit `connectBus` cannot pass credentials yet). */
async function busFor(c: Conn): Promise<Bus> {
  return {
    nc: c.nc,
    js: jetstream(c.nc),
    jsm: await jetstreamManager(c.nc),
    ns: NS,
    tokens: new CallerTokens(SECRET),
    subject: (relative) => `${NS}.${relative}`,
  };
}

const log = createLogger('nats-permissions', 'silent');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zy-nats-'));
  const port = await freePort();
  url = `nats://127.0.0.1:${port}`;
  const conf = join(dir, 'nats.conf');
  writeFileSync(
    conf,
    renderNatsConfig({
      ns: NS,
      host: '127.0.0.1',
      port,
      jetstreamDir: join(dir, 'js'),
      users: Object.fromEntries(USERS.map((u) => [u, { password: passwords[u] }])),
    }),
  );
  const proc = spawn(NATS_SERVER, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  server = proc;
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  // up when a user can log in
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`nats-server exited ${proc.exitCode}: ${stderr}`);
    try {
      const nc = await connect({ servers: url, user: 'ops', pass: passwords.ops, reconnect: false });
      // the event stream is provisioned by ops: services may only look it up
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({
        name: streamName(NS),
        subjects: [s('evt.>')],
        duplicate_window: 120_000_000_000,
      });
      await nc.close();
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`nats-server not ready: ${String(e)}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

afterAll(async () => {
  for (const r of running) await r.stop().catch(() => undefined);
  for (const nc of open) await nc.close().catch(() => undefined);
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server?.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('NATS subject permissions (auth-enabled nats-server)', () => {
  it('refuses a wrong password and an unknown user', async () => {
    await expect(
      connect({ servers: url, user: 'marketing', pass: 'wrong', reconnect: false }),
    ).rejects.toThrow(/authorization/i);
    await expect(connect({ servers: url, reconnect: false })).rejects.toThrow(/authorization/i);
  });

  it('customer answers svc.customer.lookup in queue group q; marketing asks it through the kit', async () => {
    const customer = await as('customer');
    const marketing = await as('marketing');
    const seen: Principal[] = [];
    running.push(
      await startService({
        name: 'customer',
        version: '0.0.0-test',
        bus: await busFor(customer),
        log,
        routes: [],
        internal: [
          answer(lookupCustomerCall, async ({ caller }) => {
            seen.push(caller);
            return { customer: null };
          }),
        ],
      }),
    );
    const reply = await callService(
      await busFor(marketing),
      lookupCustomerCall,
      { id: randomUUID() },
      principal({ username: 'mk1' }),
      'marketing',
    );
    expect(reply).toEqual({ customer: null });
    expect(seen.map((p) => p.username)).toEqual(['mk1']);
    // the kit's service runtime ($SRV discovery, stream lookup) needs nothing beyond the customer's grants
    expect(customer.violations).toEqual([]);
    expect(marketing.violations).toEqual([]);

    // anything under svc.customer.> may be served by customer; other services may ask only the declared calls
    const sub = customer.nc.subscribe(s('svc.customer.plain'), {
      queue: 'q',
      callback: (_e, m) => void m.respond('pong'),
    });
    await customer.nc.flush();
    const credit = await as('credit');
    // credit may not ask svc.customer.plain: only the declared call
    await refusedRequest(credit.nc.request(s('svc.customer.plain'), 'ping', { timeout: 1000 }));
    expect(customer.violations).toEqual([]);
    const ok = await credit.nc.request(s(lookupCustomerCall.subject), '{}', { timeout: 2000 });
    expect(ok.json()).toMatchObject({ ok: false, status: 401 });
    sub.unsubscribe();
  });

  it('marketing may not listen on api.credit (it would receive the gateway’s requests)', async () => {
    const marketing = await as('marketing');
    for (const queue of [undefined, 'q']) {
      const sub = marketing.nc.subscribe(s(apiSubject('credit')), queue ? { queue } : {});
      const closed = await sub.closed;
      expect(closed).toBeInstanceOf(PermissionViolationError);
      expect((closed as PermissionViolationError).operation).toBe('subscription');
    }
    const v = await violation(marketing, 'subscription', s(apiSubject('credit')));
    expect(v.message).toMatch(/permissions violation/i);
  });

  it('marketing may not publish to api.credit (forging a gateway request); the gateway may', async () => {
    const credit = await as('credit');
    const received: string[] = [];
    credit.nc.subscribe(s(apiSubject('credit')), {
      queue: 'q',
      callback: (_e, m) => {
        received.push(m.string());
        m.respond('{}');
      },
    });
    await credit.nc.flush();

    const marketing = await as('marketing');
    const forged = JSON.stringify({ method: 'GET', path: '/x', query: {}, body: null, caller: 'forged' });
    const refused = await refusedRequest(
      marketing.nc.request(s(apiSubject('credit')), forged, { timeout: 2000 }),
    );
    expect(refused.subject).toBe(s(apiSubject('credit')));
    marketing.nc.publish(s(apiSubject('credit')), forged);
    await violation(marketing, 'publish', s(apiSubject('credit')));

    const gateway = await as('gateway');
    await gateway.nc.request(s(apiSubject('credit')), 'from-gateway', { timeout: 2000 });
    await credit.nc.flush();
    expect(received).toEqual(['from-gateway']);
  });

  it('marketing may not answer svc.risk.prescreen, read others’ replies, events or the audit trail', async () => {
    const marketing = await as('marketing');
    const refusedSubscriptions = [
      s('svc.risk.prescreen'),
      s('svc.customer.lookup'), // may ask it, not answer it
      '_INBOX.>',
      `${inboxPrefix('gateway')}.>`,
      s('evt.audit.*'),
      s('evt.audit.credit'),
      s('evt.>'),
      '>',
    ];
    for (const subject of refusedSubscriptions) {
      const sub = marketing.nc.subscribe(subject, { queue: 'q' });
      expect(await sub.closed, subject).toBeInstanceOf(PermissionViolationError);
    }
    const stream = streamName(NS);
    const refusedPublishes = [
      s('svc.risk.prescreen'),
      s('evt.credit.application.approved'), // forging another domain's event
      s('evt.audit.credit'), // writing audit records in another service's name
      s('evt.audit.gateway'),
      `$JS.API.CONSUMER.CREATE.${stream}.spy.${s('evt.audit.*')}`,
      `$JS.API.STREAM.MSG.GET.${stream}`,
      `$JS.API.STREAM.DELETE.${stream}`,
      '$SRV.STATS.zy-customer',
    ];
    for (const subject of refusedPublishes) {
      marketing.nc.publish(subject, '{}');
      await violation(marketing, 'publish', subject);
    }
  });

  it('the gateway may request api.marketing and record audit under its own name; it may not answer services', async () => {
    const marketing = await as('marketing');
    running.push(
      await startService({
        name: 'marketing',
        version: '0.0.0-test',
        bus: await busFor(marketing),
        log,
        routes: [],
      }),
    );
    const gateway = await as('gateway');
    const envelope = {
      method: 'GET',
      path: '/nothing',
      query: {},
      body: null,
      caller: null,
      requestId: 'r1',
    };
    const msg = await gateway.nc.request(s(apiSubject('marketing')), JSON.stringify(envelope), {
      timeout: 2000,
    });
    expect(msg.headers?.get(REPLY_STATUS_HEADER)).toBe('404');
    const ack = await jetstream(gateway.nc).publish(s('evt.audit.gateway'), '{}', { msgID: randomUUID() });
    expect(ack.stream).toBe(streamName(NS));
    expect(marketing.violations).toEqual([]);
    expect(gateway.violations).toEqual([]);

    const sub = gateway.nc.subscribe(s('svc.platform.authenticate'), { queue: 'q' });
    expect(await sub.closed).toBeInstanceOf(PermissionViolationError);
  });
  it('credit publishes its event; customer creates its own durable consumer and acks; marketing cannot', async () => {
    const customer = await as('customer');
    const handled: string[] = [];
    // the consumer's ledger transaction, without a database: every event is new
    const ds = {
      transaction: async (fn: (m: unknown) => Promise<unknown>) =>
        fn({ query: async () => ({ affectedRows: 1 }) }),
    } as unknown as DataSource;
    const consumer = await consumeEvent({
      bus: await busFor(customer),
      ds,
      log,
      durable: 'customer-timeline-credit-approved',
      event: applicationApproved,
      handle: async (_m, p) => void handled.push(p.applicationId),
    });
    try {
      const credit = await as('credit');
      const payload = {
        applicationId: 'app-1',
        customerId: 'c-1',
        amount: '1000.00',
        termMonths: 12,
        productCode: 'p',
        approvedBy: 'u',
        approvedByName: 'n',
      };
      const id = randomUUID();
      await jetstream(credit.nc).publish(
        s(applicationApproved.subject),
        JSON.stringify({
          id,
          subject: applicationApproved.subject,
          occurredAt: new Date().toISOString(),
          bankId: 'b',
          payload,
        }),
        { msgID: id },
      );
      const deadline = Date.now() + 5000;
      while (handled.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(handled).toEqual(['app-1']);
      // acked: nothing left pending for the durable
      const jsm = await jetstreamManager(customer.nc);
      const name = `${NS}-customer-timeline-credit-approved`;
      await expect.poll(async () => (await jsm.consumers.info(streamName(NS), name)).num_ack_pending).toBe(0);
      expect(customer.violations).toEqual([]);
      expect(credit.violations).toEqual([]);

      // another service cannot attach to the customer's durable or create one on the audit records
      const marketing = await as('marketing');
      for (const subject of [
        `$JS.API.CONSUMER.MSG.NEXT.${streamName(NS)}.${name}`,
        `$JS.API.CONSUMER.CREATE.${streamName(NS)}.${NS}-platform-audit.${s('evt.audit.*')}`,
      ]) {
        marketing.nc.publish(subject, '{}');
        await violation(marketing, 'publish', subject);
      }
      // nor may the customer widen its own consumer's filter to the audit records
      const widened = `$JS.API.CONSUMER.CREATE.${streamName(NS)}.${name}.${s('evt.audit.*')}`;
      customer.nc.publish(widened, '{}');
      await violation(customer, 'publish', widened);
    } finally {
      await consumer.stop();
    }
  });

  it('session buckets: ops provisions them, the platform writes, the gateway watches; marketing can do neither', async () => {
    const ops = await as('ops', '_INBOX');
    const kvm = new Kvm(ops.nc);
    await kvm.create(sessionBucket(NS, 'ended'), { ttl: ENDED_SESSION_TTL_MS, history: 1 });
    await kvm.create(sessionBucket(NS, 'access'), { history: 1 });
    const gateway = await as('gateway');
    const platform = await as('platform');
    const watch = await SessionWatch.open(await busFor(gateway), log);
    const signals = await SessionSignals.open(await busFor(platform));
    await signals.sessionEnded('sid-1', 'revoked_by_admin');
    await signals.bump([accessEpochKey.user('u-am1')], 1234);
    await expect.poll(() => watch.endReason('sid-1')).toBe('revoked_by_admin');
    await expect.poll(() => watch.epochOf({ userId: 'u-am1', bankId: 'bank-a' })).toBe(1234);
    expect(gateway.violations).toEqual([]);
    expect(platform.violations).toEqual([]);

    // marketing can neither end sessions (a denial of service) nor read who signed out
    const marketing = await as('marketing');
    const ended = `$KV.${sessionBucket(NS, 'ended')}.sid-2`;
    marketing.nc.publish(ended, 'logout');
    await violation(marketing, 'publish', ended);
    const spy = `$JS.API.CONSUMER.CREATE.KV_${sessionBucket(NS, 'ended')}`;
    marketing.nc.publish(spy, '{}');
    await violation(marketing, 'publish', spy);
    // nor can the gateway write them
    const forged = `$KV.${sessionBucket(NS, 'access')}.all`;
    gateway.nc.publish(forged, '1');
    await violation(gateway, 'publish', forged);
  });

  it('notices: a service pushes only on its own push subject, and the gateway receives them all', async () => {
    const gateway = await as('gateway');
    const got: string[] = [];
    gateway.nc.subscribe(s('push.>'), {
      callback: (_e, m) => {
        got.push(m.subject);
      },
    });
    await gateway.nc.flush();
    const credit = await as('credit');
    credit.nc.publish(s('push.credit'), '{}');
    await credit.nc.flush();
    await expect.poll(() => got).toEqual([s('push.credit')]);
    // credit cannot speak for risk
    credit.nc.publish(s('push.risk'), '{}');
    await violation(credit, 'publish', s('push.risk'));
    // nor listen to what others push
    const marketing = await as('marketing');
    marketing.nc.subscribe(s('push.>'));
    await violation(marketing, 'subscription', s('push.>'));
    expect(gateway.violations).toEqual([]);
  });

  it('the gateway may ping every service at once for /readyz; marketing may not', async () => {
    const customer = await as('customer');
    running.push(
      await startService({
        name: 'customer',
        version: '0.0.0-test',
        bus: await busFor(customer),
        log,
        routes: [],
      }),
    );
    const gateway = await as('gateway');
    const found = await respondingServices(await busFor(gateway));
    expect(found.get('customer')).toBeGreaterThanOrEqual(1);
    expect(gateway.violations).toEqual([]);
    const marketing = await as('marketing');
    marketing.nc.publish('$SRV.PING', '');
    await violation(marketing, 'publish', '$SRV.PING');
  });
});
