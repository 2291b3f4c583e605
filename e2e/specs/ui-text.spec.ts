import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { CreditPages } from '../pages/credit.page.ts';
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
  refusedDecisionId: string;
}

/** A signed-in API client for `username` (its own cookie jar), with the CSRF header on mutations. */
async function apiAs(request: APIRequestContext, username: string) {
  const login = await request.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(login.status()).toBe(200);
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'zy_csrf')?.value ?? '';
  return async <T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> => {
    const res = await request.fetch(`/api${path}`, { method, data, headers: { 'x-csrf-token': csrf } });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  };
}

/** Applications in every state, a lead, and an approval that reaches the customer's timeline. */
async function seed(browser: Browser): Promise<Data> {
  const am = await browser.newContext();
  const ap = await browser.newContext();
  const asAm1 = await apiAs(am.request, 'am1');
  const asApprover = await apiAs(ap.request, 'approver1');
  const { items } = await asAm1<{ items: { id: string }[] }>('GET', '/customer/customers?pageSize=1');
  const customerId = items[0]!.id;
  const apply = async (amount: string, submit: boolean) => {
    const a = await asAm1<{ id: string }>('POST', '/credit/applications', {
      customerId,
      productCode: 'farmer',
      amount,
      termMonths: 12,
      annualIncome: '200000',
      purpose: '购买饲料和种苗',
    });
    return submit
      ? asAm1<{ id: string; decisionId: string }>('POST', `/credit/applications/${a.id}/submit`, {})
      : a;
  };
  const approved = await apply('80000', true);
  const refused = (await apply('1234567.89', true)) as { id: string; decisionId: string };
  const pending = await apply('60000', true);
  await apply('20000', false);
  await asAm1('POST', '/marketing/leads', {
    customerId,
    product: '农户小额信用贷',
    expectedAmount: '50000.5',
    source: 'campaign',
  });
  await asApprover('POST', `/credit/applications/${approved.id}/approve`, { comment: '同意' });
  await expect
    .poll(async () => {
      const t = await asAm1<{ items: { kind: string }[] }>(
        'GET',
        `/customer/customers/${customerId}/timeline`,
      );
      return t.items.some((e) => e.kind === 'credit.application.approved');
    })
    .toBe(true);
  await am.close();
  await ap.close();
  return {
    customerId,
    approvedId: approved.id,
    refusedId: refused.id,
    pendingId: pending.id,
    refusedDecisionId: refused.decisionId,
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
      [`/credit/${d.approvedId}`, 'prescreen-outcome'],
      [`/credit/${d.refusedId}`, 'prescreen-outcome'],
      ['/marketing', 'lead-row'],
      ['/account', 'account-session-current'],
    ],
    approver1: [
      [`/credit/${d.pendingId}`, 'application-decide'],
      ['/risk', 'decision-row'],
      ['/risk/graphs', 'graph-row'],
      [`/risk/decisions/${d.refusedDecisionId}`, 'trace-step'],
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
  await signIn(page, 'approver1', 'zh-CN');
  await page.goto(`/credit/${data.pendingId}`);
  const credit = new CreditPages(page);
  await expect(credit.status()).toHaveAttribute('data-status', 'pending_approval');

  await test.step('When approve is clicked, a dialog names the customer, the amount and the consequence', async () => {
    await page.getByTestId('application-approve').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('批准');
    await expect(dialog).toContainText('60,000.00 元');
    await expect(dialog).toContainText('不能撤销');
  });
  await test.step('When it is cancelled, the application is still pending', async () => {
    await page.getByTestId('confirm-cancel').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const res = await page.request.get(`/api/credit/applications/${data.pendingId}`);
    expect(((await res.json()) as { status: string }).status).toBe('pending_approval');
    await expect(credit.status()).toHaveAttribute('data-status', 'pending_approval');
  });
  await test.step('When it is confirmed, the application is approved', async () => {
    await credit.decide('approve');
    await expect(credit.status()).toHaveAttribute('data-status', 'approved');
  });
});
