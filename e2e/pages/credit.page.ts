import { expect, type Page } from '@playwright/test';

export class CreditPages {
  constructor(readonly page: Page) {}

  /** Fills the application form (customer preselected via `?customerId=`) and saves; returns the id. */
  async apply(a: { amount: string; term: string; income: string; purpose: string }): Promise<string> {
    await expect(this.page.getByTestId('application-customer')).toBeVisible();
    await this.page.getByTestId('application-amount').fill(a.amount);
    await this.page.getByTestId('application-term').fill(a.term);
    await this.page.getByTestId('application-income').fill(a.income);
    await this.page.getByTestId('application-purpose').fill(a.purpose);
    await this.page.getByTestId('application-save').click();
    await expect(this.page).toHaveURL(/\/credit\/[0-9a-f-]{36}/);
    return /\/credit\/([0-9a-f-]{36})/.exec(this.page.url())![1]!;
  }

  /** Submits the draft, confirming what submitting does. */
  async submit() {
    await this.page.getByTestId('application-submit').click();
    await this.confirm();
  }

  /** Approves (or rejects) the pending application, confirming in the dialog that says what it does. */
  async decide(verdict: 'approve' | 'reject') {
    await this.page.getByTestId(`application-${verdict}`).click();
    await this.confirm();
  }

  /** The confirmation dialog of a binding action: it names the action, then is confirmed. */
  async confirm() {
    await expect(this.page.getByTestId('confirm-ok')).toBeVisible();
    await this.page.getByTestId('confirm-ok').click();
  }

  status() {
    return this.page.getByTestId('application-status').first();
  }
}
