import type { RelationKind } from '@zhanye/contracts';

/**
 * Warning propagation along relations, a pure function over the graph (no database, no clock).
 * Weights and scores are whole basis points (10000 = 1), so the arithmetic is exact and the same
 * everywhere: a step multiplies with half-up rounding to the basis point.
 */
export const BP = 10_000;

export interface RelationEdge {
  from: string;
  to: string;
  kind: RelationKind;
  /** The relation's own weight, in basis points. */
  weightBp: number;
}

export interface PropagationRule {
  /** Relation steps a warning travels (0: the hit customer only). */
  depth: number;
  /** The least propagated score (basis points) that raises a warning. */
  floorBp: number;
  /** The rule's weight per relation kind (0: not followed). */
  weightsBp: Record<RelationKind, number>;
}

export interface PathStepBp {
  from: string;
  to: string;
  kind: RelationKind;
  /** relation weight x the rule's weight for its kind. */
  weightBp: number;
}

export interface Reach {
  ref: string;
  depth: number;
  scoreBp: number;
  path: PathStepBp[];
}

/** a x b in basis points, rounded half up. */
export const mulBp = (a: number, b: number) => Math.floor((a * b + BP / 2) / BP);

/** '0.7500' <-> 7500. */
export const toBp = (w: string) => {
  const [i = '0', f = ''] = w.split('.');
  return Number(i) * BP + Number(f.padEnd(4, '0').slice(0, 4));
};
export const fromBp = (bp: number) => `${Math.floor(bp / BP)}.${String(bp % BP).padStart(4, '0')}`;

const pathKey = (r: Reach) => r.path.map((s) => `${s.to}|${s.kind}`).join('>');

/** Better: higher score, then fewer steps, then the smaller path key (so ties are decided the same way every time). */
const better = (a: Reach, b: Reach) =>
  a.scoreBp !== b.scoreBp
    ? a.scoreBp > b.scoreBp
    : a.depth !== b.depth
      ? a.depth < b.depth
      : pathKey(a) < pathKey(b);

/**
 * The customers a signal on `hit` reaches within the rule's depth, each once with its best score
 * (the largest product of step weights over any path of at most `depth` steps, relations walked
 * both ways) and that path, when the score reaches the floor. The hit customer is not in the
 * result. Sorted by depth, then score (highest first), then customer ref.
 *
 * Levels of best walks: as every weight is at most 1, the best walk to a customer is a simple path
 * (a cycle never raises the score and the tie rule prefers fewer steps), and a walk already below
 * the floor can never climb back over it, so it is dropped at once.
 */
export function propagate(edges: readonly RelationEdge[], hit: string, rule: PropagationRule): Reach[] {
  const adj = new Map<string, { to: string; step: PathStepBp }[]>();
  const link = (a: string, b: string, e: RelationEdge, w: number) => {
    const list = adj.get(a) ?? [];
    list.push({ to: b, step: { from: a, to: b, kind: e.kind, weightBp: w } });
    adj.set(a, list);
  };
  for (const e of edges) {
    if (e.from === e.to) continue;
    const w = mulBp(Math.min(e.weightBp, BP), Math.min(rule.weightsBp[e.kind] ?? 0, BP));
    if (w <= 0) continue;
    link(e.from, e.to, e, w);
    link(e.to, e.from, e, w);
  }
  const best = new Map<string, Reach>();
  let frontier: Reach[] = [{ ref: hit, depth: 0, scoreBp: BP, path: [] }];
  for (let d = 1; d <= rule.depth && frontier.length; d++) {
    const next = new Map<string, Reach>();
    for (const r of frontier) {
      for (const { to, step } of adj.get(r.ref) ?? []) {
        if (to === hit) continue;
        const scoreBp = mulBp(r.scoreBp, step.weightBp);
        if (scoreBp < rule.floorBp || scoreBp <= 0) continue;
        const cand: Reach = { ref: to, depth: d, scoreBp, path: [...r.path, step] };
        const seen = next.get(to);
        if (!seen || better(cand, seen)) next.set(to, cand);
      }
    }
    frontier = [];
    for (const cand of next.values()) {
      const prev = best.get(cand.ref);
      // a walk no better than what already reached this customer in fewer steps leads nowhere new
      if (prev && !better(cand, prev)) continue;
      best.set(cand.ref, cand);
      frontier.push(cand);
    }
    frontier.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  }
  return [...best.values()]
    .filter((r) => r.scoreBp >= rule.floorBp)
    .sort(
      (a, b) => a.depth - b.depth || b.scoreBp - a.scoreBp || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0),
    );
}
