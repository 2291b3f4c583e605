import { applicationApproved } from '@zhanye/contracts';
import { type Bus, consumeEvent, type Logger } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { TimelineRepository } from './timeline.repository.ts';

/** "Credit application approved" -> an entry on the customer's timeline, once per event. */
export function consumeCreditApproved(bus: Bus, ds: DataSource, log: Logger, timeline: TimelineRepository) {
  return consumeEvent({
    bus,
    ds,
    log,
    durable: 'customer-timeline-credit-approved',
    event: applicationApproved,
    handle: (m, p, envelope) =>
      timeline.add(m, {
        customerId: p.customerId,
        bankId: envelope.bankId,
        kind: 'credit.application.approved',
        title: '授信申请已批准',
        detail: {
          applicationId: p.applicationId,
          amount: p.amount,
          termMonths: p.termMonths,
          productCode: p.productCode,
          approvedBy: p.approvedByName,
        },
        occurredAt: new Date(envelope.occurredAt),
        sourceEventId: envelope.id,
      }),
  });
}
