import type { FlowDiff, ValueChange } from '@zhanye/contracts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Key order does not matter; arrays keep theirs. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

export const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * A test case's check: every key of `expected` must equal the actual's, objects compared key by
 * key (a partial match at every level), arrays and scalars as a whole. The mismatches name the
 * paths (`before` expected, `after` actual).
 */
export function mismatches(expected: unknown, actual: unknown, path = ''): ValueChange[] {
  if (isObject(expected)) {
    if (!isObject(actual)) return [{ path: path || '$', before: expected, after: actual ?? null }];
    return Object.entries(expected).flatMap(([k, v]) => mismatches(v, actual[k], path ? `${path}.${k}` : k));
  }
  return same(expected, actual) ? [] : [{ path: path || '$', before: expected, after: actual ?? null }];
}

/** What differs between two outputs, key by key (objects recursed, arrays and scalars whole). */
export function changes(before: unknown, after: unknown, path = ''): ValueChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => changes(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return same(before, after) ? [] : [{ path: path || '$', before: before ?? null, after: after ?? null }];
}

interface Node {
  id: string;
  name?: string;
  type: string;
  content?: unknown;
  position?: unknown;
}
interface Edge {
  id: string;
  sourceId: string;
  targetId: string;
}
interface Doc {
  nodes: Node[];
  edges: Edge[];
}

const ref = (n: Node) => ({ id: n.id, name: n.name ?? '', type: n.type });

/** A decision table's rows by `_id` (their position when a row has none). */
function rowsOf(n: Node): Map<string, Record<string, unknown>> {
  const rules = isObject(n.content) && Array.isArray(n.content.rules) ? n.content.rules : [];
  return new Map(
    rules.filter(isObject).map((r, i) => [typeof r._id === 'string' ? r._id : `#${i}`, r] as const),
  );
}

function rowsDiff(a: Node, b: Node) {
  const before = rowsOf(a);
  const after = rowsOf(b);
  return {
    added: [...after].filter(([id]) => !before.has(id)).map(([, r]) => r),
    removed: [...before].filter(([id]) => !after.has(id)).map(([, r]) => r),
    changed: [...after]
      .filter(([id, r]) => before.has(id) && !same(before.get(id), r))
      .map(([id, r]) => ({ id, before: before.get(id)!, after: r })),
  };
}

/** What changed between two JDM documents: nodes (table rows within), edges, features. */
export function diffGraphs(
  name: string,
  from: { version: number; content: Doc; features: string[] },
  to: { version: number; content: Doc; features: string[] },
): FlowDiff {
  const a = new Map(from.content.nodes.map((n) => [n.id, n]));
  const b = new Map(to.content.nodes.map((n) => [n.id, n]));
  const changed: FlowDiff['nodes']['changed'] = [];
  for (const [id, nb] of b) {
    const na = a.get(id);
    if (!na) continue;
    const fields: string[] = [];
    if ((na.name ?? '') !== (nb.name ?? '')) fields.push('name');
    if (na.type !== nb.type) fields.push('type');
    if (!same(na.position, nb.position)) fields.push('position');
    let rows: ReturnType<typeof rowsDiff> | null = null;
    if (!same(na.content, nb.content)) {
      fields.push('content');
      if (na.type === 'decisionTableNode' && nb.type === 'decisionTableNode') {
        const ca = isObject(na.content) ? na.content : {};
        const cb = isObject(nb.content) ? nb.content : {};
        if (!same(ca.inputs, cb.inputs)) fields.push('inputs');
        if (!same(ca.outputs, cb.outputs)) fields.push('outputs');
        rows = rowsDiff(na, nb);
        if (rows.added.length || rows.removed.length || rows.changed.length) fields.push('rows');
      }
    }
    if (fields.length) changed.push({ ...ref(nb), fields, rows });
  }
  const edgeKey = (e: Edge) =>
    `${e.sourceId}>${e.targetId}>${canonical((e as { sourceHandle?: unknown }).sourceHandle ?? null)}`;
  const ea = new Map(from.content.edges.map((e) => [edgeKey(e), e]));
  const eb = new Map(to.content.edges.map((e) => [edgeKey(e), e]));
  const edge = (e: Edge) => ({ id: e.id, sourceId: e.sourceId, targetId: e.targetId });
  return {
    name,
    from: from.version,
    to: to.version,
    nodes: {
      added: [...b.values()].filter((n) => !a.has(n.id)).map(ref),
      removed: [...a.values()].filter((n) => !b.has(n.id)).map(ref),
      changed,
    },
    edges: {
      added: [...eb].filter(([k]) => !ea.has(k)).map(([, e]) => edge(e)),
      removed: [...ea].filter(([k]) => !eb.has(k)).map(([, e]) => edge(e)),
    },
    featuresAdded: to.features.filter((f) => !from.features.includes(f)),
    featuresRemoved: from.features.filter((f) => !to.features.includes(f)),
  };
}

/** A stable bucket 0-99 of a subject for a flow's canary (same subject, same side, every time). */
export function bucketOf(hashHex: string): number {
  return Number.parseInt(hashHex.slice(0, 8), 16) % 100;
}
