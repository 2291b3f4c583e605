import { randomUUID } from 'node:crypto';
import { AckPolicy, DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import { EVENTS_STREAM, type EventDef, EventEnvelope } from '@zhanye/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Bus } from './bus.ts';
import type { Logger } from './logger.ts';

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
  const loop = async () => {
    while (!stopped) {
      try {
        const n = await publishBatch();
        if (n === 100) continue;
      } catch (e) {
        log.warn({ err: e }, 'outbox relay: will retry');
      }
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, intervalMs);
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
}

/** Consumes an event idempotently: a redelivered or duplicated event changes nothing twice. */
export async function consumeEvent<P extends z.ZodType>(opts: ConsumerOptions<P>) {
  const { bus, ds, log } = opts;
  const stream = await ensureEventStream(bus);
  const durable = `${bus.ns}-${opts.durable}`;
  const filter = bus.subject(opts.event.subject);
  const existing = await bus.jsm.consumers.info(stream, durable).catch(() => undefined);
  if (!existing) {
    await bus.jsm.consumers.add(stream, {
      durable_name: durable,
      filter_subject: filter,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_deliver: -1,
      ack_wait: 30_000_000_000,
    });
  } else if (existing.config.filter_subject !== filter) {
    // a durable made by an older release with another filter would silently miss events
    await bus.jsm.consumers.update(stream, durable, { filter_subject: filter });
  }
  const consumer = await bus.js.consumers.get(stream, durable);
  const messages = await consumer.consume({ max_messages: 100 });
  const handleOne = async (msg: JsMsg) => {
    try {
      const envelope = EventEnvelope.parse(msg.json());
      const payload = opts.event.payload.parse(envelope.payload);
      await ds.transaction(async (m) => {
        const res: { affectedRows: number } = await m.query(
          'INSERT IGNORE INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, UTC_TIMESTAMP(3))',
          [opts.durable, envelope.id],
        );
        if (res.affectedRows === 0) return; // seen before
        await opts.handle(m, payload, envelope, { subject: msg.subject.slice(bus.ns.length + 1) });
      });
      msg.ack();
    } catch (e) {
      log.warn({ err: e, subject: msg.subject, seq: msg.seq }, 'event handling failed; redelivering');
      msg.nak(1000);
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
