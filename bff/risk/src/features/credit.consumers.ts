import {
  applicationApproved,
  applicationRejected,
  type EventDef,
  limitChanged,
  toFen,
} from '@zhanye/contracts';
import { type Bus, consumeEvent, type Logger } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
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
  /** One consumer per event: the customer's fact, the event's id and time, `values` from its payload. */
  const follow = <P extends z.ZodType<{ customerId: string }>>(
    durable: string,
    event: EventDef<P>,
    values: (p: z.infer<P>) => { kind: string; application_id: string; amount_fen: number },
  ) =>
    consumeEvent({
      bus,
      ds,
      log,
      ...opts,
      durable,
      event,
      handle: async (m, p, e) => {
        await recordFact(m, 'rm_fact_credit', {
          bankId: e.bankId,
          customerRef: p.customerId,
          factId: e.id,
          at: new Date(e.occurredAt),
          values: values(p),
        });
      },
    });
  const consumers = await Promise.all([
    follow(CREDIT_CONSUMERS.approved, applicationApproved, (p) => ({
      kind: 'approved',
      application_id: p.applicationId,
      amount_fen: toFen(p.amount),
    })),
    follow(CREDIT_CONSUMERS.rejected, applicationRejected, (p) => ({
      kind: 'rejected',
      application_id: p.applicationId,
      amount_fen: 0,
    })),
    follow(CREDIT_CONSUMERS.limit, limitChanged, (p) => ({
      kind: 'limit',
      application_id: p.limitId,
      amount_fen: toFen(p.granted),
    })),
  ]);
  return { stop: () => Promise.all(consumers.map((c) => c.stop())).then(() => undefined) };
}
