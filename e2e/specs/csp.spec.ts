import { expect, test } from '@playwright/test';
import { FOUR_APPS, ShellApps } from '../pages/shell-apps.page.ts';
import { Workbench } from '../pages/workbench.page.ts';
import { recordCspViolations } from '../support/csp.ts';

/*
 * The gateway's CSP allows scripts from 'self' only (no 'unsafe-eval'). zod's JIT probes
 * `new Function` when its first object schema is built: refused, and reported as a violation on
 * every page. Every browser entry turns the JIT off first (`@zhanye/app-kit/zod-jitless`).
 */
test('no CSP violation on the login page, the workbench and in each app', async ({ page }) => {
  const violations = await recordCspViolations(page);
  const wb = new Workbench(page);

  await test.step('When the login page loads its client and signs in', async () => {
    await page.goto('/login');
    // the client (contracts + zod) is fetched once the page is idle; signing in parses its answer
    await page.waitForLoadState('networkidle');
    await wb.login('admin');
  });
  await test.step('When each app is opened in the workbench', async () => {
    const apps = new ShellApps(page);
    for (const visit of FOUR_APPS) await apps.visit(visit);
    // a fresh document per app too: an app loaded first, before any other, configures zod itself
    for (const visit of FOUR_APPS) {
      await page.goto(visit.path);
      await expect(apps.container(visit.app).getByTestId(visit.ready).first()).toBeVisible();
    }
  });
  expect(violations).toEqual([]);
});
