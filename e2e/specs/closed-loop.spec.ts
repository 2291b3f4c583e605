import { expect, test } from '@playwright/test';
import { CreditPages } from '../pages/credit.page.ts';
import { CustomerPages } from '../pages/customer.page.ts';
import { MarketingPages } from '../pages/marketing.page.ts';
import { Workbench } from '../pages/workbench.page.ts';
import { uniquePerson } from '../support/data.ts';

test('a customer goes from first visit to an approved loan, across all four apps', async ({ browser }) => {
  test.setTimeout(120_000);
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

  await test.step('When they start an application from the lead, its data is carried over', async () => {
    await manager
      .getByTestId('lead-row')
      .filter({ hasText: person.name })
      .first()
      .getByTestId('lead-to-credit')
      .click();
    await expect(manager).toHaveURL(/\/credit\/new\?leadId=/);
    await expect(manager.getByTestId('application-from-lead')).toBeVisible();
    await expect(manager.getByTestId('application-customer')).toContainText(person.name);
  });

  await test.step('When they record the bureau authorisation and save, the lead’s product and amount are in it', async () => {
    const credit = new CreditPages(manager);
    applicationId = await credit.apply({
      income: '200000',
      purpose: '购置农机',
      authorize: true,
    });
    await expect(manager.getByTestId('application-amount-value')).toContainText('50,000.00');
    await expect(manager.getByTestId('application-detail')).toContainText('农户小额信用贷');
  });

  await test.step('When they submit, the bureau, risk and the process table send it to 包办制', async () => {
    const credit = new CreditPages(manager);
    await credit.submit();
    await expect(credit.status()).toHaveAttribute('data-status', 'investigating');
    await expect(manager.getByTestId('application-variant')).toHaveAttribute('data-variant', 'oneStop');
  });

  await test.step('When the manager fills the investigation and completes it, it is approved', async () => {
    const credit = new CreditPages(manager);
    await credit.investigate(null);
    await expect(manager.getByTestId('application-complete')).toBeVisible();
    await credit.act('complete', '调查属实，同意办结');
    await expect(credit.status()).toHaveAttribute('data-status', 'approved');
  });
  await wb.logout();
  await managerContext.close();

  const approverContext = await browser.newContext();
  const approver = await approverContext.newPage();
  const wb2 = new Workbench(approver);
  await wb2.login('approver1');

  await test.step('Then head office sees it approved, with its limit', async () => {
    await approver.goto(`/credit/${applicationId}`);
    await expect(new CreditPages(approver).status()).toHaveAttribute('data-status', 'approved');
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
