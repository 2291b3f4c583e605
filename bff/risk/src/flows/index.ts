import type { Features, Flows, PartDeps, PartSchema, RiskPart } from '../ports.ts';
import { FlowEngine } from './flow.engine.ts';
import { FlowEntity, FlowReleaseEntity, FlowVersionEntity } from './flow.entity.ts';
import { flowAnswers, flowRoutes } from './flow.handlers.ts';
import { FlowRepository } from './flow.repository.ts';
import { FlowService } from './flow.service.ts';
import { RiskFlows1767100000000 } from './migrations/1767100000000-flows.ts';
import { RiskSeedFlows1767100000100 } from './migrations/1767100000100-seed-flows.ts';

export { noFeatures } from './features.interim.ts';

export const flowsSchema: PartSchema = {
  entities: [FlowEntity, FlowVersionEntity, FlowReleaseEntity],
  migrations: [RiskFlows1767100000000, RiskSeedFlows1767100000100],
};

/** Decision flows: registry, versions, gate, canary, rollback, simulate, diff, runs, replay, decide. */
export function createFlows(
  deps: PartDeps & { features: Features },
): RiskPart<Flows & Pick<FlowService, 'graphs'>> & { dispose(): void } {
  const engine = new FlowEngine();
  const service = new FlowService(new FlowRepository(deps.ds), engine, deps.features);
  return {
    routes: flowRoutes(service),
    internal: flowAnswers(service),
    port: service,
    dispose: () => engine.dispose(),
  };
}
