import { type Browser, expect, type Page, test } from '@playwright/test';
import { RiskPages } from '../pages/risk.page.ts';
import { Workbench } from '../pages/workbench.page.ts';

/*
 * 决策流 on screen (issue 11): a risk analyst edits a decision-table row of the admission flow in
 * the JDM editor and saves it as a new draft; a test case fails; the analyst fixes the row in
 * another draft and its cases pass; the author may not publish it (separation of duties), so the
 * risk manager publishes it; the simulator draws the trace on the graph.
 */

const FLOW = 'credit.admission';
const AGE_RULE = 'ageYears < 18 or ageYears > 65';

async function as(browser: Browser, user: string, work: (page: Page, risk: RiskPages) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new Workbench(page).login(user);
  await work(page, new RiskPages(page));
  await context.close();
}

test('an analyst edits a table row, a case fails, the fix passes, the manager publishes; the simulator traces it', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  let fixed = 0;

  await test.step('The analyst edits the age rule in the editor: a mistake, and a test case fails', async () => {
    await as(browser, 'riskanalyst1', async (page, risk) => {
      // the union's standard version the bank answers with today
      await risk.openVersion(FLOW, 1, 'edit');
      await risk.editTableCell('拒绝规则', AGE_RULE, 'ageYears < 16 or ageYears > 65');
      const wrong = await risk.saveAsNewVersion('准入年龄下限调整为 20 周岁');
      await expect(page.getByTestId('version-status')).toHaveAttribute('data-status', 'draft');
      await expect(await risk.runCases()).toContainText('1 条未通过');
      await expect(risk.caseResult('未成年拒绝')).toHaveAttribute('data-result', 'fail');
      await expect(risk.caseResult('良好客户准入')).toHaveAttribute('data-result', 'pass');

      // the fix: the row as meant, saved as another draft with the same cases
      expect(risk.versionInUrl()).toBe(wrong);
      await risk.tab('edit');
      await risk.editTableCell(
        '拒绝规则',
        'ageYears < 16 or ageYears > 65',
        'ageYears < 20 or ageYears > 65',
      );
      fixed = await risk.saveAsNewVersion('准入年龄下限 20 周岁（修正）');
      await expect(await risk.runCases()).toContainText('0 条未通过');
      await expect(risk.caseResult('未成年拒绝')).toHaveAttribute('data-result', 'pass');

      // the author may not publish their own version
      await risk.openFlow(FLOW);
      await expect(risk.versionRow(fixed).getByTestId('version-publish')).toHaveCount(0);
    });
  });

  await test.step('The manager publishes the fixed version; the list shows it as the bank’s', async () => {
    await as(browser, 'riskmgr1', async (page, risk) => {
      await risk.openFlow(FLOW);
      await risk.publish(fixed, '复核通过');
      await expect(risk.versionRow(fixed)).toHaveAttribute('data-status', 'stable');
      await page.goto('/risk/flows');
      await expect(page.locator(`[data-testid=flow-row][data-name="${FLOW}"]`).first()).toBeVisible();
    });
  });

  await test.step('The simulator draws the trace on the graph: nodes that ran, the row matched', async () => {
    await as(browser, 'riskanalyst1', async (_page, risk) => {
      await risk.openVersion(FLOW, fixed, 'simulate');
      const graph = await risk.simulate({
        ageYears: 19,
        blacklisted: false,
        overdueTimes24m: 0,
        currentOverdueFen: 0,
        courtRecords: 0,
        annualIncomeFen: 12_000_000,
        existingDebtFen: 0,
      });
      await expect(risk.page.getByTestId('sim-output')).toContainText('"refuse"');
      await expect(risk.page.getByTestId('sim-output')).toContainText('A1');
      // every node on the path ran (the editor marks them), in order in the list below
      await expect(graph.locator('.grl-dn--success')).toHaveCount(5);
      await expect(risk.page.getByTestId('flow-trace-step')).toHaveCount(5);
      // the refusal table: its first row matched, highlighted in the table
      await graph
        .locator('.react-flow__node')
        .filter({ hasText: '拒绝规则' })
        .getByText('Edit Table')
        .click();
      await expect(graph.locator('tr.active')).toHaveCount(1);
      await expect(graph.locator('tr.active')).toContainText('ageYears < 20');
    });
  });
});
