import { type ApiClient, riskApi } from '@zhanye/contracts';

export const listGraphs = (api: ApiClient, signal?: AbortSignal) =>
  api.call(riskApi.listGraphs, {}, { signal });
