import { z } from 'zod';
import { eventDef, internalCall } from '../bus.ts';
import { Money } from '../http.ts';

/**
 * External data feeds (外部数据: core-banking transactions, tax, utility and court records), an
 * external system the bank owns. In this repository they are SIMULATED by `bff/sim-feeds`
 * (deterministic per customer and seed); a bank connects its real feeds by answering
 * `svc.feeds.pull` and publishing `evt.feeds.fact.recorded` the same way. Amounts are decimal
 * strings (yuan); the fact id is stable, so a fact pushed and pulled again is the same fact.
 */
const base = {
  /** Stable per fact: the read model keeps a fact once whatever delivers it again. */
  factId: z.string().min(1).max(64),
  bankId: z.string().max(64),
  /** The customer's id (customer and credit's customer id). */
  customerRef: z.string().max(64),
  /** When it happened (ISO time). */
  at: z.string(),
};

export const FeedFact = z.discriminatedUnion('source', [
  z.object({
    ...base,
    source: z.literal('txn'),
    amount: Money,
    direction: z.enum(['in', 'out']),
    channel: z.string().max(16),
  }),
  z.object({
    ...base,
    source: z.literal('tax'),
    period: z.string().regex(/^\d{4}-\d{2}$/),
    income: Money,
    taxPaid: Money,
  }),
  z.object({
    ...base,
    source: z.literal('utility'),
    kind: z.enum(['electricity', 'water', 'gas']),
    billed: Money,
    paid: Money,
    arrears: Money,
  }),
  z.object({
    ...base,
    source: z.literal('court'),
    kind: z.enum(['lawsuit', 'enforcement', 'dishonest']),
    role: z.enum(['defendant', 'plaintiff']),
    amount: Money,
    status: z.enum(['open', 'closed']),
  }),
]);
export type FeedFact = z.infer<typeof FeedFact>;

/** A fact the feed pushes as it happens (`source: simulator` while simulated). */
export const feedFactRecorded = eventDef({
  subject: 'evt.feeds.fact.recorded',
  payload: z.object({ origin: z.enum(['simulator', 'feed']), fact: FeedFact }),
});

/** One customer's facts between two times (risk asks when it needs them now). */
export const feedsPullCall = internalCall({
  subject: 'svc.feeds.pull',
  service: 'feeds',
  input: z.object({
    bankId: z.string().max(64),
    customerRef: z.string().max(64),
    from: z.string(),
    to: z.string(),
  }),
  output: z.object({ origin: z.enum(['simulator', 'feed']), facts: z.array(FeedFact) }),
});
