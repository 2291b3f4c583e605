import { type FeedFact, feedFactRecorded, feedsPullCall, type Principal, toFen } from '@zhanye/contracts';
import { type Bus, callService, consumeEvent, type Deadline, type Logger } from '@zhanye/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { type FactTable, recordFact } from './facts.ts';

/** Durable name of risk's consumer of the external feeds (declared in risk.domain.ts). */
export const FEEDS_CONSUMER = 'risk-features-feeds';

/** A feed's fact as a row of its fact table (amounts to integer fen). */
export function feedRow(f: FeedFact): { table: FactTable; values: Record<string, string | number> } {
  switch (f.source) {
    case 'txn':
      return {
        table: 'rm_fact_txn',
        values: { amount_fen: toFen(f.amount), direction: f.direction, channel: f.channel },
      };
    case 'tax':
      return {
        table: 'rm_fact_tax',
        values: { period: f.period, income_fen: toFen(f.income), tax_paid_fen: toFen(f.taxPaid) },
      };
    case 'utility':
      return {
        table: 'rm_fact_utility',
        values: {
          kind: f.kind,
          billed_fen: toFen(f.billed),
          paid_fen: toFen(f.paid),
          arrears_fen: toFen(f.arrears),
        },
      };
    case 'court':
      return {
        table: 'rm_fact_court',
        values: { kind: f.kind, role: f.role, amount_fen: toFen(f.amount), status: f.status },
      };
  }
}

/** Keeps a feed's fact (once per fact id). */
export function keepFeedFact(m: EntityManager, f: FeedFact): Promise<boolean> {
  const { table, values } = feedRow(f);
  return recordFact(m, table, {
    bankId: f.bankId,
    customerRef: f.customerRef,
    factId: f.factId,
    at: new Date(f.at),
    values,
  });
}

/** The feeds' pushed facts into the read model; a fact of another bank than the envelope's is refused. */
export function consumeFeedFacts(bus: Bus, ds: DataSource, log: Logger, opts: { ackWaitMs?: number } = {}) {
  return consumeEvent({
    bus,
    ds,
    log,
    ...opts,
    durable: FEEDS_CONSUMER,
    event: feedFactRecorded,
    handle: async (m, p, e) => {
      if (p.fact.bankId !== e.bankId) {
        log.warn({ event: e.id }, 'feeds: a fact for another bank than its envelope, ignored');
        return;
      }
      await keepFeedFact(m, p.fact);
    },
  });
}

/**
 * Asks the feeds for one customer's facts in a window and keeps them (the facts already kept are
 * the same ids: nothing twice). Returns how many were new.
 */
export async function pullFeeds(
  bus: Bus,
  ds: DataSource,
  caller: Principal,
  q: { customerRef: string; from: Date; to: Date },
  deadline?: Deadline,
): Promise<{ origin: 'simulator' | 'feed'; received: number; added: number }> {
  const answer = await callService(
    bus,
    feedsPullCall,
    { bankId: caller.bankId, customerRef: q.customerRef, from: q.from.toISOString(), to: q.to.toISOString() },
    caller,
    'risk',
    deadline ? { deadline } : {},
  );
  let added = 0;
  await ds.transaction(async (m) => {
    for (const f of answer.facts) {
      if (f.bankId !== caller.bankId || f.customerRef !== q.customerRef) continue;
      if (await keepFeedFact(m, f)) added++;
    }
  });
  return { origin: answer.origin, received: answer.facts.length, added };
}
