import type { RelationKind } from '@zhanye/contracts';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { WarningDetail } from './warning.resource.ts';

echarts.use([GraphChart, LegendComponent, TooltipComponent, CanvasRenderer]);

type Role = WarningDetail['graph']['nodes'][number]['role'];

const COLORS: Record<Role, string> = { hit: '#cf1322', warned: '#d46b08', path: '#1677ff', other: '#8c8c8c' };
const ROLES: Role[] = ['hit', 'warned', 'path', 'other'];

export interface RelationGraphProps {
  graph: WarningDetail['graph'];
  hitRef: string;
  /** Words for a node's role, a relation kind, and a customer without a name. */
  roleText: (role: Role) => string;
  kindText: (kind: RelationKind) => string;
  unnamed: string;
  height?: number;
}

/**
 * The relation graph around a warning (echarts `graph` series): the hit customer in the middle,
 * related customers on rings by their distance from it, the path the warning travelled drawn
 * thick, each relation labelled with its kind and weight. Positions are computed here (no force
 * layout), so the same warning always draws the same picture. The default export: loaded lazily.
 */
export default function RelationGraph({
  graph,
  hitRef,
  roleText,
  kindText,
  unnamed,
  height = 420,
}: RelationGraphProps) {
  // rings by breadth-first distance from the hit customer
  const adj = new Map<string, string[]>();
  for (const e of graph.edges) {
    adj.set(e.from, [...(adj.get(e.from) ?? []), e.to]);
    adj.set(e.to, [...(adj.get(e.to) ?? []), e.from]);
  }
  const ring = new Map<string, number>([[hitRef, 0]]);
  let frontier = [hitRef];
  while (frontier.length) {
    const next: string[] = [];
    for (const ref of frontier)
      for (const n of [...(adj.get(ref) ?? [])].sort()) {
        if (!ring.has(n)) {
          ring.set(n, (ring.get(ref) ?? 0) + 1);
          next.push(n);
        }
      }
    frontier = next;
  }
  const maxRing = Math.max(0, ...ring.values());
  const byRing = new Map<number, string[]>();
  for (const n of graph.nodes) {
    const r = ring.get(n.ref) ?? maxRing + 1;
    byRing.set(r, [...(byRing.get(r) ?? []), n.ref]);
  }
  const pos = new Map<string, [number, number]>();
  for (const [r, refs] of byRing) {
    refs.sort();
    refs.forEach((ref, i) => {
      const angle = (2 * Math.PI * i) / refs.length + r * 0.6 - Math.PI / 2;
      pos.set(ref, r === 0 ? [0, 0] : [Math.cos(angle) * r * 160, Math.sin(angle) * r * 120]);
    });
  }
  const option = {
    tooltip: { formatter: (p: { data: { tip?: string } }) => p.data.tip ?? '' },
    legend: { data: ROLES.map(roleText), top: 0 },
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        categories: ROLES.map((r) => ({ name: roleText(r), itemStyle: { color: COLORS[r] } })),
        label: { show: true, position: 'bottom', fontSize: 12 },
        edgeLabel: { show: true, fontSize: 11, formatter: (p: { data: { label: string } }) => p.data.label },
        data: graph.nodes.map((n) => {
          const [x, y] = pos.get(n.ref) ?? [0, 0];
          const name = n.name || unnamed;
          return {
            id: n.ref,
            name,
            x,
            y,
            category: ROLES.indexOf(n.role),
            symbolSize: n.role === 'hit' || n.role === 'warned' ? 46 : 32,
            tip: `${name} · ${roleText(n.role)}`,
          };
        }),
        links: graph.edges.map((e) => ({
          source: e.from,
          target: e.to,
          label: `${kindText(e.kind)} ${e.weight.replace(/0+$/, '').replace(/\.$/, '')}`,
          tip: `${kindText(e.kind)} · ${e.weight}`,
          lineStyle: e.onPath
            ? { width: 4, color: COLORS.hit, opacity: 0.9 }
            : { width: 1.5, color: '#bfbfbf', type: 'dashed' as const },
        })),
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} />;
}
