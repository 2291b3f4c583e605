import { type ApiClient, type InputOf, riskApi } from '@zhanye/contracts';

export type DecisionFilter = InputOf<typeof riskApi.listDecisions>;

export const listDecisions = (api: ApiClient, filter: DecisionFilter, signal?: AbortSignal) =>
  api.call(riskApi.listDecisions, filter, { signal });

export const getDecision = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(riskApi.getDecision, { id }, { signal });
