import { Permissions } from '@zhanye/contracts';
import { type Bus, type Logger, pushNotice } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { seedWarningDemo } from './demo.seed.ts';
import { followWarningEvents } from './warning.consumers.ts';
import { WarningEntity } from './warning.entity.ts';
import { warningAnswers, warningRoutes } from './warning.handlers.ts';
import { RiskWarnings1767000000000 } from './warning.migration.ts';
import { WarningService } from './warning.service.ts';

/** The warnings part's tables (entities, migrations, tables that follow org moves). */
export const warningsSchema = {
  entities: [WarningEntity],
  migrations: [RiskWarnings1767000000000],
  scopedTables: ['risk_warning'],
};

/** Warnings (风险预警): built from its folder, wired in `app.ts`. */
export function createWarnings(ds: DataSource) {
  const service = new WarningService(ds);
  return {
    service,
    routes: warningRoutes(service),
    answers: warningAnswers(service),
    /** Follows relations and overdue loans; seeds the demo graph when asked. */
    async start(opts: { bus: Bus; log: Logger; seedDemo?: boolean }) {
      // live: each new warning to its manager's open pages (after the commit); the bank's risk
      // staff hear that there are new ones (a count, no names: their scope may be narrower)
      service.onRaised = (raised) => {
        try {
          for (const r of raised) {
            if (!r.managerId) continue;
            pushNotice(opts.bus, 'risk', {
              bankId: r.bankId,
              to: { userId: r.managerId },
              type: 'risk.warning.raised',
              data: {
                warningId: r.summary.id,
                customerName: r.summary.customerName,
                kind: r.summary.kind,
                severity: r.summary.severity,
                depth: r.summary.depth,
              },
            });
          }
          const bankId = raised[0]?.bankId;
          if (bankId)
            pushNotice(opts.bus, 'risk', {
              bankId,
              to: { permission: Permissions.warningClose },
              type: 'risk.warning.count',
              data: { count: raised.length },
            });
        } catch (e) {
          opts.log.warn({ err: e }, 'warning notice not pushed');
        }
      };
      const events = await followWarningEvents({ bus: opts.bus, ds, log: opts.log, service });
      if (opts.seedDemo) await seedWarningDemo(ds, service, opts.log);
      return events;
    },
  };
}
