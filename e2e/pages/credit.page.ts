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

  status() {
    return this.page.getByTestId('application-status').first();
  }
}
