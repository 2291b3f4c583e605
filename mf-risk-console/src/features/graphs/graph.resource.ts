import type { ApiClient } from '@zhanye/contracts';
import { riskApi } from '@zhanye/contracts';

export const listGraphs = (api: ApiClient, signal?: AbortSignal) =>
  api.call(riskApi.listGraphs, {}, { signal });

/** `credit.prescreen` -> its title (`个人贷款预审`), for showing runs by the graph's name. */
export async function graphTitles(api: ApiClient, signal?: AbortSignal): Promise<Map<string, string>> {
  const { items } = await listGraphs(api, signal);
  return new Map(items.map((g) => [g.key, g.title]));
}
