import { type ZenDecision, ZenEngine, type ZenEngineTrace } from '@gorules/zen-engine';
import type { TraceStep } from '@zhanye/contracts';
import { NotFoundError } from '@zhanye/kit';
import type { z } from 'zod';
import type { GraphRepository } from '../graphs/graph.repository.ts';

export type Step = z.infer<typeof TraceStep>;

/** Where the engine reads graphs from (the repository; a stub in unit tests). */
export type GraphSource = Pick<GraphRepository, 'findActive' | 'content'>;

export interface Evaluation {
  key: string;
  version: number;
  result: unknown;
  trace: Step[];
}

/** zen's trace is an object keyed by node id; keep it as the steps in evaluation order. */
export function normaliseTrace(trace: Record<string, ZenEngineTrace> | undefined): Step[] {
  return Object.values(trace ?? {})
    .sort((a, b) => a.order - b.order)
    .map((t) => ({
      id: t.id,
      name: t.name,
      input: t.input ?? null,
      output: t.output ?? null,
      performance: t.performance ?? null,
    }));
}

/**
 * Evaluates stored GoRules JDM graphs with ZEN. A graph version never changes once stored, so its
 * compiled decision is cached per (key, version) for the life of the process; which version is
 * active is read on every evaluation, so activating a new version takes effect at once.
 */
export class DecisionEngine {
  private readonly engine = new ZenEngine();
  private readonly compiled = new Map<string, ZenDecision>();

  constructor(private readonly graphs: GraphSource) {}

  async evaluateActive(key: string, input: Record<string, unknown>): Promise<Evaluation> {
    const active = await this.graphs.findActive(key);
    if (!active) throw new NotFoundError(`no active version of decision graph ${key}`);
    const decision = await this.decision(key, active.version);
    let response: Awaited<ReturnType<ZenDecision['evaluate']>>;
    try {
      response = await decision.evaluate(input, { trace: true });
    } catch (e) {
      // a plain Error: logged in full by the runtime, answered as a bare 500 without the graph's internals
      throw new Error(`decision graph ${key} v${active.version} failed: ${describe(e)}`);
    }
    return { key, version: active.version, result: response.result, trace: normaliseTrace(response.trace) };
  }

  private async decision(key: string, version: number): Promise<ZenDecision> {
    const cacheKey = `${key}@${version}`;
    const cached = this.compiled.get(cacheKey);
    if (cached) return cached;
    const content = await this.graphs.content(key, version);
    if (content === null) throw new NotFoundError(`decision graph ${key} v${version} not found`);
    const decision = this.engine.createDecision(JSON.parse(content) as object);
    this.compiled.set(cacheKey, decision);
    return decision;
  }

  dispose() {
    this.compiled.clear();
    this.engine.dispose();
  }
}

/** zen rejects with a JSON string ({ type, source, nodeId, trace }); keep its gist. */
function describe(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  try {
    const parsed = JSON.parse(text) as { type?: string; source?: string; nodeId?: string };
    return [parsed.type, parsed.nodeId, parsed.source].filter(Boolean).join(': ');
  } catch {
    return text.split('\n')[0] ?? text;
  }
}
