import { expect, type Page } from '@playwright/test';

export class CustomerPages {
  constructor(readonly page: Page) {}

  async create(c: { name: string; idNumber: string; phone: string }) {
    await this.page.getByTestId('customer-new').click();
    await this.page.getByTestId('customer-name').fill(c.name);
    await this.page.getByTestId('customer-idNumber').fill(c.idNumber);
    await this.page.getByTestId('customer-phone').fill(c.phone);
    await this.page.getByTestId('customer-save').click();
    await expect(this.page.getByTestId('customer-row').filter({ hasText: c.name })).toBeVisible();
  }

  /** Opens the 360 view from the list and returns the customer id from the URL. */
  async open360(name: string): Promise<string> {
    await this.page.getByTestId('customer-row').filter({ hasText: name }).getByRole('link', { name }).click();
    await expect(this.page.getByTestId('customer-360')).toBeVisible();
    return /\/customer\/([0-9a-f-]{36})/.exec(this.page.url())![1]!;
  }

  timelineEntries() {
    return this.page.getByTestId('timeline-entry');
  }
}
