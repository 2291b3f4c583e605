import { expect, test } from '@playwright/test';
import { CreditPages } from '../pages/credit.page.ts';
import { CustomerPages } from '../pages/customer.page.ts';
import { MarketingPages } from '../pages/marketing.page.ts';
import { Workbench } from '../pages/workbench.page.ts';
import { uniquePerson } from '../support/data.ts';

test('a customer goes from first visit to an approved loan, across all four apps', async ({ browser }) => {
  const person = uniquePerson('闭环');
  let customerId = '';
  let applicationId = '';

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  const wb = new Workbench(manager);

  await test.step('When the account manager signs in, they see only their menus', async () => {
    await wb.login('am1');
    await expect(wb.menu('/customer')).toBeVisible();
    await expect(wb.menu('/marketing')).toBeVisible();
    await expect(wb.menu('/credit')).toBeVisible();
    await expect(wb.menu('/risk')).toHaveCount(0);
  });

  await test.step('When they register a customer, it is listed and has a 360 view', async () => {
    await wb.open('/customer');
    const customers = new CustomerPages(manager);
    await customers.create(person);
    customerId = await customers.open360(person.name);
  });

  await test.step('When they record a lead in the Svelte marketing app, it is listed', async () => {
    await manager.goto(`/marketing?customerId=${customerId}`);
    await new MarketingPages(manager).addLead({
      customerName: person.name,
      product: '农户小额信用贷',
      amount: '50000',
    });
  });

  await test.step('When they take and submit a credit application, risk pre-screens it', async () => {
    await manager.goto(`/credit/new?customerId=${customerId}`);
    const credit = new CreditPages(manager);
    applicationId = await credit.apply({
      amount: '50000',
      term: '12',
      income: '200000',
      purpose: '购置农机',
    });
    await credit.submit();
    await expect(manager.getByTestId('prescreen-outcome')).toBeVisible();
    await expect(credit.status()).toContainText(/待审批|Pending/);
  });
  await wb.logout();
  await managerContext.close();

  const approverContext = await browser.newContext();
  const approver = await approverContext.newPage();
  const wb2 = new Workbench(approver);

  await test.step('When the approver signs in and approves, the application is approved', async () => {
    await wb2.login('approver1');
    await wb2.open('/credit');
    await approver
      .locator(`[data-testid="application-row"][data-id="${applicationId}"]`)
      .getByRole('link')
      .first()
      .click();
    await expect(approver).toHaveURL(new RegExp(`/credit/${applicationId}`));
    await new CreditPages(approver).decide('approve');
    await expect(new CreditPages(approver).status()).toContainText(/已批准|Approved/);
  });

  await test.step('Then the customer’s timeline shows the approval (event through the outbox)', async () => {
    await approver.goto(`/customer/${customerId}`);
    await expect(async () => {
      await approver.reload();
      await expect(
        new CustomerPages(approver).timelineEntries().filter({ hasText: '授信申请已批准' }),
      ).toHaveCount(1, {
        timeout: 2_000,
      });
    }).toPass({ timeout: 20_000 });
  });

  await test.step('Then the risk console shows the decision and its trace', async () => {
    await wb2.open('/risk');
    await approver.getByTestId('decision-row').first().getByRole('link').first().click();
    await expect(approver.getByTestId('decision-detail')).toBeVisible();
    await expect(approver.getByTestId('trace-step').first()).toBeVisible();
  });
  await approverContext.close();
});
