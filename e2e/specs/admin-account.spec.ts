import { expect, test } from '@playwright/test';
import { Workbench } from '../pages/workbench.page.ts';
import { PASSWORD } from '../support/data.ts';
import { nextStep, totp } from '../support/totp.ts';

// head1 (陈静) is not used by any other spec: this one turns their MFA on.
const USER = 'head1';

test('a user turns MFA on in 账户与安全 (password again), binds another authenticator only with a current code, then signing in asks for the code', async ({
  page,
}) => {
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
  await test.step('And set up MFA, entering the password again, with the QR code’s secret and a code from it', async () => {
    await page.getByTestId('mfa-start').click();
    await page.getByTestId('mfa-prove-password').fill(PASSWORD);
    await page.getByTestId('mfa-prove-submit').click();
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

  await test.step('When I bind another authenticator, a wrong code is refused and the current one opens the setup', async () => {
    await page.getByTestId('mfa-start').click();
    await expect(page.getByTestId('mfa-prove-password')).toHaveCount(0);
    // a code of the next step: the server accepts one step of drift and refuses the one just used
    const right = totp(secret, Date.now() + 30_000);
    await page.getByTestId('mfa-prove-code').fill(right === '000000' ? '111111' : '000000');
    await page.getByTestId('mfa-prove-submit').click();
    await expect(page.getByText('验证未通过，请重新输入（多次错误将锁定账户）')).toBeVisible();
    await expect(page.getByTestId('mfa-qr')).toHaveCount(0);
    await page.getByTestId('mfa-prove-code').fill(right);
    await page.getByTestId('mfa-prove-submit').click();
    await expect(page.getByTestId('mfa-qr')).toBeVisible();
    // not confirmed: the authenticator set up first stays the one that counts
    await page.getByTestId('mfa-cancel').click();
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
    // a fresh code: the steps used to confirm and to prove may not be accepted twice
    await nextStep();
    await code.fill(totp(secret, Date.now() + 30_000));
    await code.press('Enter');
    await expect(page.getByTestId('header-user')).toBeVisible();
  });
});
