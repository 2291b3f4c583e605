import {
  type BaseConfig,
  type Bus,
  followOrgMoves,
  type Logger,
  openDatabase,
  startService,
} from '@zhanye/kit';
import pkg from '../package.json' with { type: 'json' };
import { type BatchDeps, batchSchema, createBatch } from './batch/index.ts';
import { InterimFeatures, InterimFlows } from './batch/interim.ts';
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

/** Composition root of the risk service; `main.ts` runs it, tests start it the same way. */
export async function startRiskService(
  cfg: BaseConfig,
  bus: Bus,
  log: Logger,
  opts: { batch?: Partial<BatchDeps['work']> } = {},
) {
  const ds = await openDatabase({
    cfg,
    service: 'risk',
    entities: [DecisionGraphEntity, DecisionRunEntity],
    migrations: [
      Risk1764400000000,
      RiskRequestedByName1765500000000,
      RiskPricingRenewalGraphs1766500000000,
      ...batchSchema.migrations,
    ],
    log,
  });
  const graphs = new GraphRepository(ds);
  const engine = new DecisionEngine(graphs);
  const service = new DecisionService(new DecisionRepository(ds), graphs, engine);
  // TODO(lead): R3's features and R1's flows replace the interim stand-ins when their branches merge
  const flows = new InterimFlows();
  const batch = createBatch({ ds, bus, log, features: new InterimFeatures(ds), flows, work: opts.batch });
  const running = await startService({
    name: 'risk',
    version: pkg.version,
    bus,
    log,
    outbox: { ds },
    routes: [...riskRoutes(service), ...batch.routes],
    internal: riskAnswers(service),
  });
  // rows carry org paths: a moved branch takes its records along
  const orgMoves = await followOrgMoves({ bus, ds, log, service: 'risk', tables: ['decision_run'] });
  await batch.start();
  return {
    ds,
    batch,
    async stop() {
      await batch.stop();
      await running.stop();
      flows.dispose();
      engine.dispose();
      await orgMoves.stop();
      await ds.destroy();
    },
  };
}
