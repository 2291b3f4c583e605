import { randomUUID } from 'node:crypto';
import { AckPolicy, DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import { EVENTS_STREAM, type EventDef, EventEnvelope } from '@zhanye/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Bus } from './bus.ts';
import { toAppError } from './errors.ts';
import type { Logger } from './logger.ts';
import { type Backoff, backoffDelay, LoggedCondition } from './retry.ts';

const streamName = (ns: string) => `${EVENTS_STREAM}_${ns.toUpperCase()}`;

/** Creates the namespace's event stream if missing (`<ns>.evt.>`, 2 min duplicate window). */
export async function ensureEventStream(bus: Bus): Promise<string> {
  const name = streamName(bus.ns);
  try {
    await bus.jsm.streams.info(name);
  } catch {
    try {
      await bus.jsm.streams.add({
        name,
        subjects: [bus.subject('evt.>')],
        duplicate_window: 120_000_000_000,
      });
    } catch (e) {
      // another copy created it first
      await bus.jsm.streams.info(name).catch(() => {
        throw e;
      });
    }
  }
  return name;
}

/**
 * Writes an event into the outbox in the caller's transaction. The relay publishes it after
 * commit; if the transaction rolls back, the event never existed.
 */
export async function appendEvent<P extends z.ZodType>(
  manager: EntityManager,
  event: EventDef<P>,
  bankId: string,
  payload: z.input<P>,
): Promise<string> {
  const id = randomUUID();
  const data = event.payload.parse(payload);
  await manager.query(
    'INSERT INTO outbox (id, subject, bank_id, payload, occurred_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3))',
    [id, event.subject, bankId, JSON.stringify(data)],
  );
  return id;
}

interface OutboxRow {
  id: string;
  subject: string;
  bank_id: string;
  payload: string;
  occurred_at: Date;
}

/**
 * Publishes committed outbox rows to JetStream, oldest first. The JetStream message id is the
 * outbox id, so a row published twice (crash after publish, before marking) is stored once.
 * Several copies may run: rows are claimed with SKIP LOCKED.
 */
export type OutboxRelay = ReturnType<typeof startOutboxRelay>;

/** While publishing fails: 0.2 s, 0.4 s ... up to 5 s between attempts (a kick still tries at once). */
const RELAY_RETRY: Backoff = { initialMs: 200, maxMs: 5000 };

export function startOutboxRelay(ds: DataSource, bus: Bus, log: Logger, intervalMs = 200) {
  let stopped = false;
  let wake: (() => void) | undefined;
  const publishBatch = async (): Promise<number> =>
    ds.transaction(async (m) => {
      const rows: OutboxRow[] = await m.query(
        'SELECT id, subject, bank_id, payload, occurred_at FROM outbox WHERE published_at IS NULL ORDER BY occurred_at LIMIT 100 FOR UPDATE SKIP LOCKED',
      );
      for (const row of rows) {
        const envelope: EventEnvelope = {
          id: row.id,
          subject: row.subject,
          occurredAt: new Date(row.occurred_at).toISOString(),
          bankId: row.bank_id,
          payload: JSON.parse(row.payload),
        };
        await bus.js.publish(bus.subject(row.subject), JSON.stringify(envelope), { msgID: row.id });
        await m.query('UPDATE outbox SET published_at = UTC_TIMESTAMP(3) WHERE id = ?', [row.id]);
      }
      return rows.length;
    });
  // a database or JetStream outage: logged when it starts and ends, retried with backoff
  const outage = new LoggedCondition(log, 'outbox relay');
  let failures = 0;
  const loop = async () => {
    while (!stopped) {
      let wait = intervalMs;
      try {
        const n = await publishBatch();
        failures = 0;
        outage.ok();
        if (n === 100) continue;
      } catch (e) {
        failures += 1;
        wait = Math.max(intervalMs, backoffDelay(failures, RELAY_RETRY));
        outage.fail(e, { retryInMs: wait });
      }
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, wait);
      });
    }
  };
  const done = loop();
  return {
    /** Publish now instead of at the next tick (call after a commit that appended events). */
    kick: () => wake?.(),
    /** Stops after a last batch, so rows appended just before a graceful stop are not left waiting. */
    async stop() {
      stopped = true;
      wake?.();
      await done;
      await publishBatch().catch((e: unknown) =>
        log.warn({ err: e }, 'outbox relay: last batch not published'),
      );
    },
  };
}

/** How fast an event held by a consumer that died comes back to another copy (JetStream `ack_wait`). */
export const EVENT_ACK_WAIT_MS = 5000;
/** Retries of a failed event: 0.5 s, 1 s, 2 s ... up to 30 s between attempts. */
export const EVENT_RETRY: Backoff = { initialMs: 500, maxMs: 30_000 };

export interface ConsumerOptions<P extends z.ZodType> {
  bus: Bus;
  ds: DataSource;
  log: Logger;
  /** Durable consumer name, unique per service and purpose, e.g. `customer-timeline`. */
  durable: string;
  event: EventDef<P>;
  /**
   * Runs inside a transaction, at most once per event id (the ledger row is in the same
   * transaction). `subject` is the one the message really travelled on (namespace removed), which
   * NATS permissions vouch for, unlike the envelope's own `subject` field.
   */
  handle: (
    manager: EntityManager,
    payload: z.output<P>,
    envelope: EventEnvelope,
    meta: { subject: string },
  ) => Promise<void>;
  /** Tests only: a shorter ack wait and retry schedule than the defaults. */
  ackWaitMs?: number;
  retry?: Backoff;
}

/** A transient failure (database or a service unavailable, a timeout): retried quietly. */
const isTransient = (e: unknown) => {
  const code = toAppError(e).code;
  return code === 'UNAVAILABLE' || code === 'TIMEOUT';
};

/**
 * Consumes an event idempotently: a redelivered or duplicated event changes nothing twice.
 *
 * Faults: an event held by a copy that died is redelivered after `EVENT_ACK_WAIT_MS` (a handler
 * that runs longer tells JetStream it is still working); a failed event is retried with backoff
 * (`EVENT_RETRY`, counted from JetStream's delivery count, so a restart does not reset it); an
 * outage is logged once when it starts and once when it ends, a failing event once (error), and a
 * malformed envelope, which can never succeed, is terminated.
 */
export async function consumeEvent<P extends z.ZodType>(opts: ConsumerOptions<P>) {
  const { bus, ds, log } = opts;
  const ackWaitMs = opts.ackWaitMs ?? EVENT_ACK_WAIT_MS;
  const retry = opts.retry ?? EVENT_RETRY;
  const stream = await ensureEventStream(bus);
  const durable = `${bus.ns}-${opts.durable}`;
  const filter = bus.subject(opts.event.subject);
  const ackWait = ackWaitMs * 1_000_000;
  const existing = await bus.jsm.consumers.info(stream, durable).catch(() => undefined);
  if (!existing) {
    await bus.jsm.consumers.add(stream, {
      durable_name: durable,
      filter_subject: filter,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // never dropped: JetStream's own `backoff` would need a finite max_deliver (2.9)
      max_deliver: -1,
      ack_wait: ackWait,
    });
  } else if (existing.config.filter_subject !== filter || existing.config.ack_wait !== ackWait) {
    // a durable made by an older release with another filter would silently miss events; one
    // with the old 30 s ack wait would hold a dead copy's events that long
    await bus.jsm.consumers.update(stream, durable, { filter_subject: filter, ack_wait: ackWait });
  }
  const consumer = await bus.js.consumers.get(stream, durable);
  // a batch small enough to be handled well inside the ack wait
  const messages = await consumer.consume({ max_messages: 20 });
  const outage = new LoggedCondition(log, `event handling (${opts.durable})`);
  // events whose (non-transient) failure was logged, so each is reported once
  const reported = new Set<number>();
  const handleOne = async (msg: JsMsg) => {
    let envelope: EventEnvelope;
    let payload: z.output<P>;
    try {
      envelope = EventEnvelope.parse(msg.json());
      payload = opts.event.payload.parse(envelope.payload);
    } catch (e) {
      log.error({ err: e, subject: msg.subject, seq: msg.seq }, 'malformed event; terminated');
      msg.term('malformed event');
      return;
    }
    // long handlers keep the event: JetStream hears "still working" well inside the ack wait
    const beat = setInterval(
      () => {
        try {
          msg.working();
        } catch {
          // the connection is gone: the event comes back to another copy after the ack wait
        }
      },
      Math.max(100, ackWaitMs / 2),
    );
    try {
      await ds.transaction(async (m) => {
        const res: { affectedRows: number } = await m.query(
          'INSERT IGNORE INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, UTC_TIMESTAMP(3))',
          [opts.durable, envelope.id],
        );
        if (res.affectedRows === 0) return; // seen before
        await opts.handle(m, payload, envelope, { subject: msg.subject.slice(bus.ns.length + 1) });
      });
      msg.ack();
      outage.ok();
      if (reported.delete(msg.seq))
        log.info({ subject: msg.subject, seq: msg.seq }, 'event handled after retries');
    } catch (e) {
      const delay = backoffDelay(msg.info.deliveryCount, retry);
      const where = { subject: msg.subject, seq: msg.seq, attempt: msg.info.deliveryCount, retryInMs: delay };
      if (isTransient(e)) outage.fail(e, where);
      else if (!reported.has(msg.seq)) {
        if (reported.size >= 1000) reported.clear();
        reported.add(msg.seq);
        log.error({ err: e, ...where }, 'event handling failed; retrying with backoff');
      } else log.debug({ err: e, ...where }, 'event handling failed again');
      msg.nak(delay);
    } finally {
      clearInterval(beat);
    }
  };
  const done = (async () => {
    for await (const msg of messages) await handleOne(msg);
  })();
  return {
    async stop() {
      await messages.close();
      await done;
    },
  };
}
