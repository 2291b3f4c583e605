import { z } from 'zod';
import { wholeNumber } from '../http.ts';
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
  /** Set when a developer override points this app at a local build: the shell shows a banner. */
  override: z.object({ expiresAt: z.string(), by: z.string() }).optional(),
});
export type RemoteEntry = z.infer<typeof RemoteEntry>;

export const Me = z.object({ user: Principal, menus: z.array(MenuNode) });
export type Me = z.infer<typeof Me>;

export const LoginInput = z.object({
  username: z.string().trim().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(256),
});
export { LoginStep as LoginOutput } from './session.schema.ts';

/**
 * A developer points one app at a local build in a running environment: the URL must be on this
 * machine (localhost / 127.0.0.1), the grant is signed, expires, and is bound to the developer.
 */
export const DevOverrideInput = z.object({
  app: z.string().regex(/^mf-[a-z][a-z-]*$/, 'must be an app id such as mf-credit'),
  manifestUrl: z
    .string()
    .url()
    .regex(
      /^https?:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?\/[^?#]*mf-manifest\.json$/,
      'must be the mf-manifest.json of a build served from localhost',
    ),
  minutes: wholeNumber({ min: 1, max: 240 }).default(60),
});
export const DevOverride = z.object({
  token: z.string(),
  app: z.string(),
  manifestUrl: z.string(),
  expiresAt: z.string(),
});
export type DevOverride = z.infer<typeof DevOverride>;
