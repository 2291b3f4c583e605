import { expect, test } from '@playwright/test';
import { Workbench } from '../pages/workbench.page.ts';

test('one app’s files missing: the shell and the other apps keep working, retry recovers', async ({
  page,
}) => {
  await page.route('**/apps/mf-marketing/**', (route) => route.abort('failed'));
  const wb = new Workbench(page);
  await wb.login('am1');

  await test.step('When the broken app is opened, a fallback with retry appears within 3 s', async () => {
    await wb.open('/marketing');
    await expect(wb.fallback('mf-marketing')).toBeVisible({ timeout: 3_000 });
  });

  await test.step('Then another app still loads and works', async () => {
    await wb.open('/customer');
    await expect(page.getByTestId('customer-row').first()).toBeVisible();
    await expect(page.getByTestId('header-user')).toBeVisible();
  });

  await test.step('When the files are back, retry loads the app without a page reload', async () => {
    await page.unroute('**/apps/mf-marketing/**');
    await wb.open('/marketing');
    await expect(wb.fallback('mf-marketing')).toBeVisible();
    await page.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });
    await page.getByTestId('app-retry-mf-marketing').click();
    await expect(page.getByTestId('lead-new')).toBeVisible({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  });
});

test('a signed-out visitor is sent to the login page; a wrong password shows a generic error', async ({
  page,
}) => {
  await page.goto('/customer');
  await expect(page).toHaveURL(/\/login/);
  await page.getByTestId('login-username').fill('am1');
  await page.getByTestId('login-password').fill('wrong-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
});
