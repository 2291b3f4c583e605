import { z } from 'zod';

/**
 * NATS contracts. Every subject here is relative: services and the gateway prefix it with
 * their namespace (`ZY_NS`, e.g. `dev.`), so two stacks can share one NATS server.
 */

/** The gateway forwards `/api/<domain>/...` to this subject; the domain's service answers in a queue group. */
export const apiSubject = (domain: string) => `api.${domain}`;

export const RequestEnvelope = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  /** Path after `/api/<domain>`, e.g. `/customers/42`. */
  path: z.string(),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  body: z.unknown(),
  /** Caller token signed by the gateway for this domain (audience), or null. */
  caller: z.string().nullable(),
  requestId: z.string(),
  idempotencyKey: z.string().optional(),
  /** The browser's address as the gateway saw it (evidence of who did what from where). */
  clientIp: z.string().max(64).nullable().optional(),
  /**
   * The deadline: how long (ms) the sender waits for the answer from the moment it sent the
   * request (the gateway's API timeout). The service refuses the work once it has passed and
   * commits nothing after it. A budget, not a time of day, so clocks need not agree.
   */
  timeoutMs: z.number().int().nonnegative().max(600_000).optional(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

/**
 * A service's answer. On the wire the message data is the JSON body and the status travels in
 * the `Zy-Status` header, so the gateway passes the bytes through without parsing them again.
 */
export interface ReplyEnvelope {
  status: number;
  body: unknown;
}
export const REPLY_STATUS_HEADER = 'Zy-Status';

/** A service-to-service question that needs an answer now (request-reply). */
export interface InternalCall<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly subject: string;
  /** The service answering it; the caller's token is signed for this audience. */
  readonly service: string;
  readonly input: I;
  readonly output: O;
}
export const internalCall = <I extends z.ZodType, O extends z.ZodType>(c: InternalCall<I, O>) => c;

/** A fact published on JetStream: `evt.<domain>.<entity>.<verb>`. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly subject: `evt.${string}`;
  readonly payload: P;
}
export const eventDef = <P extends z.ZodType>(e: EventDef<P>) => e;

/** Every event travels in this envelope. `id` is the outbox row id: consumers deduplicate on it. */
export const EventEnvelope = z.object({
  id: z.string(),
  subject: z.string(),
  occurredAt: z.string(),
  bankId: z.string(),
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** The one JetStream stream holding every domain event. */
export const EVENTS_STREAM = 'ZY_EVENTS';
