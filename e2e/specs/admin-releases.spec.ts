import { expect, test } from '@playwright/test';
import { ReleasesAdmin } from '../pages/releases.page.ts';
import { Workbench } from '../pages/workbench.page.ts';

test('the release admin page: releases, rules, history, a canary paused and resumed, services', async ({
  page,
}) => {
  const wb = new Workbench(page);
  await wb.login('admin');
  const admin = new ReleasesAdmin(page);
  await admin.open();
  const credit = await admin.app('mf-credit');
  await expect(admin.release(credit, '0.1.0')).toContainText('1.0.0');
  await expect(admin.rules(credit).filter({ hasText: '0.1.0' }).first()).toBeVisible();
  await expect(credit.getByTestId('history-row').first()).toBeVisible();

  await test.step('When a 10% canary is added, it can be paused and resumed', async () => {
    await admin.addRule(credit, { version: '0.1.0', kind: 'percent', percent: 10 });
    const canary = admin.rules(credit).filter({ hasText: '10%' });
    await expect(canary).toHaveAttribute('data-state', 'active');
    await canary.getByTestId('rule-pause').click();
    await expect(canary).toHaveAttribute('data-state', 'paused');
    await canary.getByTestId('rule-resume').click();
    await expect(canary).toHaveAttribute('data-state', 'active');
    await expect(credit.getByTestId('history-row').first()).toHaveAttribute('data-action', 'rule.resume');
  });

  await test.step('Then the services tab lists every service with its instances and their restarts', async () => {
    const services = await admin.services();
    await expect(services).toHaveCount(5);
    await expect(page.getByTestId('service-instance-row').first()).toBeVisible();
    // each instance says how often its process was restarted (the supervisor counts them)
    await expect(page.getByTestId('service-restarts').first()).toHaveText(/^\d+$/);
    await page.getByTestId('services-refresh').click();
    await expect(services).toHaveCount(5);
  });
});

test('a user without the release permission gets neither the menu nor the page', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.login('am1');
  await expect(page.getByTestId('menu-admin-releases')).toHaveCount(0);
  await page.evaluate(() => window.history.pushState(null, '', '/admin/releases'));
  await expect(page.getByTestId('workbench-not-found')).toBeVisible();
  await expect(page.getByTestId('releases-page')).toHaveCount(0);
});
