import { createHash } from 'node:crypto';
import { type ZenDecision, ZenEngine, type ZenEngineTrace } from '@gorules/zen-engine';
import type { FlowTraceStep } from '@zhanye/contracts';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A graph that does not parse or compile (the publish gate's reason). */
export class GraphInvalid extends Error {}

/** zen's error for one evaluation: the node it failed in and why. */
export interface EngineFailure {
  nodeId: string | null;
  message: string;
  /** The failure is the input's (the input node's schema refused it), not the graph's. */
  badInput: boolean;
}

export interface Outcome {
  output: unknown;
  failure: EngineFailure | null;
  trace: FlowTraceStep[];
}

interface JdmNodeLike {
  id?: unknown;
  type?: unknown;
}

/** zen rejects with a JSON text ({ type, source, nodeId }) followed by a Rust backtrace; keep its gist. */
export function failureOf(e: unknown, inputNodes: ReadonlySet<string>): EngineFailure {
  const text = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  try {
    const parsed = JSON.parse(text) as { type?: string; source?: string; nodeId?: string };
    const nodeId = parsed.nodeId ?? null;
    return {
      nodeId,
      message: [parsed.type, nodeId, parsed.source].filter(Boolean).join(': '),
      badInput: nodeId !== null && inputNodes.has(nodeId),
    };
  } catch {
    return { nodeId: null, message: text.slice(0, 500), badInput: false };
  }
}

/** The rows of a decision table a trace step says matched (first hit: one; collect: several). */
function matchedRows(traceData: unknown): { id: string; index: number }[] {
  const items = Array.isArray(traceData) ? traceData : traceData ? [traceData] : [];
  const rows: { id: string; index: number }[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const { index, rule } = item as { index?: unknown; rule?: { _id?: unknown } };
    if (typeof index !== 'number') continue;
    rows.push({ id: typeof rule?._id === 'string' ? rule._id : String(index), index });
  }
  return rows;
}

/** zen's trace (keyed by node id) as steps in evaluation order, each with its node's type. */
export function traceSteps(
  trace: Record<string, ZenEngineTrace> | undefined,
  types: ReadonlyMap<string, string>,
): FlowTraceStep[] {
  return Object.values(trace ?? {})
    .sort((a, b) => a.order - b.order)
    .map((t) => {
      const type = types.get(t.id) ?? 'unknown';
      return {
        id: t.id,
        name: t.name,
        type,
        order: t.order,
        input: t.input ?? null,
        output: t.output ?? null,
        performance: t.performance ?? null,
        matchedRows: type === 'decisionTableNode' ? matchedRows(t.traceData) : [],
        traceData: t.traceData ?? null,
      };
    });
}

/** A compiled version: zen's decision and what the trace needs to know about its nodes. */
export class Compiled {
  private readonly types: Map<string, string>;
  private readonly inputNodes: Set<string>;

  constructor(
    readonly decision: ZenDecision,
    nodes: JdmNodeLike[],
  ) {
    this.types = new Map(
      nodes.filter((n) => typeof n.id === 'string').map((n) => [n.id as string, String(n.type ?? 'unknown')]),
    );
    this.inputNodes = new Set([...this.types].filter(([, t]) => t === 'inputNode').map(([id]) => id));
  }

  /** With the trace (live decisions, simulation, tests): never throws for the graph's own failures. */
  async run(input: Record<string, unknown>): Promise<Outcome> {
    try {
      const r = await this.decision.evaluate(input, { trace: true });
      return { output: r.result, failure: null, trace: traceSteps(r.trace, this.types) };
    } catch (e) {
      return { output: null, failure: failureOf(e, this.inputNodes), trace: [] };
    }
  }

  /** The raw engine (batch): no trace; throws on failure. */
  async evaluate(input: Record<string, unknown>): Promise<unknown> {
    return (await this.decision.evaluate(input)).result;
  }
}

/**
 * Compiles JDM documents with ZEN. Stored versions never change, so a compiled version is cached
 * per (name, version) for the life of the process (a version number belongs to one owner, bank
 * or union, so the key is also per bank).
 */
export class FlowEngine {
  private readonly zen = new ZenEngine();
  private readonly cache = new Map<string, Promise<Compiled>>();

  /** Parses and validates a document; `GraphInvalid` with zen's reason otherwise. */
  compile(content: unknown): Compiled {
    const nodes = (content as { nodes?: unknown })?.nodes;
    if (!Array.isArray(nodes)) throw new GraphInvalid('the graph has no nodes');
    let decision: ZenDecision;
    try {
      decision = this.zen.createDecision(content as object);
      decision.validate();
    } catch (e) {
      throw new GraphInvalid(failureOf(e, new Set()).message || 'the graph does not parse');
    }
    if (!nodes.some((n) => (n as JdmNodeLike).type === 'inputNode')) {
      throw new GraphInvalid('the graph has no input node');
    }
    if (!nodes.some((n) => (n as JdmNodeLike).type === 'outputNode')) {
      throw new GraphInvalid('the graph has no output node');
    }
    return new Compiled(decision, nodes as JdmNodeLike[]);
  }

  /** The compiled version, loading its content once (`load` returns the stored JSON text). */
  cached(name: string, version: number, load: () => Promise<string>): Promise<Compiled> {
    const key = `${name}@${version}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = load().then((text) => this.compile(JSON.parse(text)));
      // a failed load is not kept: the next call tries again
      hit.catch(() => this.cache.delete(key));
      this.cache.set(key, hit);
    }
    return hit;
  }

  dispose() {
    this.cache.clear();
    this.zen.dispose();
  }
}
