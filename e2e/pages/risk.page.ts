import { expect, type Locator, type Page } from '@playwright/test';

/**
 * mf-risk-console's 决策流 pages as risk staff use them: a flow's versions and releases, a version's
 * tabs (编辑 with GoRules' JDM editor, 测试用例, 模拟 with the trace on the graph, 差异, 决策记录).
 */
export class RiskPages {
  constructor(readonly page: Page) {}

  async openFlow(name: string) {
    await this.page.goto(`/risk/flows/${name}`);
    await expect(this.page.getByTestId('flow-detail')).toBeVisible();
    await expect(this.page.getByTestId('version-row').first()).toBeVisible();
  }

  async openVersion(
    name: string,
    version: number,
    tab: 'edit' | 'cases' | 'simulate' | 'diff' | 'runs' = 'edit',
  ) {
    await this.page.goto(`/risk/flows/${name}/versions/${version}?tab=${tab}`);
    await expect(this.page.getByTestId('version-page')).toBeVisible();
  }

  /** Switches the version page's tab in place (the editor's code is loaded once per page). */
  async tab(tab: 'edit' | 'cases' | 'simulate' | 'diff' | 'runs') {
    await this.page.getByTestId(`tab-${tab}`).click();
    await expect(this.page).toHaveURL(new RegExp(`tab=${tab}`));
  }

  /** The version number in the address (`/flows/:name/versions/:version`). */
  versionInUrl(): number {
    return Number(/\/versions\/(\d+)/.exec(this.page.url())?.[1]);
  }

  versionRow(version: number): Locator {
    return this.page.locator(`[data-testid=version-row][data-version="${version}"]`);
  }

  /** The graph in the editor (loaded lazily with monaco). */
  graph(): Locator {
    return this.page.getByTestId('jdm-graph');
  }

  /**
   * In the editor: opens a decision table by its node's name and replaces the cell that reads
   * `from` with `to` (the cells are code editors: select all, type).
   */
  async editTableCell(node: string, from: string, to: string) {
    await expect(this.graph().locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
    await this.graph().locator('.react-flow__node').filter({ hasText: node }).getByText('Edit Table').click();
    const cell = this.graph().locator('.cm-content').filter({ hasText: from }).first();
    await cell.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.type(to);
    await expect(this.graph().locator('.cm-content').filter({ hasText: to }).first()).toBeVisible();
    await expect(this.page.getByTestId('unsaved-tag')).toBeVisible();
  }

  /** Saves the edited graph as a new draft version; returns its number (the page opens its cases). */
  async saveAsNewVersion(note: string): Promise<number> {
    const before = this.versionInUrl();
    await this.page.getByTestId('edit-save').click();
    await this.page.getByTestId('edit-note').fill(note);
    await this.page.getByTestId('edit-save-ok').click();
    await expect(this.page).toHaveURL(/\/versions\/\d+\?tab=cases/);
    await expect.poll(() => this.versionInUrl()).not.toBe(before);
    await expect(this.page.getByTestId('cases-tab')).toBeVisible();
    return this.versionInUrl();
  }

  /** 全部运行 on the cases tab; returns the summary tag. */
  async runCases(): Promise<Locator> {
    await this.page.getByTestId('cases-run').click();
    const summary = this.page.getByTestId('cases-summary');
    await expect(summary).toBeVisible();
    return summary;
  }

  caseResult(name: string): Locator {
    return this.page.locator(`[data-testid=case-row][data-name="${name}"]`).getByTestId('case-result');
  }

  /** On the flow page: publishes a draft through the confirmation (which says what will happen). */
  async publish(version: number, note: string) {
    await this.versionRow(version).getByTestId('version-publish').click();
    await expect(this.page.getByTestId('release-what')).toContainText(`V${version}`);
    await this.page.getByTestId('release-note').fill(note);
    await this.page.getByTestId('release-ok').click();
  }

  /** 模拟: runs the input (or the first case's) and waits for the trace drawn on the graph. */
  async simulate(input?: Record<string, unknown>): Promise<Locator> {
    if (input) await this.page.getByTestId('sim-input').fill(JSON.stringify(input, null, 2));
    await this.page.getByTestId('sim-run').click();
    const graph = this.page.getByTestId('trace-graph');
    await expect(graph.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
    return graph;
  }
}
