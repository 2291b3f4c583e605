import { expect, test } from '@playwright/test';
import { Admin } from '../pages/admin.page.ts';
import { Workbench } from '../pages/workbench.page.ts';

// am2 (刘洋, 河西支行) is not used by any other spec: this one rewrites their roles.
const USER = 'am2';
type Marked = Window & { zyNoReload?: boolean };

/**
 * The demo `admin` may grant only what they hold (no privilege escalation): business pages to
 * read, and the administration pages with their buttons. So the role here is 客户管理 (read) plus
 * 用户管理 with ONE of its buttons, 新增用户.
 */
test('a role made in the admin UI decides menus and buttons, and a change reaches the open session by push', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const role = { name: `客户查询岗${suffix}`, code: `e2e_cust_${suffix}` };
  const admin = new Admin(page);
  await new Workbench(page).login('admin');

  await test.step('When the admin creates a role with 客户管理, 用户管理 and one button, 新增用户', async () => {
    await admin.open('/admin/roles');
    await admin.createRole({
      ...role,
      linked: false,
      tick: ['客户中心', '客户管理', '系统管理', '用户管理', '新增用户'],
    });
  });

  await test.step('And gives am2 that role only', async () => {
    await admin.open('/admin/users');
    await admin.setOnlyRole(USER, role.name);
    await expect(admin.user(USER)).toContainText(role.name);
  });

  const context = await browser.newContext();
  const userPage = await context.newPage();
  const wb = new Workbench(userPage);
  await wb.login(USER);

  await test.step('Then am2 sees exactly those menus and that button', async () => {
    await expect(wb.menu('/customer')).toBeVisible();
    await expect(wb.menu('/admin/users')).toBeVisible();
    for (const route of ['/credit', '/marketing', '/risk', '/admin/roles', '/admin/releases']) {
      await expect(wb.menu(route)).toHaveCount(0);
    }
    await wb.open('/admin/users');
    await expect(userPage.getByTestId('user-create')).toBeVisible();
    await expect(userPage.getByTestId('user-row').first()).toBeVisible();
    await expect(userPage.getByTestId('user-edit')).toHaveCount(0);
    await expect(userPage.getByTestId('user-disable')).toHaveCount(0);
    await wb.open('/customer');
    await expect(userPage.locator('#zy-app-mf-customer')).not.toBeEmpty();
    // the customer app's own button needs customer:create, which this role does not grant
    await expect(userPage.getByRole('button', { name: '新建客户' })).toHaveCount(0);
    await expect(userPage.getByRole('button', { name: '审批' })).toHaveCount(0);
    expect((await userPage.request.get('/api/customer/customers')).status()).toBe(200);
    expect((await userPage.request.get('/api/credit/applications')).status()).toBe(403);
  });

  // a page load would clear this: its survival proves the changes arrive without one
  await userPage.evaluate(() => {
    (window as Marked).zyNoReload = true;
  });

  await test.step('When the admin removes 客户管理 from the role', async () => {
    await admin.open('/admin/roles');
    await admin.toggleRoleMenus(role.code, ['客户管理', '客户中心']);
  });

  await test.step('Then am2’s menu and page change at once, without a reload, and the API refuses', async () => {
    await expect(wb.menu('/customer')).toHaveCount(0);
    await expect(wb.menu('/admin/users')).toBeVisible();
    await expect(userPage.getByTestId('workbench-not-found')).toBeVisible();
    await expect(userPage.locator('#zy-app-mf-customer')).toBeEmpty();
    expect(await userPage.evaluate(() => (window as Marked).zyNoReload)).toBe(true);
    expect((await userPage.request.get('/api/customer/customers')).status()).toBe(403);
  });

  await test.step('When the admin adds the button 修改用户, the open users page shows it', async () => {
    await wb.open('/admin/users');
    await expect(userPage.getByTestId('user-edit')).toHaveCount(0);
    await admin.toggleRoleMenus(role.code, ['修改用户']);
    await expect(userPage.getByTestId('user-edit').first()).toBeVisible();
    expect(await userPage.evaluate(() => (window as Marked).zyNoReload)).toBe(true);
  });

  await context.close();
});
