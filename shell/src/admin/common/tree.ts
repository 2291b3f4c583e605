import { useMemo, useState } from 'react';

/** A flat list linked by `parentId`, as a tree; children in the list's order. */
export interface TreeOf<T> {
  item: T;
  children: TreeOf<T>[];
}

export function buildTree<T extends { id: string; parentId: string | null }>(
  items: readonly T[],
): TreeOf<T>[] {
  const ids = new Set(items.map((i) => i.id));
  const byParent = new Map<string | null, T[]>();
  for (const item of items) {
    // an item whose parent is not in the list (outside a bank's package) becomes a root
    const parent = item.parentId && ids.has(item.parentId) ? item.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), item]);
  }
  const build = (parent: string | null): TreeOf<T>[] =>
    (byParent.get(parent) ?? []).map((item) => ({ item, children: build(item.id) }));
  return build(null);
}

/** The ids under `id` (not `id` itself). */
export function descendantIds<T extends { id: string; parentId: string | null }>(
  items: readonly T[],
  id: string,
): Set<string> {
  const out = new Set<string>();
  const walk = (parent: string) => {
    for (const item of items) {
      if (item.parentId === parent && !out.has(item.id)) {
        out.add(item.id);
        walk(item.id);
      }
    }
  };
  walk(id);
  return out;
}

/**
 * A tree's expanded keys as "every node open unless the admin closed it". antd's
 * `defaultExpandAll` opens only the nodes that have children at the first render, so a child
 * added or moved under a new node (or under a former leaf) stayed out of sight until expanded
 * by hand. Pass `expandedKeys` and `onExpand` to the Tree.
 */
export function useOpenTree(ids: readonly string[]) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const expandedKeys = useMemo(() => ids.filter((id) => !collapsed.has(id)), [ids, collapsed]);
  const onExpand = (keys: readonly (string | number | bigint)[]) => {
    const open = new Set(keys.map(String));
    setCollapsed(new Set(ids.filter((id) => !open.has(id))));
  };
  return { expandedKeys, onExpand };
}
