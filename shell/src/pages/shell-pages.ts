import type { ApiClient, Locale, MenuNode, Principal } from '@zhanye/contracts';
import type { ComponentType } from 'react';
import { selectedPage } from '../layout/menu-items.ts';

/** The app id a menu page carries when the shell itself serves it. */
export const SHELL_APP = 'shell';

/** What every page the shell serves receives. */
export interface ShellPageProps {
  api: ApiClient;
  user: Principal;
  can(permission: string): boolean;
  locale: Locale;
}

export type ShellPageModule = { default: ComponentType<ShellPageProps> };

/**
 * The pages the shell serves itself, by route; each is its own chunk, fetched the first time it
 * is opened, so the workbench's first load does not grow with them. A menu page shows one only if
 * the server sent it (with `app: 'shell'`) and the route is listed here.
 */
const shellPages: Record<string, () => Promise<ShellPageModule>> = {
  '/admin/releases': () => import('../admin/releases/releases.page.tsx'),
};

/** The shell page for the current path, if the user holds a menu page for it. */
export function shellPageFor(
  menus: MenuNode[],
  path: string,
): { route: string; load: () => Promise<ShellPageModule> } | undefined {
  const page = selectedPage(menus, path);
  const route = page?.route?.replace(/\/+$/, '');
  const load = route && page?.app === SHELL_APP ? shellPages[route] : undefined;
  return route && load ? { route, load } : undefined;
}
