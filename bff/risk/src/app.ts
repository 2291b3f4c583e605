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
import { DecisionRunEntity } from './decisions/decision.entity.ts';
import { riskAnswers, riskRoutes } from './decisions/decision.handlers.ts';
import { DecisionRepository } from './decisions/decision.repository.ts';
import { DecisionService } from './decisions/decision.service.ts';
import { createFeatures, featuresSchema, featuresScopedTables } from './features/index.ts';
import { createFlows, flowsSchema } from './flows/index.ts';
import { DecisionGraphEntity } from './graphs/graph.entity.ts';
import { Risk1764400000000 } from './migrations/1764400000000-risk.ts';
import { RiskRequestedByName1765500000000 } from './migrations/1765500000000-requested-by-name.ts';
import { RiskPricingRenewalGraphs1766500000000 } from './migrations/1766500000000-pricing-renewal-graphs.ts';
import { seedDemoRuns } from './models/demo.runs.ts';
import { createModels, modelsSchema } from './models/index.ts';
import { createWarnings, warningsSchema } from './warnings/index.ts';

/** Every migration of the risk service, in order (also run by `pnpm gen`). */
export const riskMigrations = [
  Risk1764400000000,
  RiskRequestedByName1765500000000,
  RiskPricingRenewalGraphs1766500000000,
  ...flowsSchema.migrations,
  ...modelsSchema.migrations,
  ...warningsSchema.migrations,
  ...featuresSchema.migrations,
  ...batchSchema.migrations,
];
export const riskEntities = [
  DecisionGraphEntity,
  DecisionRunEntity,
  ...flowsSchema.entities,
  ...warningsSchema.entities,
  ...featuresSchema.entities,
  ...batchSchema.entities,
];

/**
 * Composition root of the risk service: decision flows (on the feature factory's features), the
 * models register, warnings, the feature factory, batch credit; `main.ts` runs it, tests start it the same way.
 */
export async function startRiskService(
  cfg: BaseConfig,
  bus: Bus,
  log: Logger,
  opts: { seedDemo?: boolean; batch?: BatchDeps['work'] } = {},
) {
  const ds = await openDatabase({
    cfg,
    service: 'risk',
    entities: riskEntities,
    migrations: riskMigrations,
    log,
  });
  const features = createFeatures({ ds, bus, log });
  const flows = createFlows({ ds, log, features: features.port });
  const service = new DecisionService(new DecisionRepository(ds), flows.port);
  const models = createModels({ ds });
  const warnings = createWarnings(ds);
  const batch = createBatch({ ds, bus, log, features: features.port, flows: flows.port, work: opts.batch });
  const running = await startService({
    name: 'risk',
    version: pkg.version,
    bus,
    log,
    outbox: { ds },
    routes: [
      ...riskRoutes(service),
      ...flows.routes,
      ...models.routes,
      ...warnings.routes,
      ...features.routes,
      ...batch.routes,
    ],
    internal: [...riskAnswers(service), ...(flows.internal ?? []), ...warnings.answers],
  });
  const warningEvents = await warnings.start({ bus, log, seedDemo: opts.seedDemo ?? false });
  if (opts.seedDemo) {
    // demo data only: never in the way of the service starting
    await seedDemoRuns(ds, flows.port, log).catch((err: unknown) =>
      log.warn({ err }, 'demo decisions for the models register not made'),
    );
  }
  // rows carry org paths: a moved branch takes its records along
  const orgMoves = await followOrgMoves({
    bus,
    ds,
    log,
    service: 'risk',
    tables: ['decision_run', ...warningsSchema.scopedTables, ...featuresScopedTables],
  });
  await features.start();
  await batch.start();
  return {
    ds,
    flows: flows.port,
    features: features.port,
    warnings: warnings.service,
    batch,
    async stop() {
      await batch.stop();
      await running.stop();
      await features.stop();
      await warningEvents.stop();
      flows.dispose();
      await orgMoves.stop();
      await ds.destroy();
    },
  };
}
