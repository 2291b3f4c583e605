import { expect, type Page } from '@playwright/test';

export class MarketingPages {
  constructor(readonly page: Page) {}

  /** Adds a lead; the customer is preselected when the page was opened with `?customerId=`. */
  async addLead(lead: { customerName: string; product: string; amount: string }, pickCustomer = false) {
    await this.page.getByTestId('lead-new').click();
    if (pickCustomer) {
      await this.page.getByTestId('lead-customer').fill(lead.customerName);
      await this.page
        .getByTestId('lead-customer-option')
        .filter({ hasText: lead.customerName })
        .first()
        .click();
    }
    await this.page.getByTestId('lead-product').fill(lead.product);
    await this.page.getByTestId('lead-amount').fill(lead.amount);
    await this.page.getByTestId('lead-save').click();
    await expect(this.page.getByTestId('lead-row').filter({ hasText: lead.product }).first()).toBeVisible();
  }
}
