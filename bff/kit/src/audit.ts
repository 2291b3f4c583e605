import { randomUUID } from 'node:crypto';
import { type AuditEntry, auditRecorded, type EventEnvelope, type Principal } from '@zhanye/contracts';
import type { Bus } from './bus.ts';
import type { Logger } from './logger.ts';

/** Keys whose values never reach the audit log. */
export const SECRET_KEYS = /password|secret|token|idNumber|phone/i;
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
 * Publishes one audit entry to JetStream, fire-and-forget: it never throws and never delays the
 * caller (a failure is a logged warning). At-most-once: an entry is lost if NATS is unreachable
 * at that moment; the platform's consumer appends it to the hash-chained `audit_log`.
 */
export function recordAudit(
  bus: Bus,
  log: Logger,
  entry: Omit<AuditEntry, 'at' | 'input' | 'before' | 'after'> & {
    input?: unknown;
    before?: unknown;
    after?: unknown;
  },
): void {
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
    const envelope: EventEnvelope = {
      id,
      subject: auditRecorded.subject,
      occurredAt: at,
      bankId: entry.bankId ?? '',
      payload,
    };
    bus.js
      .publish(bus.subject(auditRecorded.subject), JSON.stringify(envelope), { msgID: id, timeout: 5000 })
      .catch((err: unknown) =>
        log.warn({ err, action: entry.action, requestId: entry.requestId }, 'audit record not published'),
      );
  } catch (err) {
    log.warn({ err, action: entry.action, requestId: entry.requestId }, 'audit record not published');
  }
}
