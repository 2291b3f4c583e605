import { randomUUID } from 'node:crypto';
import { type AuditEntry, auditSubject, type EventEnvelope, type Principal } from '@zhanye/contracts';
import type { DataSource } from 'typeorm';
import type { Bus } from './bus.ts';
import type { Logger } from './logger.ts';

/** Where a service with a database keeps audit records until they are published: its outbox. */
export interface AuditOutbox {
  ds: DataSource;
  /** Wakes the outbox relay so the record is published now rather than at its next tick. */
  kick(): void;
}

/**
 * Keys whose values never reach the audit log: secrets, personal data, and paging cursors (a
 * cursor names a record, possibly of another bank, that the log's readers must not learn).
 */
export const SECRET_KEYS = /password|secret|token|recovery|idNumber|phone|cursor/i;
/** Inputs larger than this (as JSON) are recorded as their size only. */
const MAX_INPUT_CHARS = 8192;

/** What a handler may add to its audit record (`ctx.audit`): the entity, and its state before and after. */
export interface AuditNotes {
  target?: string;
  before?: unknown;
  after?: unknown;
}

/** A copy of `value` with every secret-looking key's value replaced by `***` (at any depth). */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return '…';
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k) ? '***' : maskSecrets(v, depth + 1),
      ]),
    );
  }
  return value;
}

/** Masked, and bounded in size, so a huge body cannot bloat the log. */
function bounded(value: unknown): unknown {
  if (value === undefined) return undefined;
  const masked = maskSecrets(value);
  const size = JSON.stringify(masked)?.length ?? 0;
  return size > MAX_INPUT_CHARS ? { truncated: true, chars: size } : masked;
}

/** The actor fields of an audit entry from a principal (or nothing known). */
export function auditActor(
  p: Principal | undefined,
): Pick<AuditEntry, 'userId' | 'username' | 'bankId' | 'orgId' | 'orgPath'> {
  return {
    userId: p?.userId ?? null,
    username: p?.username ?? null,
    bankId: p?.bankId ?? null,
    orgId: p?.orgId ?? null,
    orgPath: p?.orgPath ?? null,
  };
}

/**
 * Records one audit entry; never throws and never delays the caller beyond one local insert.
 * - With an `outbox` (services with a database): the entry is inserted into the service's outbox
 *   and the relay publishes it to JetStream, so a NATS outage delays records but loses none. A
 *   crash between the handler's commit and this insert is the remaining window.
 * - Without (the gateway): published straight to JetStream, in up to six attempts 0.5-8 s apart;
 *   lost only if NATS stays unreachable that long or the process dies meanwhile.
 * The platform's consumer appends entries idempotently (by id) to the hash-chained `audit_log`.
 */
export function recordAudit(
  bus: Bus,
  log: Logger,
  entry: Omit<AuditEntry, 'at' | 'input' | 'before' | 'after'> & {
    input?: unknown;
    before?: unknown;
    after?: unknown;
  },
  outbox?: AuditOutbox,
): Promise<void> {
  const warn = (err: unknown) =>
    log.warn({ err, action: entry.action, requestId: entry.requestId }, 'audit record not published');
  try {
    // a fresh id per entry: request ids come from clients, so deduplicating on them would let a
    // client silence the record of its second request by reusing the id
    const id = randomUUID();
    const at = new Date().toISOString();
    const payload: AuditEntry = {
      ...entry,
      at,
      input: bounded(entry.input),
      before: bounded(entry.before),
      after: bounded(entry.after),
    };
    const subject = auditSubject(entry.service);
    const envelope: EventEnvelope = {
      id,
      subject,
      occurredAt: at,
      bankId: entry.bankId ?? '',
      payload,
    };
    const publish = async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          await bus.js.publish(bus.subject(subject), JSON.stringify(envelope), {
            msgID: id,
            timeout: 5000,
          });
          return;
        } catch (err) {
          if (attempt >= 5 || bus.nc.isClosed()) throw err;
          await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
        }
      }
    };
    if (!outbox) return publish().catch(warn);
    return outbox.ds
      .query(
        'INSERT INTO outbox (id, subject, bank_id, payload, occurred_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3))',
        [id, subject, envelope.bankId, JSON.stringify(payload)],
      )
      .then(
        () => outbox.kick(),
        (err: unknown) => {
          log.warn({ err }, 'audit outbox insert failed; publishing directly');
          return publish().catch(warn);
        },
      );
  } catch (err) {
    warn(err);
    return Promise.resolve();
  }
}
