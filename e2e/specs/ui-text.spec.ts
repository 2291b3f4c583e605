import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { CreditPages } from '../pages/credit.page.ts';
import { CreditApi } from '../support/credit-api.ts';
import { PASSWORD } from '../support/data.ts';
import { rawTextOn } from '../support/ui-text.ts';

/*
 * Every page of every app and of the shell, as bank staff read it, in zh-CN and en-US: no user
 * id, record id, JSON, field key or enum code on screen, no English inside the Chinese UI, and
 * every text readable (axe's colour-contrast rule: 4.5:1, 3:1 for large text). Binding actions
 * ask first, saying what will happen.
 */

type Locale = 'zh-CN' | 'en-US';

interface Data {
  customerId: string;
  approvedId: string;
  refusedId: string;
  pendingId: string;
  filedId: string;
  refusedDecisionId: string;
  limitId: string;
}

/** Applications in every state, a lead, and an approval that reaches the customer's timeline. */
async function seed(browser: Browser): Promise<Data> {
  const credit = new CreditApi(browser);
  const asAm1 = await credit.as('am1');
  const customer = await credit.customer('文字');
  const refusedCustomer = await credit.customer('拒绝', 'blacklisted');
  const approved = await credit.completeOneStop(
    (await credit.apply(customer.id, 'FARMER_CREDIT', '80000')).id,
  );
  const refused = await credit.apply(refusedCustomer.id, 'FARMER_CREDIT', '30000');
  const pending = await credit.apply(customer.id, 'BUSINESS', '200000');
  await credit.investigate(pending.id);
  await credit.step('reviewer1', pending.id, 'pass');
  const filed = await credit.apply(customer.id, 'BUSINESS', '150000');
  await credit.apply(customer.id, 'CONSUMER', '20000', false);
  await asAm1('POST', '/marketing/leads', {
    customerId: customer.id,
    product: '农户小额信用贷',
    expectedAmount: '50000.5',
    source: 'campaign',
  });
  await expect
    .poll(async () => {
      const t = await asAm1<{ items: { kind: string }[] }>(
        'GET',
        `/customer/customers/${customer.id}/timeline`,
      );
      return t.items.some((e) => e.kind === 'credit.application.approved');
    })
    .toBe(true);
  return {
    customerId: customer.id,
    approvedId: approved.id,
    refusedId: refused.id,
    pendingId: pending.id,
    filedId: filed.id,
    refusedDecisionId: refused.prescreen?.decisionId ?? '',
    limitId: approved.limitId ?? '',
  };
}

/** Who sees which pages, with something each page shows once it has loaded. */
function tours(d: Data): Record<string, [path: string, ready: string][]> {
  return {
    am1: [
      ['/', 'workbench-home'],
      ['/customer', 'customer-row'],
      [`/customer/${d.customerId}`, 'timeline-entry'],
      ['/credit', 'application-row'],
      ['/credit/new', 'application-customer'],
      [`/credit/${d.approvedId}`, 'application-summary'],
      [`/credit/${d.refusedId}`, 'application-summary'],
      ['/credit/limits', 'limit-row'],
      [`/credit/limits/${d.limitId}`, 'limit-figures'],
      ['/marketing', 'lead-row'],
      ['/account', 'account-session-current'],
    ],
    inv1: [
      ['/credit/todos', 'todo-row'],
      [`/credit/${d.filedId}`, 'application-investigate'],
    ],
    brapprover1: [[`/credit/${d.pendingId}`, 'application-approve']],
    approver1: [
      ['/risk', 'decision-row'],
      ['/risk/graphs', 'graph-row'],
      [`/risk/decisions/${d.refusedDecisionId}`, 'trace-step'],
    ],
    reviewer1: [['/credit/stats', 'stats-chart']],
    creditadmin1: [
      ['/credit/products', 'product-row'],
      ['/credit/products/lpr', 'lpr-row'],
      ['/credit/rules', 'rule-row'],
      ['/credit/rules/authority', 'rule-row'],
      ['/credit/limits/overview', 'overview-table'],
      ['/credit/limits/adjustments', 'adj-status'],
      ['/credit/jobs', 'job-row'],
    ],
    admin: [
      ['/admin/users', 'user-status'],
      ['/admin/roles', 'admin-roles-page'],
      ['/admin/menus', 'admin-menus-page'],
      ['/admin/orgs', 'admin-orgs-page'],
      ['/admin/sessions', 'admin-sessions-page'],
      ['/admin/audit', 'admin-audit-page'],
      ['/admin/releases', 'rule-state'],
    ],
    union1: [['/admin/banks', 'admin-banks-page']],
  };
}

async function signIn(page: Page, username: string, locale: Locale) {
  await page.goto('/login');
  await page.evaluate((l) => localStorage.setItem('zy.locale', l), locale);
  await page.reload();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('header-user')).toBeVisible();
}

let data: Data;
test.beforeAll(async ({ browser }) => {
  data = await seed(browser);
});

for (const locale of ['zh-CN', 'en-US'] as const) {
  test(`${locale}: every page reads as words, and every text meets 4.5:1`, async ({ browser }) => {
    test.setTimeout(240_000);
    const problems: string[] = [];
    for (const [user, pages] of Object.entries(tours(data))) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, user, locale);
      for (const [path, ready] of pages) {
        await page.goto(path);
        await expect(page.getByTestId(ready).first()).toBeVisible();
        // the page's own loads have settled (spinners gone, lists filled)
        await expect(page.locator('.ant-spin-spinning, .ant-skeleton')).toHaveCount(0);
        for (const raw of await rawTextOn(page, locale))
          problems.push(`${user} ${path}: ${raw.rule}: …${raw.found}…`);
        const axe = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
        for (const v of axe.violations)
          for (const n of v.nodes)
            problems.push(`${user} ${path}: contrast: ${n.target.join(' ')}: ${n.any[0]?.message ?? v.help}`);
      }
      if (locale === 'zh-CN' && user === 'am1') {
        // the login page too (signed out)
        const out = await browser.newContext();
        const login = await out.newPage();
        await login.goto('/login');
        await expect(login.getByTestId('login-username')).toBeVisible();
        for (const raw of await rawTextOn(login, locale))
          problems.push(`/login: ${raw.rule}: …${raw.found}…`);
        const axe = await new AxeBuilder({ page: login }).withRules(['color-contrast']).analyze();
        for (const v of axe.violations)
          for (const n of v.nodes) problems.push(`/login: contrast: ${n.target.join(' ')}`);
        await out.close();
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  });
}

test('approving asks first, saying what will happen; cancelling changes nothing', async ({ page }) => {
  await signIn(page, 'brapprover1', 'zh-CN');
  await page.goto(`/credit/${data.pendingId}`);
  const credit = new CreditPages(page);
  await expect(credit.status()).toHaveAttribute('data-status', 'branch_approving');

  await test.step('When approve is clicked, a dialog names the customer, the amount and the consequence', async () => {
    await page.getByTestId('application-approve').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('批准');
    await expect(dialog).toContainText('200,000.00 元');
    await expect(dialog).toContainText('不能撤销');
  });
  await test.step('When it is cancelled, the application is still waiting for the branch', async () => {
    await page.getByTestId('confirm-cancel').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const res = await page.request.get(`/api/credit/applications/${data.pendingId}`);
    expect(((await res.json()) as { status: string }).status).toBe('branch_approving');
    await expect(credit.status()).toHaveAttribute('data-status', 'branch_approving');
  });
  await test.step('When it is confirmed, the application is approved', async () => {
    await credit.decide('approve');
    await expect(credit.status()).toHaveAttribute('data-status', 'approved');
  });
});
