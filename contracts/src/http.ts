import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP endpoint, declared once. The typed browser client, the server's validation,
 * its permission check and the OpenAPI document all come from this declaration.
 *
 * `path` is relative to `/api/<domain>`. `input` is one object schema covering the path
 * parameters, the query (GET/DELETE) or the body (POST/PUT/PATCH): the server merges
 * them before validating, the client splits them back.
 */
export interface Endpoint<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly id: string;
  readonly domain: string;
  readonly method: HttpMethod;
  readonly path: `/${string}`;
  readonly input: I;
  readonly output: O;
  /** Permission code required; `null` means any signed-in user. */
  readonly permission: string | null;
  readonly summary: string;
  /** Mutations are audited and may carry an idempotency key. */
  readonly mutation: boolean;
  /**
   * Whether union staff (data scope `all`, read-only in the banks) may call this mutation: the
   * platform's administration, release control and their own account. Every other mutation is
   * refused to them (403 `READ_ONLY_SCOPE`) by the service runtime.
   */
  readonly unionWrites?: boolean;
}

type EndpointSpec = Omit<Endpoint, 'id' | 'domain' | 'mutation'>;

export type Api<D extends string, S extends Record<string, EndpointSpec>> = {
  readonly [K in keyof S]: Endpoint<S[K]['input'], S[K]['output']> & { readonly domain: D };
};

/**
 * Declares a domain's endpoints; fills in `id` (`<domain>.<key>`), `domain` and `mutation`.
 * `options.unionWrites` opens every mutation of this API to union staff (see `Endpoint.unionWrites`).
 */
export function defineApi<const D extends string, const S extends Record<string, EndpointSpec>>(
  domain: D,
  spec: S,
  options: { unionWrites?: boolean } = {},
): Api<D, S> {
  const out: Record<string, Endpoint> = {};
  for (const [key, def] of Object.entries(spec)) {
    out[key] = {
      ...(options.unionWrites ? { unionWrites: true } : {}),
      ...def,
      id: `${domain}.${key}`,
      domain,
      mutation: def.method !== 'GET',
    };
  }
  return out as Api<D, S>;
}

export type InputOf<E extends Endpoint> = z.input<E['input']>;
export type OutputOf<E extends Endpoint> = z.output<E['output']>;

/** Path parameter names of a path such as `/customers/:id`. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

/** Matches `/customers/:id` against `/customers/42`; returns the params or null. */
export function matchPath(pattern: string, actual: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const a = actual.split('/').filter(Boolean);
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    const val = a[i]!;
    if (seg.startsWith(':')) {
      try {
        params[seg.slice(1)] = decodeURIComponent(val);
      } catch {
        return null;
      }
    } else if (seg !== val) return null;
  }
  return params;
}

// ---- errors: one shape everywhere ------------------------------------------------------

export const ErrorCode = z.enum([
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    /** Field path (dot separated) -> messages, for 400s. */
    fields: z.record(z.string(), z.array(z.string())).optional(),
    /** A finer reason for the same code, e.g. `SEPARATION_OF_DUTIES`. */
    reason: z.string().optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const statusOf: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
  INTERNAL: 500,
};

/** zod issues -> `{ 'field.path': ['message'] }`. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

// ---- shared field schemas ---------------------------------------------------------------

/** Money is a decimal string with at most 2 decimals, never a JS float; in fen it stays a safe integer. */
export const Money = z
  .string()
  .regex(
    /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/,
    'must be an amount like 50000 or 50000.00 (at most 2 decimals, 12 digits before the point)',
  );
export const PositiveMoney = Money.refine((v) => /[1-9]/.test(v), 'must be greater than 0');

export const Id = z.string().uuid();

/**
 * A whole number from a query string (`"12"`) or a JSON body (`12`), and nothing else: no `true`,
 * `[12]`, `"0x10"`, `"1e2"` or `" 12"` (which `z.coerce.number()` would take).
 */
export function wholeNumber(bounds: { min?: number; max?: number } = {}) {
  let n = z.number().int();
  if (bounds.min !== undefined) n = n.min(bounds.min);
  if (bounds.max !== undefined) n = n.max(bounds.max);
  return z.preprocess((v) => (typeof v === 'string' && /^-?\d{1,15}$/.test(v) ? Number(v) : v), n);
}

export const Page = wholeNumber({ min: 1, max: 100000 }).default(1);
export const PageSize = wholeNumber({ min: 1, max: 100 }).default(20);

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const IsoDateTime = z.string();
