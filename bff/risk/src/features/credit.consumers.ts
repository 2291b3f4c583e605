import { applicationApproved, applicationRejected, limitChanged, toFen } from '@zhanye/contracts';
import { type Bus, consumeEvent, type Logger } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { recordFact } from './facts.ts';

/** Durable names of risk's consumers of credit's events (declared in risk.domain.ts). */
export const CREDIT_CONSUMERS = {
  approved: 'risk-features-credit-approved',
  rejected: 'risk-features-credit-rejected',
  limit: 'risk-features-credit-limit',
} as const;

/**
 * Credit's events into `rm_fact_credit` (fact id = the event id, time = when it happened): an
 * approval with its amount, a rejection, a limit's new granted amount. Each event once.
 */
export async function consumeCreditEvents(
  bus: Bus,
  ds: DataSource,
  log: Logger,
  opts: { ackWaitMs?: number } = {},
) {
  const consumers = await Promise.all([
    consumeEvent({
      bus,
      ds,
      log,
      ...opts,
      durable: CREDIT_CONSUMERS.approved,
      event: applicationApproved,
      handle: async (m, p, e) => {
        await recordFact(m, 'rm_fact_credit', {
          bankId: e.bankId,
          customerRef: p.customerId,
          factId: e.id,
          at: new Date(e.occurredAt),
          values: { kind: 'approved', application_id: p.applicationId, amount_fen: toFen(p.amount) },
        });
      },
    }),
    consumeEvent({
      bus,
      ds,
      log,
      ...opts,
      durable: CREDIT_CONSUMERS.rejected,
      event: applicationRejected,
      handle: async (m, p, e) => {
        await recordFact(m, 'rm_fact_credit', {
          bankId: e.bankId,
          customerRef: p.customerId,
          factId: e.id,
          at: new Date(e.occurredAt),
          values: { kind: 'rejected', application_id: p.applicationId, amount_fen: 0 },
        });
      },
    }),
    consumeEvent({
      bus,
      ds,
      log,
      ...opts,
      durable: CREDIT_CONSUMERS.limit,
      event: limitChanged,
      handle: async (m, p, e) => {
        await recordFact(m, 'rm_fact_credit', {
          bankId: e.bankId,
          customerRef: p.customerId,
          factId: e.id,
          at: new Date(e.occurredAt),
          values: { kind: 'limit', application_id: p.limitId, amount_fen: toFen(p.granted) },
        });
      },
    }),
  ]);
  return { stop: () => Promise.all(consumers.map((c) => c.stop())).then(() => undefined) };
}
