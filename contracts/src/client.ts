import { type Endpoint, ErrorBody, type ErrorCode, type InputOf, type OutputOf, pathParams } from './http.ts';

/** Every failed call becomes this one shape, whatever went wrong. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string[]> = {},
    readonly reason?: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * True for an `ApiError` from any copy of this package: each remote bundles its own contracts,
 * so `instanceof` fails across apps.
 */
export function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'ApiError' &&
    typeof (e as { status?: unknown }).status === 'number'
  );
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`; the same key twice applies a mutation once. */
  idempotencyKey?: string;
}

export interface ApiClient {
  call<E extends Endpoint>(endpoint: E, input: InputOf<E>, options?: CallOptions): Promise<OutputOf<E>>;
}

export const CSRF_COOKIE = 'zy_csrf';
/** Behind TLS the gateway uses `__Host-` cookies (Secure, Path=/, no Domain: they cannot be planted by a subdomain). */
export const cookieName = (name: string, secure: boolean) => (secure ? `__Host-${name}` : name);
export const CSRF_HEADER = 'x-csrf-token';

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Reads the CSRF cookie; defaults to `document.cookie`. */
  csrfToken?: () => string | undefined;
  /**
   * Called on a 401 that a refresh could not cure (or one from `/api/auth/*`), e.g. to send the
   * user to the login page.
   */
  onUnauthenticated?: () => void;
}

/** The gateway's refresh endpoint: rotates the refresh cookie and issues a new access cookie. */
export const REFRESH_PATH = '/api/auth/refresh';

function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Builds the URL and body of a call from its endpoint declaration. */
export function requestOf(
  endpoint: Endpoint,
  input: Record<string, unknown>,
): { url: string; body?: string } {
  const rest: Record<string, unknown> = { ...input };
  let path: string = endpoint.path;
  for (const name of pathParams(endpoint.path)) {
    path = path.replace(`:${name}`, encodeURIComponent(String(rest[name])));
    delete rest[name];
  }
  const url = `/api/${endpoint.domain}${path}`;
  if (endpoint.method === 'GET' || endpoint.method === 'DELETE') {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(rest))
      if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    return { url: s ? `${url}?${s}` : url };
  }
  return { url, body: JSON.stringify(rest) };
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const csrf =
    options.csrfToken ?? (() => readCookie(cookieName(CSRF_COOKIE, true)) ?? readCookie(CSRF_COOKIE));
  /**
   * One refresh at a time for every call of this client: when several calls meet an expired
   * access token together, they all wait for the same refresh (a second refresh with the rotated
   * token would only lean on the server's grace window).
   */
  let refreshing: Promise<boolean> | null = null;
  const refresh = (): Promise<boolean> => {
    refreshing ??= (async () => {
      try {
        const token = csrf();
        const res = await doFetch(`${options.baseUrl ?? ''}${REFRESH_PATH}`, {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            ...(token ? { [CSRF_HEADER]: token } : {}),
          },
          body: '{}',
          credentials: 'same-origin',
        });
        return res.ok;
      } catch {
        return false;
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };
  const send = (endpoint: Endpoint, url: string, body: string | undefined, callOptions: CallOptions) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (endpoint.mutation) {
      // read at each attempt: a refresh may have happened meanwhile
      const token = csrf();
      if (token) headers[CSRF_HEADER] = token;
    }
    if (callOptions.idempotencyKey) headers['idempotency-key'] = callOptions.idempotencyKey;
    return doFetch(`${options.baseUrl ?? ''}${url}`, {
      method: endpoint.method,
      headers,
      body: body ?? null,
      credentials: 'same-origin',
      signal: callOptions.signal ?? null,
    });
  };
  return {
    async call(endpoint, input, callOptions = {}) {
      const { url, body } = requestOf(endpoint, (input ?? {}) as Record<string, unknown>);
      // the sign-in endpoints answer 401 for a wrong password or code: no refresh for those
      const isAuth = endpoint.domain === 'auth';
      let res: Response;
      try {
        res = await send(endpoint, url, body, callOptions);
        // an expired access token: refresh once, then retry once (an idempotency key makes the
        // retried mutation safe; without one, a 401 means the first attempt never reached a service)
        if (res.status === 401 && !isAuth && (await refresh())) {
          res = await send(endpoint, url, body, callOptions);
        }
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        throw new ApiError(0, 'UNAVAILABLE', 'network error');
      }
      const json: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        if (res.status === 401 && !isAuth) options.onUnauthenticated?.();
        const parsed = ErrorBody.safeParse(json);
        if (parsed.success) {
          const e = parsed.data.error;
          throw new ApiError(res.status, e.code, e.message, e.fields ?? {}, e.reason, e.requestId);
        }
        throw new ApiError(res.status, res.status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST', res.statusText);
      }
      return endpoint.output.parse(json) as OutputOf<typeof endpoint>;
    },
  };
}
