import type { Org } from '@zhanye/contracts';
import { buildTree, type TreeOf } from './tree.ts';

export interface OrgOption {
  value: string;
  key: string;
  title: string;
  children: OrgOption[];
}

/** Orgs (flat, by path) as the tree TreeSelect and Tree take; `sort` then name within a parent. */
export function orgTreeData(orgs: readonly Org[]): OrgOption[] {
  const sorted = [...orgs].sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name));
  const map = (nodes: TreeOf<Org>[]): OrgOption[] =>
    nodes.map(({ item, children }) => ({
      value: item.id,
      key: item.id,
      title: item.name,
      children: map(children),
    }));
  return map(buildTree(sorted));
}
