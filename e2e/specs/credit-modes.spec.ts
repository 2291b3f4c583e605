import { type Browser, expect, type Page, test } from '@playwright/test';
import { CreditPages } from '../pages/credit.page.ts';
import { Workbench } from '../pages/workbench.page.ts';
import { CreditApi } from '../support/credit-api.ts';

/*
 * The granting processes with the demo bank's desk, each person in their own browser: 三台六岗
 * above a branch's authority (lead and assistant investigators, head-office review, the branch
 * approver forwards, the head-office approver approves) and 事业部制 (the division reviews and
 * approves), with the evidence chain at the end. 包办制 from a lead is in closed-loop.spec.ts.
 */

async function as(browser: Browser, user: string, work: (page: Page, credit: CreditPages) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new Workbench(page).login(user);
  await work(page, new CreditPages(page));
  await context.close();
}

test('三台六岗: above the branch’s authority, five people, the approval goes up to head office', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const api = new CreditApi(browser);
  const customer = await api.customer('三台');
  const filed = await api.apply(customer.id, 'BUSINESS', '800000');
  expect(filed.status).toBe('investigating');
  const open = (page: Page) => page.goto(`/credit/${filed.id}`);

  await test.step('The lead investigator takes the branch’s to-do, fills the report, names the assistant', async () => {
    await as(browser, 'inv1', async (page, credit) => {
      await page.goto('/credit/todos');
      const row = page.getByTestId('todo-row').filter({ hasText: customer.name });
      await expect(row).toHaveAttribute('data-mine', 'false');
      await row.getByTestId('todo-claim').click();
      await expect(page.getByTestId('todo-row').filter({ hasText: customer.name })).toHaveAttribute(
        'data-mine',
        'true',
      );
      await open(page);
      await credit.investigate('钱协查');
      await credit.act('submitInvestigation', '');
      await expect(credit.status()).toHaveAttribute('data-status', 'assistant_confirming');
    });
  });

  await test.step('The assistant confirms it; it goes to review at head office', async () => {
    await as(browser, 'inv2', async (page, credit) => {
      await open(page);
      await credit.act('confirmInvestigation', '');
      await expect(credit.status()).toHaveAttribute('data-status', 'reviewing');
    });
  });

  await test.step('The reviewer passes it; the branch approver, beyond the branch’s authority, sends it up', async () => {
    await as(browser, 'reviewer1', async (page, credit) => {
      await open(page);
      await credit.act('pass', '材料齐全');
      await expect(credit.status()).toHaveAttribute('data-status', 'branch_approving');
    });
    await as(browser, 'brapprover1', async (page, credit) => {
      await open(page);
      await credit.act('approve', '同意，报总行');
      await expect(credit.status()).toHaveAttribute('data-status', 'hq_approving');
    });
  });

  await test.step('The head-office approver approves: the limit is granted and the chain shows five people', async () => {
    await as(browser, 'approver1', async (page, credit) => {
      await open(page);
      await credit.decide('approve');
      await expect(credit.status()).toHaveAttribute('data-status', 'approved');
      await page.getByRole('tab', { name: '履职记录' }).click();
      const steps = page.getByTestId('evidence-step');
      await expect(steps).toHaveCount(7);
      for (const name of ['张伟', '孙调查', '钱协查', '周审查', '吴审批', '赵敏']) {
        await expect(page.getByTestId('evidence-tab')).toContainText(name);
      }
    });
  });
});

test('事业部制: a mortgage-backed business loan is reviewed and approved in the division', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const api = new CreditApi(browser);
  const customer = await api.customer('事业部');
  const filed = await api.apply(customer.id, 'MORTGAGE_BUSINESS', '600000');
  expect(filed.status).toBe('investigating');
  await api.investigate(filed.id);

  await test.step('Head office’s reviewer has nothing to do on it; the division’s reviewer passes it', async () => {
    await as(browser, 'reviewer1', async (page) => {
      await page.goto(`/credit/${filed.id}`);
      await expect(page.getByTestId('application-variant')).toHaveAttribute('data-variant', 'division');
      await expect(page.getByTestId('application-pass')).toHaveCount(0);
    });
    await as(browser, 'divreviewer1', async (page, credit) => {
      await page.goto(`/credit/${filed.id}`);
      await credit.act('pass', '');
      await expect(credit.status()).toHaveAttribute('data-status', 'branch_approving');
    });
  });

  await test.step('The division’s approver approves within the division’s authority; the PDF evidence downloads', async () => {
    await as(browser, 'divapprover1', async (page, credit) => {
      await page.goto(`/credit/${filed.id}`);
      await credit.decide('approve');
      await expect(credit.status()).toHaveAttribute('data-status', 'approved');
      await page.getByRole('tab', { name: '审查审批' }).click();
      await expect(page.getByTestId('approval-tab')).toContainText('事业部');
    });
    await as(browser, 'reviewer1', async (page) => {
      await page.goto(`/credit/${filed.id}`);
      await page.getByRole('tab', { name: '履职记录' }).click();
      const download = page.waitForEvent('download');
      await page.getByTestId('evidence-export-pdf').click();
      expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    });
  });
});
