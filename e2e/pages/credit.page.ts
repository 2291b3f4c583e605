import { expect, type Page } from '@playwright/test';

import { day, PNG } from '../support/credit-api.ts';

/** mf-credit's pages as staff use them. */
export class CreditPages {
  constructor(readonly page: Page) {}

  /** An antd Select (by test id): opens it and picks the option with this text (or the first). */
  async pick(testId: string, option?: string | RegExp) {
    await this.page.getByTestId(testId).click();
    const options = this.page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await (option ? options.filter({ hasText: option }).first() : options.first()).click();
  }

  /** In the wizard's authorisation step: records a signed loan-approval authorisation. */
  async recordAuthorization() {
    await this.page.getByTestId('auth-new').click();
    const dialog = this.page.getByRole('dialog');
    const range = dialog.locator('.ant-picker-range input');
    await range.first().click();
    await range.first().fill(day());
    await range.first().press('Enter');
    await range.nth(1).fill(day(364));
    await range.nth(1).press('Enter');
    await dialog.locator('input[type=file]').setInputFiles({
      name: '征信授权书.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG, 'base64'),
    });
    await dialog.getByTestId('auth-save').click();
    await expect(this.page.getByRole('dialog')).toHaveCount(0);
  }

  /**
   * The new-application wizard from its first step (customer preselected or from a lead):
   * authorisation (recorded when asked), terms, confirm; returns the new application's id.
   */
  async apply(a: {
    product?: string;
    amount?: string;
    term?: string;
    income: string;
    purpose: string;
    authorize?: boolean;
  }): Promise<string> {
    await expect(this.page.getByTestId('application-customer')).toBeVisible();
    await this.page.getByTestId('wizard-next').click();
    if (a.authorize) await this.recordAuthorization();
    await this.page.getByTestId('wizard-next').click();
    if (a.product) await this.pick('application-product', a.product);
    if (a.amount) await this.page.getByTestId('application-amount').fill(a.amount);
    await this.page.getByTestId('application-term').fill(a.term ?? '12');
    await this.page.getByTestId('application-income').fill(a.income);
    await this.page.getByTestId('application-purpose').fill(a.purpose);
    await this.page.getByTestId('wizard-next').click();
    await expect(this.page.getByTestId('application-confirm')).toBeVisible();
    await this.page.getByTestId('application-save').click();
    await expect(this.page).toHaveURL(/\/credit\/[0-9a-f-]{36}/);
    return /\/credit\/([0-9a-f-]{36})/.exec(this.page.url())![1]!;
  }

  /** A step on the application: its button, then the dialog that says what it does (comment when given). */
  async act(action: string, comment?: string) {
    await this.page.getByTestId(`application-${action}`).click();
    const dialog = this.page.getByTestId('step-modal');
    await expect(this.page.getByTestId('confirm-ok')).toBeVisible();
    if (comment !== undefined) await dialog.getByTestId('action-comment').fill(comment);
    await this.page.getByTestId('confirm-ok').click();
    await expect(this.page.getByTestId('confirm-ok')).toHaveCount(0);
  }

  async submit() {
    await this.act('submit');
  }

  /** Approves (or rejects, with a reason) in the dialog that says what it does. */
  async decide(verdict: 'approve' | 'reject') {
    await this.act(verdict, verdict === 'reject' ? '不符合准入条件' : '同意');
  }

  /** The investigation tab: every field of the product's form answered; the assistant named. */
  async investigate(assistant: string | null) {
    await this.page.getByTestId('application-investigate').click();
    const form = this.page.getByTestId('investigation-form');
    await expect(form).toBeVisible();
    const fields = form.locator('[data-testid^="investigation-"]');
    const n = await fields.count();
    for (let i = 0; i < n; i++) {
      const f = fields.nth(i);
      const id = (await f.getAttribute('data-testid')) ?? '';
      if (id === 'investigation-assistant' || !(await f.isVisible())) continue;
      if (await f.evaluate((e) => e.tagName === 'BUTTON' || e.tagName === 'FORM')) continue;
      if (((await f.getAttribute('class')) ?? '').includes('ant-select')) await this.pick(id);
      else if ((await f.getAttribute('type')) === 'date') await f.fill(day());
      else if (await f.getAttribute('inputmode')) await f.fill('120000');
      else await f.fill('经实地走访核实，情况属实');
    }
    if (assistant) await this.pick('investigation-assistant', assistant);
    await this.page.getByTestId('investigation-save').click();
  }

  status() {
    return this.page.getByTestId('application-status').first();
  }
}
