import { expect, test } from '@playwright/test';

/*
 * A signed-out visit to a workbench page goes straight to the login page: the gateway redirects
 * when the session's readable CSRF cookie is absent, so no workbench code is fetched and no API
 * call fails on the way.
 */
test('a signed-out visit goes to the login page without fetching the workbench or calling the API', async ({
  page,
}) => {
  // the scripts the workbench page loads (asked for as a signed-in browser would)
  const workbench = await page.request.get('/', { headers: { cookie: 'zy_csrf=e2e' }, maxRedirects: 0 });
  expect(workbench.status()).toBe(200);
  const workbenchScripts = [...(await workbench.text()).matchAll(/<script[^>]+src="([^"]+)"/g)].map(
    (m) => new URL(m[1]!, 'http://any').pathname,
  );
  expect(workbenchScripts.length).toBeGreaterThan(0);

  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));

  for (const [path, login] of [
    ['/', /\/login$/],
    ['/customer/42?tab=1', /\/login\?next=%2Fcustomer%2F42%3Ftab%3D1$/],
  ] as const) {
    await test.step(`When ${path} is opened signed out, the login page shows`, async () => {
      requested.length = 0;
      await page.goto(path);
      await expect(page).toHaveURL(login);
      await expect(page.getByTestId('login-username')).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(requested.filter((p) => p.startsWith('/api/'))).toEqual([]);
      expect(requested.filter((p) => workbenchScripts.includes(p))).toEqual([]);
    });
  }
});
