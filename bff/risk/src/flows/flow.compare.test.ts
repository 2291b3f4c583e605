import { describe, expect, it } from 'vitest';
import { bucketOf, changes, diffGraphs, mismatches } from './flow.compare.ts';
import { sha256 } from './flow.engine.ts';

describe('test-case matching (partial)', () => {
  it('checks only the keys given, at every level; arrays whole', () => {
    const actual = { outcome: 'refer', reasons: ['a', 'b'], detail: { score: 3, grade: 'B' } };
    expect(mismatches({ outcome: 'refer' }, actual)).toEqual([]);
    expect(mismatches({ detail: { grade: 'B' } }, actual)).toEqual([]);
    expect(mismatches({ reasons: ['a'] }, actual)).toEqual([
      { path: 'reasons', before: ['a'], after: ['a', 'b'] },
    ]);
    expect(mismatches({ detail: { grade: 'A' }, missing: 1 }, actual)).toEqual([
      { path: 'detail.grade', before: 'A', after: 'B' },
      { path: 'missing', before: 1, after: null },
    ]);
    expect(mismatches({ x: { y: 1 } }, null)).toEqual([{ path: '$', before: { x: { y: 1 } }, after: null }]);
  });

  it('lists what changed between two outputs, key order aside', () => {
    expect(changes({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
    expect(changes({ a: 1, b: { c: 2 } }, { a: 2, b: { c: 2, e: 5 } })).toEqual([
      { path: 'a', before: 1, after: 2 },
      { path: 'b.e', before: null, after: 5 },
    ]);
  });
});

describe('graph diff', () => {
  const table = (rows: Record<string, unknown>[]) => ({
    id: 't',
    type: 'decisionTableNode',
    name: '表',
    content: { inputs: [{ id: 'i' }], outputs: [{ id: 'o' }], rules: rows },
  });
  const doc = (
    nodes: { id: string; type: string; name?: string; content?: unknown }[],
    edges: [string, string][],
  ) => ({
    nodes,
    edges: edges.map(([s, t], i) => ({ id: `e${i}`, sourceId: s, targetId: t })),
  });
  it('names nodes added and removed, table rows added, removed and changed, edges and features', () => {
    const a = doc(
      [
        { id: 'in', type: 'inputNode' },
        table([
          { _id: 'R1', i: '> 1' },
          { _id: 'R2', i: '> 2' },
        ]),
        { id: 'x', type: 'expressionNode' },
      ],
      [
        ['in', 't'],
        ['t', 'x'],
      ],
    );
    const b = doc(
      [
        { id: 'in', type: 'inputNode' },
        table([
          { _id: 'R1', i: '> 5' },
          { _id: 'R3', i: '> 3' },
        ]),
        { id: 'out', type: 'outputNode' },
      ],
      [
        ['in', 't'],
        ['t', 'out'],
      ],
    );
    const d = diffGraphs(
      'n',
      { version: 1, content: a, features: ['f1'] },
      { version: 2, content: b, features: ['f2'] },
    );
    expect(d.nodes.added.map((n) => n.id)).toEqual(['out']);
    expect(d.nodes.removed.map((n) => n.id)).toEqual(['x']);
    expect(d.nodes.changed).toEqual([
      {
        id: 't',
        name: '表',
        type: 'decisionTableNode',
        fields: ['content', 'rows'],
        rows: {
          added: [{ _id: 'R3', i: '> 3' }],
          removed: [{ _id: 'R2', i: '> 2' }],
          changed: [{ id: 'R1', before: { _id: 'R1', i: '> 1' }, after: { _id: 'R1', i: '> 5' } }],
        },
      },
    ]);
    expect(d.edges.added.map((e) => e.targetId)).toEqual(['out']);
    expect(d.edges.removed.map((e) => e.targetId)).toEqual(['x']);
    expect([d.featuresAdded, d.featuresRemoved]).toEqual([['f2'], ['f1']]);
  });
});

describe('canary buckets', () => {
  it('are stable per subject and spread evenly', () => {
    const b = (ref: string) => bucketOf(sha256(`n\n${ref}`));
    expect(b('customer:1')).toBe(b('customer:1'));
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[Math.floor(b(`c:${i}`) / 10)]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });
});
