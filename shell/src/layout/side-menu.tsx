import type { Locale, MenuNode } from '@zhanye/contracts';
import { Menu } from 'antd';
import { useMemo } from 'react';
import { navigateToUrl } from 'single-spa';
import { directoryIds, pagesOf, selectedPage, toMenuItems } from './menu-items.ts';

export function SideMenu({ menus, locale, path }: { menus: MenuNode[]; locale: Locale; path: string }) {
  const items = useMemo(() => toMenuItems(menus, locale), [menus, locale]);
  const routes = useMemo(() => new Map(pagesOf(menus).map((p) => [p.id, p.route])), [menus]);
  const openKeys = useMemo(() => directoryIds(menus), [menus]);
  const selected = selectedPage(menus, path);
  return (
    <Menu
      // directories granted by a pushed access change open too
      key={openKeys.join(',')}
      mode="inline"
      items={items}
      defaultOpenKeys={openKeys}
      selectedKeys={selected ? [selected.id] : []}
      onClick={({ key }) => {
        const route = routes.get(key);
        if (route) navigateToUrl(route);
      }}
    />
  );
}
