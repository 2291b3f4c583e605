import { expect, type Page } from '@playwright/test';
import type { AdminUser, Role } from '@zhanye/contracts';

/**
 * The admin API through a signed-in page's own cookies (`page.request` shares the context's
 * cookie jar), with the CSRF header the gateway requires on every mutation.
 */
export class AdminApi {
  constructor(readonly page: Page) {}

  private async post<T>(path: string, data: unknown): Promise<T> {
    const csrf = (await this.page.context().cookies()).find((c) => c.name === 'zy_csrf')?.value;
    expect(csrf, 'signed in: the zy_csrf cookie is set').toBeTruthy();
    const res = await this.page.request.post(`/api/platform${path}`, {
      headers: { 'x-csrf-token': csrf! },
      data,
    });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  }

  createRole(role: { code: string; name: string; menuIds: string[]; mfaRequired?: boolean }) {
    return this.post<Role>('/admin/roles', { dataScope: 'self', ...role });
  }

  /** A user of bank-a (the admin's bank); the initial password must be changed at first sign-in. */
  createUser(user: { username: string; displayName: string; roleIds: string[]; password: string }) {
    return this.post<AdminUser>('/admin/users', { orgId: 'a-br1', ...user });
  }

  async findUser(username: string): Promise<AdminUser> {
    const res = await this.page.request.get(`/api/platform/admin/users?q=${encodeURIComponent(username)}`);
    expect(res.status()).toBe(200);
    const { items } = (await res.json()) as { items: AdminUser[] };
    const user = items.find((u) => u.username === username);
    expect(user, `user ${username} listed`).toBeTruthy();
    return user!;
  }
}

/** The id of the session a page is signed in with (its own `/me/sessions` marks it current). */
export async function currentSessionId(page: Page): Promise<string> {
  const res = await page.request.get('/api/platform/me/sessions');
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: { id: string; current: boolean }[] };
  const id = items.find((s) => s.current)?.id;
  expect(id, 'the current session is listed').toBeTruthy();
  return id!;
}
