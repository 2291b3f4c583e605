import type { Locale, MenuNode } from '@zhanye/contracts';
import type { MenuProps } from 'antd';
import { createElement } from 'react';
import { MenuIcon } from './menu-icon.tsx';

type Item = NonNullable<MenuProps['items']>[number];

/** `/customer/list` -> `menu-customer-list`. */
export function menuTestId(route: string): string {
  return `menu-${route.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\//g, '-')}`;
}

/** The server's menu tree as antd items: titles in the current language, nothing added. */
export function toMenuItems(nodes: MenuNode[], locale: Locale): Item[] {
  return nodes.map((node): Item => {
    const label = node.title[locale];
    const icon = node.icon ? createElement(MenuIcon, { name: node.icon }) : undefined;
    if (node.kind === 'directory') {
      return { key: node.id, label, icon, children: toMenuItems(node.children, locale) };
    }
    // antd passes extra item fields through to the <li>; its type just does not list them.
    const page = { key: node.id, label, icon, 'data-testid': menuTestId(node.route ?? node.id) };
    return page;
  });
}

export function pagesOf(nodes: MenuNode[]): MenuNode[] {
  return nodes.flatMap((node) => (node.kind === 'page' ? [node] : pagesOf(node.children)));
}

export function directoryIds(nodes: MenuNode[]): string[] {
  return nodes.flatMap((node) =>
    node.kind === 'directory' ? [node.id, ...directoryIds(node.children)] : [],
  );
}

/** The page whose route is the longest prefix of the current path. */
export function selectedPage(nodes: MenuNode[], path: string): MenuNode | undefined {
  let best: MenuNode | undefined;
  for (const page of pagesOf(nodes)) {
    const route = page.route?.replace(/\/+$/, '');
    if (!route || !(path === route || path.startsWith(`${route}/`))) continue;
    if (!best || route.length > (best.route?.length ?? 0)) best = page;
  }
  return best;
}
