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
