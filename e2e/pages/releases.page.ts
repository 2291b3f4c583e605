import { expect, type Locator, type Page } from '@playwright/test';

export type RuleKind = 'default' | 'bank' | 'role' | 'percent';
const KIND_LABEL: Record<RuleKind, RegExp> = {
  default: /默认|Default/,
  bank: /按银行|Bank/,
  role: /按角色|Role/,
  percent: /按比例|Percentage/,
};

/** 系统管理 / 发布管理 (`/admin/releases`), a page the shell serves itself. */
export class ReleasesAdmin {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByTestId('releases-page');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('menu-admin-releases').click();
    await expect(this.root()).toBeVisible();
  }

  /** Selects an app's tab and returns its panel. */
  async app(app: string): Promise<Locator> {
    await this.page.getByTestId(`releases-app-${app}`).click();
    const panel = this.page.getByTestId(`app-rollout-${app}`);
    await expect(panel).toBeVisible();
    return panel;
  }

  release(panel: Locator, version: string): Locator {
    return panel.locator(`[data-testid="release-row"][data-version="${version}"]`);
  }

  rules(panel: Locator): Locator {
    return panel.getByTestId('rule-row');
  }

  /** Adds a rule through the form of the app's panel. */
  async addRule(
    panel: Locator,
    rule: { version: string; kind: RuleKind; target?: string; percent?: number },
  ): Promise<void> {
    const form = panel.getByTestId('rule-form');
    await form.getByTestId('rule-version').click();
    await this.page.locator('.ant-select-item-option').filter({ hasText: rule.version }).first().click();
    await form.getByTestId('rule-kind').getByText(KIND_LABEL[rule.kind]).click();
    if (rule.target !== undefined) await form.getByTestId('rule-target').fill(rule.target);
    if (rule.percent !== undefined) await form.getByTestId('rule-percent').fill(String(rule.percent));
    await form.getByTestId('rule-submit').click();
  }

  /** Promote or rollback: the button, then the confirmation. */
  async confirm(button: Locator): Promise<void> {
    await button.click();
    await this.page.locator('.ant-popconfirm').getByRole('button').last().click();
  }

  error(): Locator {
    return this.page.getByTestId('releases-error');
  }

  async services(): Promise<Locator> {
    await this.page.getByTestId('releases-tab-services').click();
    return this.page.getByTestId('service-row');
  }
}
