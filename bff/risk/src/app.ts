import {
  type BaseConfig,
  type Bus,
  followOrgMoves,
  type Logger,
  openDatabase,
  startService,
} from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { DecisionEngine } from './decisions/decision.engine.ts';
import { DecisionRunEntity } from './decisions/decision.entity.ts';
import { riskAnswers, riskRoutes } from './decisions/decision.handlers.ts';
import { DecisionRepository } from './decisions/decision.repository.ts';
import { DecisionService } from './decisions/decision.service.ts';
import { DecisionGraphEntity } from './graphs/graph.entity.ts';
import { GraphRepository } from './graphs/graph.repository.ts';
import { Risk1764400000000 } from './migrations/1764400000000-risk.ts';
import { RiskRequestedByName1765500000000 } from './migrations/1765500000000-requested-by-name.ts';
import { RiskPricingRenewalGraphs1766500000000 } from './migrations/1766500000000-pricing-renewal-graphs.ts';
import { createWarnings, warningsSchema } from './warnings/index.ts';

/** Composition root of the risk service; `main.ts` runs it, tests start it the same way. */
export async function startRiskService(
  cfg: BaseConfig,
  bus: Bus,
  log: Logger,
  opts: { seedDemo?: boolean } = {},
) {
  const ds = await openDatabase({
    cfg,
    service: 'risk',
    entities: [DecisionGraphEntity, DecisionRunEntity, ...warningsSchema.entities],
    migrations: [
      Risk1764400000000,
      RiskRequestedByName1765500000000,
      RiskPricingRenewalGraphs1766500000000,
      ...warningsSchema.migrations,
    ],
    log,
  });
  const graphs = new GraphRepository(ds);
  const engine = new DecisionEngine(graphs);
  const service = new DecisionService(new DecisionRepository(ds), graphs, engine);
  const warnings = createWarnings(ds);
  const running = await startService({
    name: 'risk',
    version: pkg.version,
    bus,
    log,
    outbox: { ds },
    routes: [...riskRoutes(service), ...warnings.routes],
    internal: [...riskAnswers(service), ...warnings.answers],
  });
  const warningEvents = await warnings.start({ bus, log, seedDemo: opts.seedDemo ?? false });
  // rows carry org paths: a moved branch takes its records along
  const orgMoves = await followOrgMoves({
    bus,
    ds,
    log,
    service: 'risk',
    tables: ['decision_run', ...warningsSchema.scopedTables],
  });
  return {
    ds,
    warnings: warnings.service,
    async stop() {
      await running.stop();
      await warningEvents.stop();
      engine.dispose();
      await orgMoves.stop();
      await ds.destroy();
    },
  };
}
