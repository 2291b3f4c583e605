import { fileURLToPath } from 'node:url';
import { BaseConfig, devSecret } from '@zhanye/kit';
import { z } from 'zod';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

export const GatewayConfig = BaseConfig.extend({
  PORT: z.coerce.number().int().default(8080),
  HOST: z.string().default('127.0.0.1'),
  /** Signs access tokens (cookies). Unset: this installation's random development secret. Set it outside development. */
  ZY_SESSION_SECRET: z
    .string()
    .min(16)
    .default(() => devSecret('session')),
  /**
   * Access token lifetime in seconds (never past the session's idle or absolute limit). Ended
   * sessions are refused at once anyway; this bounds how long a token lives without a refresh.
   */
  ZY_ACCESS_TTL_S: z.coerce.number().positive().max(3600).default(300),
  /** Comment lines on `/api/auth/events` this often, so proxies keep the stream open. */
  ZY_EVENTS_HEARTBEAT_S: z.coerce.number().positive().default(25),
  /** `1` behind TLS: cookies get `Secure` and `__Host-` / `__Secure-` names. */
  ZY_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  /** Space-separated origins allowed to frame pages (the mobile bank's WebView host). */
  ZY_FRAME_ANCESTORS: z.string().default("'self'"),
  /**
   * Space-separated origins the browser may load app code from besides this one: developer
   * overrides point an app at a local dev server (e.g. `http://localhost:*`). Empty in production.
   */
  ZY_DEV_ORIGINS: z.string().default(''),
  /**
   * The proxies in front of this gateway whose `X-Forwarded-For` names the client (comma-separated
   * addresses or subnets, or `loopback`), as Express's `trust proxy` takes them. Empty: no proxy,
   * the client is the socket's address and `X-Forwarded-For` is ignored (anyone can send one).
   */
  ZY_TRUST_PROXY: z.string().default(''),
  SHELL_DIST: z.string().default(`${repo}shell/dist`),
  /** Static store of released app versions: `<store>/<app>/<version>/...`. */
  APP_STORE: z.string().default(`${repo}.store/apps`),
  /** How long a `/api/<domain>/*` request waits for its service; sent along as the work's deadline. */
  API_TIMEOUT_MS: z.coerce.number().int().positive().max(600_000).default(10_000),
});
export type GatewayConfig = z.infer<typeof GatewayConfig>;
