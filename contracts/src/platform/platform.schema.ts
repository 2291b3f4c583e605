import { z } from 'zod';
import { Principal } from '../principal.ts';

export const Locale = z.enum(['zh-CN', 'en-US']);
export type Locale = z.infer<typeof Locale>;

/** A menu entry as a user receives it: only what their roles grant. */
export interface MenuNode {
  id: string;
  kind: 'directory' | 'page';
  title: { 'zh-CN': string; 'en-US': string };
  icon?: string | undefined;
  /** For pages: the app that serves it and the route inside the workbench, e.g. `/customer`. */
  app?: string | undefined;
  route?: string | undefined;
  children: MenuNode[];
}
export const MenuNode: z.ZodType<MenuNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(['directory', 'page']),
    title: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
    icon: z.string().optional(),
    app: z.string().optional(),
    route: z.string().optional(),
    children: z.array(MenuNode),
  }),
);

/** One remote app the shell may load, resolved for the signed-in user. */
export const RemoteEntry = z.object({
  /** App id, also the single-spa name and the route prefix: `mf-credit` is served at `/credit`. */
  app: z.string(),
  /** Module Federation container name, e.g. `mf_credit`. */
  scope: z.string(),
  version: z.string(),
  /** URL of the version's `mf-manifest.json`. */
  manifestUrl: z.string(),
  /** Workbench route prefix where the app is active. */
  route: z.string(),
});
export type RemoteEntry = z.infer<typeof RemoteEntry>;

export const Me = z.object({ user: Principal, menus: z.array(MenuNode) });
export type Me = z.infer<typeof Me>;

export const LoginInput = z.object({
  username: z.string().trim().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(256),
});
export const LoginOutput = z.object({ user: Principal });
