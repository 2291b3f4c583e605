import { expect, type Page } from '@playwright/test';

/**
 * The sign-in page one step at a time (shell/src/login): credentials, a new password, the
 * second factor or its enrolment, the recovery codes. Unlike `Workbench.login`, nothing here
 * expects to land in the workbench: each test says which step it expects next.
 */
export class LoginSteps {
  constructor(readonly page: Page) {}

  readonly error = () => this.page.getByTestId('login-error');
  readonly code = () => this.page.getByTestId('login-code');
  readonly recoveryCode = () => this.page.getByTestId('login-recovery-code');

  async credentials(username: string, password: string) {
    if (!/\/login/.test(this.page.url())) await this.page.goto('/login');
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }

  async newPassword(password: string) {
    await expect(this.page.getByTestId('login-new-password')).toBeVisible();
    await this.page.getByTestId('login-new-password').fill(password);
    await this.page.getByTestId('login-confirm-password').fill(password);
    await this.page.getByTestId('password-submit').click();
  }

  /** The MFA step (not enrolment): a TOTP code. */
  async totp(code: string) {
    await expect(this.code()).toBeVisible();
    await this.code().fill(code);
    await this.page.getByTestId('mfa-submit').click();
  }

  /** The MFA step with a recovery code instead of a TOTP code. */
  async recovery(code: string) {
    await this.page.getByTestId('use-recovery').click();
    await expect(this.recoveryCode()).toBeVisible();
    await this.recoveryCode().fill(code);
    await this.page.getByTestId('mfa-submit').click();
  }

  async expectWorkbench() {
    await expect(this.page.getByTestId('header-user')).toBeVisible();
    await expect(this.page).not.toHaveURL(/\/login/);
  }
}
