import { randomUUID } from 'node:crypto';
import { type EventEnvelope, eventDef } from '@zhanye/contracts';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Bus, connectBus } from '../src/bus.ts';
import type { BaseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';
import { consumeEvent, EVENT_ACK_WAIT_MS, ensureEventStream } from '../src/events.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { dropNamespace, testConfig, until } from '../src/testing.ts';
import { type PrivateServer, privateMariadb } from '../src/testing-servers.ts';

/**
 * Event consumers under faults: a database outage is two log lines however many retries, with
 * retries backing off; an event held by a copy that died comes back after a short ack wait; a
 * long handler keeps its event.
 */

const ping = eventDef({ subject: 'evt.test.ping', payload: z.object({ n: z.number() }) });
const quiet = createLogger('event-faults', 'silent');

/** A logger whose lines the test reads (pino levels: 20 debug, 30 info, 40 warn, 50 error). */
function captureLog() {
  const lines: { level: number; msg: string; retryInMs?: number }[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s)) }) as Logger;
  return { log, lines };
}

const publish = (bus: Bus, n: number) => {
  const envelope: EventEnvelope = {
    id: randomUUID(),
    subject: ping.subject,
    occurredAt: new Date().toISOString(),
    bankId: 'bank-a',
    payload: { n },
  };
  return bus.js.publish(bus.subject(ping.subject), JSON.stringify(envelope), { msgID: envelope.id });
};

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

/** A namespace with its bus and database, dropped after the file. */
async function namespace(cfg: BaseConfig) {
  const bus = await connectBus(cfg, 'event-faults', quiet);
  await ensureEventStream(bus);
  cleanups.push(async () => {
    await dropNamespace(cfg, bus);
    await bus.nc.close();
  });
  return bus;
}

/** One consumer copy with its own NATS connection and database pool, as a separate process has. */
async function copy(
  cfg: BaseConfig,
  durable: string,
  handle: (ds: DataSource, n: number) => Promise<void>,
  extra: { log?: Logger; ackWaitMs?: number; retry?: { initialMs: number; maxMs: number } } = {},
) {
  const bus = await connectBus(cfg, `event-faults-${durable}`, quiet);
  const ds = await openDatabase({ cfg, service: 'events', entities: [], migrations: [], log: quiet });
  const consumer = await consumeEvent({
    bus,
    ds,
    log: extra.log ?? quiet,
    durable,
    event: ping,
    handle: (_m, p) => handle(ds, p.n),
    ...(extra.ackWaitMs ? { ackWaitMs: extra.ackWaitMs } : {}),
    ...(extra.retry ? { retry: extra.retry } : {}),
  });
  let dead = false;
  const kill = async () => {
    // what a SIGKILL leaves: connections gone, nothing acked, the handler never finished
    dead = true;
    await bus.nc.close();
    await ds.destroy();
  };
  cleanups.push(async () => {
    if (dead) return;
    await consumer.stop();
    await ds.destroy();
    await bus.nc.close();
  });
  return { bus, ds, kill };
}

describe('event consumers under faults', () => {
  let db: PrivateServer | undefined;
  afterAll(() => db?.close());

  it('logs a database outage once when it starts and once when it ends, however many retries, backing off', async () => {
    db = await privateMariadb();
    const cfg = testConfig({ DB_HOST: db.url, DB_PORT: String(db.port) });
    const bus = await namespace(cfg);
    const { log, lines } = captureLog();
    const handled: number[] = [];
    await copy(
      cfg,
      'outage',
      async (ds, n) => {
        await ds.query('SELECT 1');
        handled.push(n);
      },
      { log, retry: { initialMs: 100, maxMs: 400 } },
    );
    await publish(bus, 1);
    await until(() => handled.includes(1), 10_000, 'the first event handled');

    await db.stop('SIGKILL');
    await publish(bus, 2);
    // the event keeps failing while the database is down: JetStream counts each delivery
    const stream = await ensureEventStream(bus);
    const deliveries = async () =>
      (await bus.jsm.consumers.info(stream, `${cfg.ZY_NS}-outage`)).delivered.consumer_seq;
    await until(async () => (await deliveries()) >= 1 + 7, 20_000, 'seven deliveries during the outage');
    await db.start();
    await until(() => handled.includes(2), 20_000, 'the event handled after the outage');

    const at = (level: number) => lines.filter((l) => l.level === level).map((l) => l.msg);
    expect(at(50)).toEqual([]);
    expect(at(40)).toEqual(['event handling (outage): unavailable, retrying with backoff']);
    expect(at(30)).toEqual(['event handling (outage): recovered']);
    expect(at(20).filter((m) => /still unavailable/.test(m)).length).toBeGreaterThanOrEqual(6);
    // the delay grows from the first failure and stops at the cap
    const delays = lines.filter((l) => l.retryInMs !== undefined).map((l) => l.retryInMs as number);
    expect(delays.slice(0, 3)).toEqual([100, 200, 400]);
    expect(delays.every((d, i) => d <= 400 && (i === 0 || d >= delays[i - 1]!))).toBe(true);
  });

  it('redelivers an event held by a copy that died after the short ack wait, not 30 s later', async () => {
    const cfg = testConfig();
    const bus = await namespace(cfg);
    let taken = false;
    const a = await copy(cfg, 'crash', async () => {
      taken = true;
      await new Promise(() => undefined); // dies before it finishes
    });
    await publish(bus, 7);
    await until(() => taken, 10_000, 'copy A taking the event');
    const survivor: number[] = [];
    await copy(cfg, 'crash', async (_ds, n) => {
      survivor.push(n);
    });
    await a.kill();
    // JetStream gives the event to the survivor after the ack wait (30 s before the fix)
    await until(() => survivor.includes(7), 20_000, 'the redelivery to the surviving copy');
    const info = await bus.jsm.consumers.info(await ensureEventStream(bus), `${cfg.ZY_NS}-crash`);
    expect(EVENT_ACK_WAIT_MS).toBeLessThanOrEqual(5000);
    expect(info.config.ack_wait).toBe(EVENT_ACK_WAIT_MS * 1_000_000);
    // delivered twice: to the copy that died, then to the survivor
    expect(info.delivered.consumer_seq).toBe(2);
    expect(survivor).toEqual([7]);
  });

  it('keeps an event whose handler runs longer than the ack wait (no redelivery meanwhile)', async () => {
    const cfg = testConfig();
    const bus = await namespace(cfg);
    let calls = 0;
    await copy(
      cfg,
      'slow',
      async () => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 2500));
      },
      { ackWaitMs: 1000 },
    );
    await publish(bus, 1);
    const stream = await ensureEventStream(bus);
    await until(
      async () =>
        (await bus.jsm.consumers.info(stream, `${cfg.ZY_NS}-slow`)).num_ack_pending === 0 && calls > 0,
      15_000,
      'the slow event acked',
    );
    const info = await bus.jsm.consumers.info(stream, `${cfg.ZY_NS}-slow`);
    // delivered once: a redelivery would count here even though the ledger kept it from the handler
    expect(info.delivered.consumer_seq).toBe(1);
    expect(calls).toBe(1);
  });
});
