import { z } from 'zod';
import { eventDef } from '../bus.ts';
import { wholeNumber } from '../http.ts';

/** `ok`, or the error code the request ended with (`FORBIDDEN`, `UNAUTHENTICATED`, `RATE_LIMITED`, ...). */
export const AuditResult = z.string();

/**
 * One audited fact: a mutation (success or failure), a refused permission, a login or logout.
 * Secrets are masked before it leaves the process that saw them (`input`, `before`, `after`).
 * No length limits here: a malformed record must never become an event nobody can consume;
 * the platform trims fields to its columns.
 */
export const AuditEntry = z.object({
  /** Who acted; null when unknown (a failed login with an unknown username). */
  userId: z.string().nullable(),
  username: z.string().nullable(),
  bankId: z.string().nullable(),
  orgId: z.string().nullable(),
  orgPath: z.string().nullable(),
  /** The endpoint id (`credit.approveApplication`) or `auth.login` / `auth.logout`. */
  action: z.string(),
  /** The entity acted on, when there is one (e.g. the application id). */
  target: z.string().nullable(),
  result: AuditResult,
  /** HTTP status of the answer. */
  status: z.number().int(),
  requestId: z.string(),
  /** The service (or `gateway`) that decided the answer. */
  service: z.string(),
  /** ISO time the answer was decided. */
  at: z.string(),
  input: z.unknown().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * Audit records travel on `evt.audit.<service>`: each component may publish only on its own
 * subject (NATS permissions, `docs/nats-security.md`), so the platform knows who really wrote a
 * record whatever its `service` field claims. `auditRecorded` is the family the platform consumes.
 */
export const auditSubject = (service: string) => {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(service)) throw new Error(`not a service name: ${service}`);
  return `evt.audit.${service}` as const;
};
export const auditRecorded = eventDef({ subject: 'evt.audit.*', payload: AuditEntry });
/** The publisher named by an audit subject (`evt.audit.credit` -> `credit`). */
export const auditPublisher = (subject: string): string | undefined =>
  /^evt\.audit\.([^.]+)$/.exec(subject)?.[1];

/** The chain of records without a bank, and of every record written before per-bank chains. */
export const UNION_CHAIN = '*';

/**
 * A stored audit record: the entry plus its place in its hash chain. Each bank has its own chain
 * (so its numbering reveals nothing about other banks); `*` holds records without a bank and the
 * records written while there was one chain for the whole union.
 */
export const AuditRecord = AuditEntry.extend({
  id: z.string(),
  /** The chain holding the record: its bank's id, or `*`. */
  chain: z.string(),
  /** Position in its chain, 1-based, no gaps. */
  seq: z.number().int(),
  prevHash: z.string(),
  /** sha256(prevHash + canonical JSON of the record). */
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const AuditQuery = z.object({
  user: z.string().max(64).optional(),
  action: z.string().max(100).optional(),
  result: z.string().max(32).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: wholeNumber({ min: 1 }).default(1),
  pageSize: wholeNumber({ min: 1, max: 200 }).default(50),
});

export const AuditPage = z.object({
  items: z.array(AuditRecord),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** One chain's check. */
export const AuditChainCheck = z.object({
  chain: z.string(),
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAt: z.number().int().optional(),
  reason: z.string().optional(),
});
export type AuditChainCheck = z.infer<typeof AuditChainCheck>;

/**
 * The check of the chains the caller may verify: a bank's admin their bank's chain, a union
 * auditor (scope `all`) every chain. `ok` only if every one holds; `chain`, `brokenAt` and
 * `reason` name the first broken one.
 */
export const AuditVerification = z.object({
  ok: z.boolean(),
  /** Records checked, in every chain. */
  checked: z.number().int(),
  /** The first broken chain; absent when ok. */
  chain: z.string().optional(),
  /** The seq, in that chain, of the first record whose hash, link or position does not hold. */
  brokenAt: z.number().int().optional(),
  reason: z.string().optional(),
  /** Each chain checked. */
  chains: z.array(AuditChainCheck).optional(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
