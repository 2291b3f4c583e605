import { expect, test } from '@playwright/test';
import { domainServices } from '@zhanye/contracts';
import { ReleasesAdmin } from '../pages/releases.page.ts';
import { Workbench } from '../pages/workbench.page.ts';

test('the union’s release page: releases, rules, history, a canary paused and resumed, services', async ({
  page,
}) => {
  const wb = new Workbench(page);
  await wb.login('union1');
  const admin = new ReleasesAdmin(page);
  await admin.open();
  await expect(page.getByTestId('releases-bank-only')).toHaveCount(0);
  const credit = await admin.app('mf-credit');
  await expect(admin.release(credit, '0.1.0')).toContainText('1.0.0');
  await expect(admin.rules(credit).filter({ hasText: '0.1.0' }).first()).toBeVisible();
  await expect(credit.getByTestId('history-row').first()).toBeVisible();
  await expect(credit.getByTestId('app-rollback')).toBeVisible();

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
    // every domain's service (and the simulators of the bank's systems)
    const all = domainServices().length;
    await expect(services).toHaveCount(all);
    await expect(page.getByTestId('service-instance-row').first()).toBeVisible();
    // each instance says how often its process was restarted (the supervisor counts them)
    await expect(page.getByTestId('service-restarts').first()).toHaveText(/^\d+$/);
    await page.getByTestId('services-refresh').click();
    await expect(services).toHaveCount(all);
  });
});

test('a bank’s release manager: a canary for their own bank only, no union-wide action', async ({ page }) => {
  const wb = new Workbench(page);
  await wb.login('admin');
  const admin = new ReleasesAdmin(page);
  await admin.open();
  await expect(page.getByTestId('releases-bank-only')).toContainText('青山农商银行');
  const credit = await admin.app('mf-credit');

  await test.step('Then promote, roll back and the shared rules’ actions are not offered', async () => {
    await expect(credit.getByTestId('app-rollback')).toHaveCount(0);
    await expect(credit.getByTestId('release-promote')).toHaveCount(0);
    // the rules every bank shares (the default, the union's canaries) are read-only here
    const shared = admin.rules(credit).filter({ hasNotText: 'bank-a' });
    await expect(shared.first()).toBeVisible();
    await expect(shared.getByTestId('rule-pause')).toHaveCount(0);
    // the form adds a bank rule for this bank only
    await expect(credit.getByTestId('rule-kind').getByRole('radio')).toHaveCount(1);
    await expect(credit.getByTestId('rule-target')).toHaveValue('青山农商银行');
    await expect(credit.getByTestId('rule-target')).toBeDisabled();
  });

  await test.step('When they add a canary for their bank, they can pause and resume it', async () => {
    await admin.addRule(credit, { version: '0.1.0', kind: 'bank' });
    const mine = admin.rules(credit).filter({ hasText: 'bank-a' });
    await expect(mine).toHaveAttribute('data-state', 'active');
    await mine.getByTestId('rule-pause').click();
    await expect(mine).toHaveAttribute('data-state', 'paused');
    await mine.getByTestId('rule-resume').click();
    await expect(mine).toHaveAttribute('data-state', 'active');
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
