import type { Locale, MenuItem } from '@zhanye/contracts';
import { Flex, Switch, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type ReactNode, useMemo, useState } from 'react';
import { MenuIcon } from '../../layout/menu-icon.tsx';
import { buildTree, descendantIds, type TreeOf, useOpenTree } from './tree.ts';

export const kindColor: Record<MenuItem['kind'], string> = {
  directory: 'processing',
  page: 'success',
  button: 'warning',
};

export function sortedMenus(items: readonly MenuItem[]): MenuItem[] {
  return [...items].sort((a, b) => a.sort - b.sort || a.id.localeCompare(b.id));
}

/** One node's label: icon, title, kind and the permission code it grants. */
export function MenuLabel({
  item,
  locale,
  kinds,
}: {
  item: MenuItem;
  locale: Locale;
  kinds: Record<MenuItem['kind'] | 'hidden', string>;
}) {
  return (
    <span data-testid="menu-tree-node" data-id={item.id} data-kind={item.kind}>
      <Flex component="span" gap={6} align="center">
        <MenuIcon name={item.icon} />
        <span className="zy-menu-title">{item.title[locale]}</span>
        <Tag color={kindColor[item.kind]} style={{ marginInlineEnd: 0 }}>
          {kinds[item.kind]}
        </Tag>
        {item.permission && (
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            {item.permission}
          </Typography.Text>
        )}
        {item.hidden && <Tag>{kinds.hidden}</Tag>}
      </Flex>
    </span>
  );
}

export function menuTreeData(items: readonly MenuItem[], label: (item: MenuItem) => ReactNode): DataNode[] {
  const map = (nodes: TreeOf<MenuItem>[]): DataNode[] =>
    nodes.map(({ item, children }) => ({
      key: item.id,
      title: label(item),
      isLeaf: children.length === 0,
      children: map(children),
    }));
  return map(buildTree(sortedMenus(items)));
}

/**
 * Whether a grant can be shown with linked checkboxes (a parent ticked = all its children): true
 * unless a granted node has children and none of them is granted (a page without its buttons).
 */
function linkable(items: readonly MenuItem[], granted: ReadonlySet<string>): boolean {
  return [...granted].every((id) => {
    const children = items.filter((i) => i.parentId === id);
    return children.length === 0 || children.some((c) => granted.has(c.id));
  });
}

const noIds: readonly string[] = [];

interface GrantProps {
  items: readonly MenuItem[];
  /** From the Form.Item it sits in. */
  value?: readonly string[];
  onChange?: (ids: string[]) => void;
  locale: Locale;
  text: { linked: string; kinds: Record<MenuItem['kind'] | 'hidden', string> };
  testId: string;
}

/**
 * Menus, pages and buttons to grant (a role) or to offer (a bank's package). Linked (default):
 * ticking a page ticks its buttons, and a partly ticked parent is granted too (RuoYi's model);
 * unlinked: each node on its own, for a page granted without any of its buttons.
 */
export function MenuGrantTree({ items, value = noIds, onChange, locale, text, testId }: GrantProps) {
  const granted = useMemo(() => new Set(value), [value]);
  // the menu list may arrive after the dialog opened: keep nodes open, not just those present at first render
  const open = useOpenTree(useMemo(() => items.map((i) => i.id), [items]));
  const [linked, setLinked] = useState(() => linkable(items, granted));
  const treeData = useMemo(
    () => menuTreeData(items, (item) => <MenuLabel item={item} locale={locale} kinds={text.kinds} />),
    [items, locale, text],
  );
  // linked: only nodes whose whole subtree is granted are ticked; antd derives the partial ones
  const checked = useMemo(
    () =>
      linked
        ? [...granted].filter((id) => [...descendantIds(items, id)].every((d) => granted.has(d)))
        : [...granted],
    [linked, granted, items],
  );
  return (
    <div data-testid={testId}>
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        <Switch
          size="small"
          checked={linked}
          onChange={setLinked}
          // linking would drop a page granted without its buttons
          disabled={!linked && !linkable(items, granted)}
          data-testid={`${testId}-linked`}
        />
        <Typography.Text type="secondary">{text.linked}</Typography.Text>
      </Flex>
      <Tree
        checkable
        selectable={false}
        expandedKeys={open.expandedKeys}
        onExpand={open.onExpand}
        checkStrictly={!linked}
        treeData={treeData}
        checkedKeys={checked}
        onCheck={(keys, info) => {
          if (Array.isArray(keys)) {
            onChange?.([...keys, ...(info.halfCheckedKeys ?? [])].map(String));
          } else {
            onChange?.(keys.checked.map(String));
          }
        }}
      />
    </div>
  );
}
