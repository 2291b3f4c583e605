import { test } from '@playwright/test';
import { CreditApi } from '../support/credit-api.ts';
import { Workbench } from '../pages/workbench.page.ts';

test.use({ baseURL: 'http://localhost:18500', viewport: { width: 1440, height: 900 } });

test('look', async ({ browser }) => {
  test.setTimeout(300_000);
  const api = new CreditApi(browser);
  const c = await api.customer('看看');
  const one = await api.apply(c.id, 'FARMER_CREDIT', '50000');
  await api.completeOneStop(one.id);
  const staffed = await api.apply(c.id, 'BUSINESS', '200000');
  await api.investigate(staffed.id);
  const late = await api.customer('逾期', 'overdue');
  await api.apply(late.id, 'FARMER_CREDIT', '30000');
  await api.apply(c.id, 'CONSUMER', '20000', false);
  const shot = async (user: string, pages: [string, string][]) => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await new Workbench(page).login(user);
    for (const [path, name] of pages) {
      await page.goto(`http://localhost:18500${path}`);
      await page.waitForTimeout(2500);
      await page.screenshot({ path: `/tmp/shots/${user}-${name}.png`, fullPage: true });
    }
    await ctx.close();
  };
  await shot('am1', [
    ['/credit', 'list'],
    [`/credit/${one.id}`, 'onestop'],
    [`/credit/${staffed.id}`, 'staffed'],
    [`/credit/new?customerId=${c.id}`, 'new'],
    ['/credit/limits', 'limits'],
  ]);
  await shot('reviewer1', [['/credit/todos', 'todos'], [`/credit/${staffed.id}`, 'review'], ['/credit/stats', 'stats']]);
  await shot('creditadmin1', [
    ['/credit/products', 'products'],
    ['/credit/rules', 'rules'],
    ['/credit/rules/authority', 'authority'],
    ['/credit/products/lpr', 'lpr'],
    ['/credit/jobs', 'jobs'],
    ['/credit/limits/overview', 'overview'],
  ]);
});
