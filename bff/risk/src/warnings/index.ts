import type { Bus, Logger } from '@zhanye/kit';
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
      const events = await followWarningEvents({ bus: opts.bus, ds, log: opts.log, service });
      if (opts.seedDemo) await seedWarningDemo(ds, service, opts.log);
      return events;
    },
  };
}
