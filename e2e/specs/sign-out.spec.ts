import { type Browser, expect, type Page, type Route, test } from '@playwright/test';
import { Workbench } from '../pages/workbench.page.ts';
import { currentSessionId } from '../support/admin-api.ts';

/*
 * On a shared branch PC, whoever signs in next must never land on the previous user's page.
 * Signing out leaves no page to come back to, whatever order the logout's answer and the pushed
 * end of the session arrive in; a page kept when a session ended opens only for its own user.
 */

/**
 * Resolves once the session's `ended` event has been dispatched in the page, its listeners (the
 * shell's among them) having run: a listener added first reports after a task of its own.
 */
async function whenEnded(page: Page): Promise<() => Promise<void>> {
  let ended!: () => void;
  const done = new Promise<void>((resolve) => {
    ended = resolve;
  });
  await page.exposeFunction('__zyEnded', () => ended());
  await page.addInitScript(() => {
    const Native = window.EventSource;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener('ended', () => {
          setTimeout(() => (window as unknown as { __zyEnded: () => void }).__zyEnded(), 0);
        });
      }
    };
  });
  // a function: an async function returning the promise itself would wait for it
  return () => done;
}

/** am1 on a customer's 360 page; returns its path. */
async function onCustomer360(page: Page, wb: Workbench): Promise<string> {
  await wb.login('am1');
  await wb.open('/customer');
  await page.getByTestId('customer-row').first().getByRole('link').first().click();
  await expect(page.getByTestId('customer-360')).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Ends a session the way an administrator does, from another browser. */
async function endSessionAsAdmin(browser: Browser, sessionId: string): Promise<void> {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await new Workbench(admin).login('admin');
  const csrf = (await context.cookies()).find((c) => c.name === 'zy_csrf')?.value ?? '';
  const res = await admin.request.post(`/api/platform/admin/sessions/${sessionId}/end`, {
    headers: { 'x-csrf-token': csrf },
    data: {},
  });
  expect(res.status(), await res.text()).toBe(200);
  await context.close();
}

test('signing out leaves no page to come back to, even when the session’s end is pushed after the logout answer', async ({
  page,
}) => {
  const ended = await whenEnded(page);
  const wb = new Workbench(page);
  await onCustomer360(page, wb);

  await test.step('When the logout answer reaches the page before the pushed end of the session', async () => {
    // the page's logout call is answered at once; the session is really ended right after, from
    // the same cookie jar, so the server's push arrives second (the order that kept `?next=`)
    await page.route('**/api/auth/logout', (route) => route.fulfill({ json: { ok: true } }));
    // navigations to the login page wait until the push has been handled, so both redirects race
    const held: Route[] = [];
    await page.route(/\/login(\?.*)?$/, (route) => {
      if (route.request().isNavigationRequest()) held.push(route);
      else void route.continue();
    });
    // a click would wait for the navigation it starts, which is held here
    await page.getByTestId('logout').dispatchEvent('click');
    await expect.poll(() => held.length).toBeGreaterThan(0);
    const csrf = (await page.context().cookies()).find((c) => c.name === 'zy_csrf')?.value ?? '';
    const res = await page.request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrf }, data: {} });
    expect(res.status()).toBe(200);
    await ended();
    await page.unroute(/\/login(\?.*)?$/);
    for (const route of held) await route.continue().catch(() => undefined);
  });
  await test.step('Then the login page has no `next`', async () => {
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByTestId('login-username')).toBeVisible();
  });
  await test.step('When another user signs in there, they land on their workbench home', async () => {
    await page.getByTestId('login-username').fill('approver1');
    await page.getByTestId('login-password').fill('Zhanye@2026');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('workbench-home')).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('customer-360')).toHaveCount(0);
  });
});

test('a page kept when a session ended opens again for its user, never for another', async ({
  page,
  browser,
}) => {
  const wb = new Workbench(page);
  const place = await onCustomer360(page, wb);

  await test.step('When an administrator ends the session, the page goes to sign-in, keeping its place', async () => {
    await endSessionAsAdmin(browser, await currentSessionId(page));
    await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(place)}`));
  });
  await test.step('When another user signs in there, they land on their own home, not that page', async () => {
    await page.getByTestId('login-username').fill('approver1');
    await page.getByTestId('login-password').fill('Zhanye@2026');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('workbench-home')).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
  });
  await test.step('When the same user’s session ends and they sign in again, they are back on their page', async () => {
    await wb.logout();
    const again = await onCustomer360(page, wb);
    await endSessionAsAdmin(browser, await currentSessionId(page));
    await expect(page).toHaveURL(/\/login\?next=/);
    await page.getByTestId('login-username').fill('am1');
    await page.getByTestId('login-password').fill('Zhanye@2026');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('customer-360')).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(again);
  });
});
