import { fileURLToPath } from 'node:url';
import { BaseConfig } from '@zhanye/kit';
import { z } from 'zod';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

export const GatewayConfig = BaseConfig.extend({
  PORT: z.coerce.number().int().default(8080),
  HOST: z.string().default('127.0.0.1'),
  /** Signs session tokens (cookies). Set it outside development. */
  ZY_SESSION_SECRET: z.string().min(16).default('dev-only-session-secret-change-me'),
  ZY_SESSION_HOURS: z.coerce.number().positive().default(8),
  /** `1` behind TLS: cookies get `Secure`. */
  ZY_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  /** Space-separated origins allowed to frame pages (the mobile bank's WebView host). */
  ZY_FRAME_ANCESTORS: z.string().default("'self'"),
  /**
   * Space-separated origins the browser may load app code from besides this one: developer
   * overrides point an app at a local dev server (e.g. `http://localhost:*`). Empty in production.
   */
  ZY_DEV_ORIGINS: z.string().default(''),
  SHELL_DIST: z.string().default(`${repo}shell/dist`),
  /** Static store of released app versions: `<store>/<app>/<version>/...`. */
  APP_STORE: z.string().default(`${repo}.store/apps`),
  API_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});
export type GatewayConfig = z.infer<typeof GatewayConfig>;
