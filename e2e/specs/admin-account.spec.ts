import { expect, test } from '@playwright/test';
import { Workbench } from '../pages/workbench.page.ts';
import { PASSWORD } from '../support/data.ts';
import { nextStep, totp } from '../support/totp.ts';

// head1 (陈静) is not used by any other spec: this one turns their MFA on.
const USER = 'head1';

test('a user turns MFA on in 账户与安全, then signing in asks for the code', async ({ page }) => {
  test.setTimeout(120_000);
  const wb = new Workbench(page);
  await wb.login(USER);

  await test.step('When I open 账户与安全 from the header', async () => {
    await page.getByTestId('header-user-menu').click();
    await page.getByTestId('header-account').click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('account-page')).toBeVisible();
    await expect(page.getByTestId('mfa-status')).toHaveAttribute('data-enabled', 'false');
    await expect(page.getByTestId('account-session-current')).toBeVisible();
  });

  let secret = '';
  await test.step('And set up MFA with the QR code’s secret and a code from it', async () => {
    await page.getByTestId('mfa-start').click();
    await expect(page.getByTestId('mfa-qr')).toBeVisible();
    secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').trim();
    await page.getByTestId('mfa-code').fill(totp(secret));
    await page.getByTestId('mfa-confirm').click();
  });

  await test.step('Then ten recovery codes are shown once and MFA is on', async () => {
    const codes = ((await page.getByTestId('recovery-codes-list').textContent()) ?? '')
      .split('\n')
      .filter(Boolean);
    expect(codes).toHaveLength(10);
    await page.getByTestId('recovery-done').click();
    await expect(page.getByTestId('recovery-codes')).toHaveCount(0);
    await expect(page.getByTestId('mfa-status')).toHaveAttribute('data-enabled', 'true');
  });

  await test.step('When I sign out and in again, the password alone is not enough', async () => {
    await wb.logout();
    await page.getByTestId('login-username').fill(USER);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    const code = page.locator('input[autocomplete="one-time-code"]');
    await expect(code).toBeVisible();
    await expect(page.getByTestId('header-user')).toHaveCount(0);
    // a fresh code: the one used to confirm may not be accepted twice
    await nextStep();
    await code.fill(totp(secret));
    await code.press('Enter');
    await expect(page.getByTestId('header-user')).toBeVisible();
  });
});
