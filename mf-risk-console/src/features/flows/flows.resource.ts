import {
  type ApiClient,
  type FlowTestCase,
  type FlowTraceStep,
  flowApi,
  type InputOf,
  type JdmContent,
} from '@zhanye/contracts';

/** The app's calls for decision flows (gateway prefix `/api/risk`), one small function each. */

export const listFlows = (api: ApiClient, signal?: AbortSignal) =>
  api.call(flowApi.listFlows, {}, { signal });

export const getFlow = (api: ApiClient, name: string, signal?: AbortSignal) =>
  api.call(flowApi.getFlow, { name }, { signal });

export const getVersion = (api: ApiClient, name: string, version: number, signal?: AbortSignal) =>
  api.call(flowApi.getVersion, { name, version }, { signal });

export const createVersion = (
  api: ApiClient,
  input: { name: string; content: JdmContent; note: string; features: string[]; casesFrom?: number },
) => api.call(flowApi.createVersion, input);

export const saveCases = (api: ApiClient, name: string, version: number, cases: FlowTestCase[]) =>
  api.call(flowApi.saveCases, { name, version, cases });

export const testVersion = (api: ApiClient, name: string, version: number) =>
  api.call(flowApi.testVersion, { name, version });

export const publishVersion = (api: ApiClient, input: InputOf<typeof flowApi.publishVersion>) =>
  api.call(flowApi.publishVersion, input);

export const changeCanary = (api: ApiClient, input: InputOf<typeof flowApi.canary>) =>
  api.call(flowApi.canary, input);

export const rollback = (api: ApiClient, input: InputOf<typeof flowApi.rollback>) =>
  api.call(flowApi.rollback, input);

export const simulate = (api: ApiClient, name: string, version: number, input: Record<string, unknown>) =>
  api.call(flowApi.simulate, { name, version, input });

export const diffVersions = (api: ApiClient, name: string, from: number, to: number, signal?: AbortSignal) =>
  api.call(flowApi.diff, { name, from, to }, { signal });

export const listRuns = (api: ApiClient, query: InputOf<typeof flowApi.listRuns>, signal?: AbortSignal) =>
  api.call(flowApi.listRuns, query, { signal });

export const getRun = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.call(flowApi.getRun, { id }, { signal });

export const replayRun = (api: ApiClient, id: string, version: number) =>
  api.call(flowApi.replayRun, { id, version });

/**
 * A trace as the JDM editor's `simulate` prop wants it (`trace` by node id), so the graph draws
 * which nodes ran, the rows matched and each node's input and output.
 */
export function toSimulation(
  content: JdmContent,
  trace: FlowTraceStep[],
  output: unknown,
  latencyMs: number,
): { result: { performance: string; result: never; snapshot: never; trace: Record<string, never> } } {
  const byNode: Record<string, unknown> = {};
  for (const s of trace) {
    byNode[s.id] = {
      id: s.id,
      name: s.name,
      input: s.input ?? null,
      output: s.output ?? null,
      performance: s.performance,
      traceData: s.traceData ?? null,
      order: s.order,
    };
  }
  return {
    result: {
      performance: `${latencyMs.toFixed(2)}ms`,
      result: (output ?? null) as never,
      snapshot: content as never,
      trace: byNode as Record<string, never>,
    },
  };
}

/** Parses a JSON object typed in a text area (undefined when it is not one). */
export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export const pretty = (v: unknown) => JSON.stringify(v ?? null, null, 2);

/** A hash shown short (its first 8 hex digits), as git does. */
export const shortHash = (hash: string) => hash.slice(0, 8);
