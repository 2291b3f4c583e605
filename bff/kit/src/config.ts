import { z } from 'zod';
import { devSecret } from './dev-secrets.ts';

/** Settings every service shares. Each is an environment variable; see bff/kit/README.md. */
export const BaseConfig = z.object({
  /** Namespace: prefixes NATS subjects and database names so stacks can share servers. */
  ZY_NS: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,15}$/)
    .default('dev'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** The component's own NATS user (see docs/nats-security.md); unset on an open development server. */
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  DB_HOST: z.string().default('127.0.0.1'),
  DB_PORT: z.coerce.number().int().default(3306),
  DB_USER: z.string().default('root'),
  DB_PASSWORD: z.string().default(''),
  /**
   * Longest a database statement may run (ms; MariaDB `max_statement_time` on every connection);
   * past it the statement is stopped and the request answers 503. Below the gateway's
   * `API_TIMEOUT_MS`, so the caller hears a clean 503 rather than a 504. `0` turns it off.
   */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().nonnegative().default(5000),
  /**
   * Development secret. Without `ZY_SIGNING_KEY` every component's caller-token key is derived from
   * it (so one process can act as several components, as tests do); other development-only keys
   * (developer-override grants, MFA encryption) derive from it too. Unset, it is this
   * installation's own random secret (`devSecret`, kept in `.var/dev-secrets.json`), never a
   * published one. Set it outside development.
   */
  ZY_INTERNAL_SECRET: z
    .string()
    .min(16)
    .default(() => devSecret('internal')),
  /**
   * Production: this component's Ed25519 private key as a JWK whose `kid` is the component name
   * (`gateway`, `credit`, ...; `pnpm caller-keys` makes a set). With it the component signs only as
   * itself and trusts only `ZY_TRUSTED_KEYS`.
   */
  ZY_SIGNING_KEY: z.string().optional(),
  /** Production: JSON array of the public JWKs (with `kid`) of the components allowed to call this one. */
  ZY_TRUSTED_KEYS: z.string().optional(),
  /** `production` refuses development defaults at start (kit `productionProblems`). */
  ZY_ENV: z.enum(['development', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type BaseConfig = z.infer<typeof BaseConfig>;

/** Parses `process.env` (or the given record) against a schema; exits with a clear message when invalid. */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration:\n${lines}`);
  }
  return parsed.data;
}

/** Database (schema) name of a service in a namespace: `zy_dev_credit`. */
export const databaseName = (ns: string, service: string) => `zy_${ns}_${service}`;
