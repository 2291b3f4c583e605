import type { ApiClient, Locale, MenuNode, Permission, Principal } from '@zhanye/contracts';
import type { ComponentType } from 'react';
import { selectedPage } from '../layout/menu-items.ts';

/** The app id a menu page carries when the shell itself serves it. */
export const SHELL_APP = 'shell';

/** What every page the shell serves receives. */
export interface ShellPageProps {
  api: ApiClient;
  user: Principal;
  can(permission: Permission): boolean;
  locale: Locale;
}

export type ShellPageModule = { default: ComponentType<ShellPageProps> };

/**
 * The pages the shell serves itself, by route; each is its own chunk, fetched the first time it
 * is opened, so the workbench's first load does not grow with them. A menu page shows one only if
 * the server sent it (with `app: 'shell'`) and the route is listed here.
 */
const shellPages: Record<string, () => Promise<ShellPageModule>> = {
  '/admin/users': () => import(/* webpackChunkName: "admin-users" */ '../admin/users/users.page.tsx'),
  '/admin/roles': () => import(/* webpackChunkName: "admin-roles" */ '../admin/roles/roles.page.tsx'),
  '/admin/menus': () => import(/* webpackChunkName: "admin-menus" */ '../admin/menus/menus.page.tsx'),
  '/admin/orgs': () => import(/* webpackChunkName: "admin-orgs" */ '../admin/orgs/orgs.page.tsx'),
  '/admin/banks': () => import(/* webpackChunkName: "admin-banks" */ '../admin/banks/banks.page.tsx'),
  '/admin/sessions': () =>
    import(/* webpackChunkName: "admin-sessions" */ '../admin/sessions/sessions.page.tsx'),
  '/admin/audit': () => import(/* webpackChunkName: "admin-audit" */ '../admin/audit/audit.page.tsx'),
  '/admin/releases': () =>
    import(/* webpackChunkName: "admin-releases" */ '../admin/releases/releases.page.tsx'),
};

/** Every signed-in user's own page (sessions, password, MFA): reached from the header, not a menu. */
export const ACCOUNT_ROUTE = '/account';
const accountPage = () => import(/* webpackChunkName: "account" */ '../account/account.page.tsx');

/** The shell page for the current path, if the user holds a menu page for it. */
export function shellPageFor(
  menus: MenuNode[],
  path: string,
): { route: string; load: () => Promise<ShellPageModule> } | undefined {
  if (path === ACCOUNT_ROUTE) return { route: ACCOUNT_ROUTE, load: accountPage };
  const page = selectedPage(menus, path);
  const route = page?.route?.replace(/\/+$/, '');
  const load = route && page?.app === SHELL_APP ? shellPages[route] : undefined;
  return route && load ? { route, load } : undefined;
}
