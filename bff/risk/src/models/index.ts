import { modelApi } from '@zhanye/contracts';
import { route } from '@zhanye/kit';
import type { PartDeps, PartSchema } from '../ports.ts';
import { RiskModels1767200000000 } from './1767200000000-models.ts';
import { ModelService } from './model.service.ts';

export const modelsSchema: PartSchema = { entities: [], migrations: [RiskModels1767200000000] };

/** The models register (模型管理) and its monitoring over the decision runs. */
export function createModels(deps: Pick<PartDeps, 'ds'>) {
  const s = new ModelService(deps.ds);
  return {
    routes: [
      route(modelApi.listModels, ({ caller }) => s.list(caller)),
      route(modelApi.getModel, ({ caller, input }) => s.get(caller, input.code)),
      route(modelApi.modelMonitoring, ({ caller, input }) => s.monitoring(caller, input)),
      route(modelApi.updateModel, async ({ caller, input, audit }) => {
        const { before, after } = await s.update(caller, input);
        audit.target = input.code;
        audit.before = before;
        audit.after = after;
        return after;
      }),
    ],
    port: s,
  };
}
