import { customerRelationChanged, loanOverdue } from '@zhanye/contracts';
import { type Bus, consumeEvent, type Logger } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import type { WarningService } from './warning.service.ts';

/**
 * The events warnings follow: relations from the customer center (into `rm_relation`) and loans
 * falling overdue from credit (a signal each; the source id is the loan and its days overdue, so
 * the same event twice is one signal, and a loan growing more overdue is a new one that only a
 * stricter rule turns into new warnings).
 */
export async function followWarningEvents(opts: {
  bus: Bus;
  ds: DataSource;
  log: Logger;
  service: WarningService;
}) {
  const { bus, ds, log, service } = opts;
  const relations = await consumeEvent({
    bus,
    ds,
    log,
    durable: 'risk-relations',
    event: customerRelationChanged,
    handle: (m, p, env) => service.relationChanged(m, env.bankId, p),
  });
  const overdue = await consumeEvent({
    bus,
    ds,
    log,
    durable: 'risk-loan-overdue',
    event: loanOverdue,
    // a signal raises its warnings in a transaction of its own (committed before the ack)
    handle: async (_m, p, env) => {
      await service.signal(env.bankId, {
        sourceId: `credit.loan.overdue:${p.loanId}:${p.overdueDays}`,
        customerRef: p.customerId,
        kind: 'overdue',
        severity: p.overdueDays >= 30 ? 'high' : 'medium',
        facts: {
          overdueDays: p.overdueDays,
          overdueAmount: p.overdueAmount,
          loanId: p.loanId,
          productCode: p.productCode,
        },
        at: env.occurredAt,
      });
    },
  });
  return {
    async stop() {
      await relations.stop();
      await overdue.stop();
    },
  };
}
