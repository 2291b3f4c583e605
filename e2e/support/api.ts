import { type APIRequestContext, expect } from '@playwright/test';
import { PASSWORD } from './data.ts';

export type Api = <T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: string,
  data?: unknown,
) => Promise<T>;

/** A signed-in API client for `username` (its own cookie jar), with the CSRF header on mutations. */
export async function apiAs(request: APIRequestContext, username: string): Promise<Api> {
  const login = await request.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(login.status(), `sign-in of ${username}`).toBe(200);
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'zy_csrf')?.value ?? '';
  return async <T>(method: string, path: string, data?: unknown): Promise<T> => {
    const res = await request.fetch(`/api${path}`, { method, data, headers: { 'x-csrf-token': csrf } });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  };
}
