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
import { InterimFeatures } from './batch/interim.ts';
import { DecisionRunEntity } from './decisions/decision.entity.ts';
import { riskAnswers, riskRoutes } from './decisions/decision.handlers.ts';
import { DecisionRepository } from './decisions/decision.repository.ts';
import { DecisionService } from './decisions/decision.service.ts';
import { createFlows, flowsSchema, noFeatures } from './flows/index.ts';
import { DecisionGraphEntity } from './graphs/graph.entity.ts';
import { Risk1764400000000 } from './migrations/1764400000000-risk.ts';
import { RiskRequestedByName1765500000000 } from './migrations/1765500000000-requested-by-name.ts';
import { RiskPricingRenewalGraphs1766500000000 } from './migrations/1766500000000-pricing-renewal-graphs.ts';

/** Composition root of the risk service; `main.ts` runs it, tests start it the same way. */
export async function startRiskService(
  cfg: BaseConfig,
  bus: Bus,
  log: Logger,
  opts: { batch?: BatchDeps['work'] } = {},
) {
  const ds = await openDatabase({
    cfg,
    service: 'risk',
    entities: [DecisionGraphEntity, DecisionRunEntity, ...flowsSchema.entities],
    migrations: [
      Risk1764400000000,
      RiskRequestedByName1765500000000,
      RiskPricingRenewalGraphs1766500000000,
      ...flowsSchema.migrations,
      ...batchSchema.migrations,
    ],
    log,
  });
  // TODO(R3): the feature factory's port replaces `noFeatures`
  const flows = createFlows({ ds, log, features: noFeatures });
  const service = new DecisionService(new DecisionRepository(ds), flows.port);
  // TODO(R3): the feature factory's set-based features replace the interim ones
  const batch = createBatch({
    ds,
    bus,
    log,
    features: new InterimFeatures(ds),
    flows: flows.port,
    work: opts.batch,
  });
  const running = await startService({
    name: 'risk',
    version: pkg.version,
    bus,
    log,
    outbox: { ds },
    routes: [...riskRoutes(service), ...flows.routes, ...batch.routes],
    internal: [...riskAnswers(service), ...(flows.internal ?? [])],
  });
  // rows carry org paths: a moved branch takes its records along
  const orgMoves = await followOrgMoves({ bus, ds, log, service: 'risk', tables: ['decision_run'] });
  await batch.start();
  return {
    ds,
    flows: flows.port,
    batch,
    async stop() {
      await batch.stop();
      await running.stop();
      flows.dispose();
      await orgMoves.stop();
      await ds.destroy();
    },
  };
}
