import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { Admin } from '../pages/admin.page.ts';
import { LoginSteps } from '../pages/login.page.ts';
import { Workbench } from '../pages/workbench.page.ts';
import { AdminApi, currentSessionId } from '../support/admin-api.ts';
import { nextStep, totp } from '../support/totp.ts';

/**
 * The sign-in steps and the session's life in a real browser against the whole stack: a role
 * that requires MFA, the transparent refresh of an expired access cookie, a session ended from
 * elsewhere, and the lockout. Users that get changed (MFA, lock) are created here, so the demo
 * users stay as other specs expect them.
 */

const INITIAL = 'Init@Pass2026x';
const CHOSEN = 'Chosen#Pass2026';
const suffix = () => Date.now().toString(36);

const hasCookie = async (context: BrowserContext, name: string) =>
  (await context.cookies()).some((c) => c.name === name);
const isPath = (path: string) => (url: string) => new URL(url).pathname === path;

/** A TOTP code of a step after `usedAt`'s: the server refuses a step used before. */
async function freshCode(secret: string, usedAt: number): Promise<string> {
  if (Math.floor(Date.now() / 30_000) <= Math.floor(usedAt / 30_000)) await nextStep();
  return totp(secret);
}

async function signedInAdmin(page: Page) {
  await new Workbench(page).login('admin');
  return new AdminApi(page);
}

test('a role requiring MFA: the new user changes the password, enrols, keeps recovery codes; each works once', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const s = suffix();
  const username = `e2e_mfa_${s}`;
  const api = await signedInAdmin(page);

  await test.step('Given a role with 客户管理 that requires MFA, and a new user holding it', async () => {
    const role = await api.createRole({
      code: `e2e_mfa_${s}`,
      name: `双因素客户岗${s}`,
      menuIds: ['m-customer-list'],
      mfaRequired: true,
    });
    expect(role.mfaRequired).toBe(true);
    const user = await api.createUser({
      username,
      displayName: `双因素${s}`,
      roleIds: [role.id],
      password: INITIAL,
    });
    expect(user.mustChangePassword).toBe(true);
    expect(user.mfaEnabled).toBe(false);
  });

  const context = await browser.newContext();
  const userPage = await context.newPage();
  const login = new LoginSteps(userPage);
  const wb = new Workbench(userPage);

  await test.step('When they sign in with the initial password, they must choose a new one first', async () => {
    await login.credentials(username, INITIAL);
    await expect(userPage.getByTestId('login-subtitle')).toHaveText('首次登录或密码已被重置，请设置新密码');
    await login.newPassword(CHOSEN);
  });

  let secret = '';
  let enrolledAt = 0;
  await test.step('Then MFA enrolment: a QR code and its secret; a code from it confirms', async () => {
    await expect(userPage.getByTestId('login-subtitle')).toHaveText('您的角色要求启用两步验证');
    await expect(userPage.getByTestId('enrol-qr')).toBeVisible();
    await expect(userPage.getByTestId('enrol-qr')).toHaveAttribute('src', /^data:image\/svg\+xml/);
    secret = ((await userPage.getByTestId('enrol-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    // still no session: the password alone does not sign in
    expect(await hasCookie(context, 'zy_access')).toBe(false);
    enrolledAt = Date.now();
    await login.totp(totp(secret, enrolledAt));
  });

  let codes: string[] = [];
  await test.step('Then ten recovery codes are shown once, and continuing opens the workbench', async () => {
    const list = userPage.getByTestId('recovery-codes').locator('li');
    await expect(list).toHaveCount(10);
    codes = (await list.allTextContents()).map((c) => c.trim());
    expect(new Set(codes).size).toBe(10);
    await userPage.getByTestId('codes-done').click();
    await login.expectWorkbench();
    await expect(wb.menu('/customer')).toBeVisible();
    for (const route of ['/credit', '/marketing', '/admin/users'])
      await expect(wb.menu(route)).toHaveCount(0);
  });

  await test.step('When they sign in again, the code is asked; a recovery code works instead', async () => {
    await wb.logout();
    await login.credentials(username, CHOSEN);
    await expect(login.code()).toBeVisible();
    await expect(userPage.getByTestId('login-subtitle')).toHaveText(
      '两步验证：请输入身份验证器中的 6 位验证码',
    );
    expect(await hasCookie(context, 'zy_access')).toBe(false);
    await login.recovery(codes[0]!);
    await login.expectWorkbench();
  });

  await test.step('And the same recovery code a second time is refused, clearly; a TOTP code still works', async () => {
    await wb.logout();
    await login.credentials(username, CHOSEN);
    await login.recovery(codes[0]!);
    await expect(login.error()).toHaveText('验证码错误或已使用，请重试');
    await expect(userPage.getByTestId('header-user')).toHaveCount(0);
    expect(await hasCookie(context, 'zy_access')).toBe(false);
    // back to the authenticator's code, on the same unfinished sign-in
    await userPage.getByTestId('use-recovery').click();
    await login.totp(await freshCode(secret, enrolledAt));
    await login.expectWorkbench();
  });

  await context.close();
});

test('an expired access cookie is refreshed transparently while using the workbench', async ({
  page,
  context,
}) => {
  const wb = new Workbench(page);
  await wb.login('am1');
  const before = (await context.cookies()).find((c) => c.name === 'zy_access')?.value;
  expect(before).toBeTruthy();

  const refreshes: string[] = [];
  page.on('request', (r) => {
    if (isPath('/api/auth/refresh')(r.url())) refreshes.push(r.method());
  });

  await test.step('When only the access cookie goes (as when it expires)', async () => {
    await context.clearCookies({ name: 'zy_access' });
    expect(await hasCookie(context, 'zy_access')).toBe(false);
    expect(await hasCookie(context, 'zy_refresh')).toBe(true);
  });

  await test.step('Then opening the customer list refreshes the session and the page keeps working', async () => {
    const refreshed = page.waitForResponse((r) => isPath('/api/auth/refresh')(r.url()));
    const listed = page.waitForResponse(
      (r) => isPath('/api/customer/customers')(r.url()) && r.status() === 200,
    );
    await wb.open('/customer');
    expect((await refreshed).status()).toBe(200);
    await listed;
    await expect(page.locator('#zy-app-mf-customer')).not.toBeEmpty();
    await expect(page.getByTestId('header-user')).toBeVisible();
    await expect(page).not.toHaveURL(/\/login/);
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    expect(refreshes.every((m) => m === 'POST')).toBe(true);
    const after = (await context.cookies()).find((c) => c.name === 'zy_access');
    expect(after?.value).toBeTruthy();
    expect(after?.value).not.toBe(before);
    expect(after?.httpOnly).toBe(true);
  });
});

test('a session ended elsewhere (by its user, or by an administrator) leaves for the login page by itself', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const contextA = await browser.newContext();
  const pageA = await contextA.newPage();
  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  const wbA = new Workbench(pageA);
  await wbA.login('am1');
  const sessionA = await currentSessionId(pageA);

  await test.step('When am1, signed in elsewhere too, ends the first session in 账户与安全', async () => {
    await new Workbench(pageB).login('am1');
    await pageB.getByTestId('header-user-menu').click();
    await pageB.getByTestId('header-account').click();
    await expect(pageB.getByTestId('account-page')).toBeVisible();
    const row = pageB.locator(`[data-testid="account-session-row"][data-row-key="${sessionA}"]`);
    await expect(row).toHaveAttribute('data-current', 'false');
    await row.getByTestId('account-session-end').click();
    await expect(row).toHaveCount(0);
  });

  await test.step('Then the first browser goes to the login page without anyone touching it', async () => {
    await expect(pageA).toHaveURL(/\/login/, { timeout: 15_000 });
    await expect(pageA.getByTestId('login-username')).toBeVisible();
    expect((await pageA.request.get('/api/platform/me')).status()).toBe(401);
    // the session that ended the other one goes on
    await expect(pageB.getByTestId('account-session-current')).toBeVisible();
    expect((await pageB.request.get('/api/platform/me')).status()).toBe(200);
  });

  await contextB.close();
  await wbA.login('am1');
  const sessionA2 = await currentSessionId(pageA);
  expect(sessionA2).not.toBe(sessionA);

  const contextC = await browser.newContext();
  const adminPage = await contextC.newPage();
  await test.step('When an administrator ends am1’s session in 在线会话', async () => {
    await new Workbench(adminPage).login('admin');
    await new Admin(adminPage).open('/admin/sessions');
    const row = adminPage.locator(`[data-testid="session-row"][data-row-key="${sessionA2}"]`);
    await expect(row).toHaveAttribute('data-username', 'am1');
    await row.getByTestId('session-end').click();
    await adminPage.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect(row).toHaveCount(0);
  });

  await test.step('Then am1’s browser goes to the login page by itself', async () => {
    await expect(pageA).toHaveURL(/\/login/, { timeout: 15_000 });
    expect((await pageA.request.get('/api/platform/me')).status()).toBe(401);
  });

  await contextA.close();
  await contextC.close();
});

test('five wrong passwords lock the account; the right one is refused alike until an administrator unlocks', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const username = `e2e_lock_${suffix()}`;
  const api = await signedInAdmin(page);
  await api.createUser({
    username,
    displayName: `锁定测试${suffix()}`,
    roleIds: ['account_manager'],
    password: INITIAL,
  });

  const context = await browser.newContext();
  const userPage = await context.newPage();
  const login = new LoginSteps(userPage);
  const attempt = async (password: string) => {
    const answered = userPage.waitForResponse((r) => isPath('/api/auth/login')(r.url()));
    await login.credentials(username, password);
    return (await answered).status();
  };

  await test.step('When a fresh user types a wrong password five times', async () => {
    for (let i = 1; i <= 5; i++) {
      expect(await attempt(`Wrong#Pass${i}x`)).toBe(401);
      await expect(login.error()).toHaveText('用户名或密码错误');
    }
    expect((await api.findUser(username)).locked).toBe(true);
  });

  await test.step('Then the right password is refused with the lock message, and nothing is signed in', async () => {
    expect(await attempt(INITIAL)).toBe(429);
    await expect(login.error()).toHaveText('尝试次数过多，请稍后再试');
    await expect(userPage.getByTestId('login-new-password')).toBeHidden();
    expect(await hasCookie(context, 'zy_access')).toBe(false);
  });

  await test.step('When the administrator unlocks them on 用户管理', async () => {
    const admin = new Admin(page);
    await admin.open('/admin/users');
    await page.getByTestId('users-filter-q').fill(username);
    await page.getByTestId('users-search').click();
    const row = admin.user(username);
    await expect(row).toContainText('已锁定');
    await row.getByTestId('user-unlock').click();
    await expect(row.getByTestId('user-unlock')).toHaveCount(0);
    await expect(row).not.toContainText('已锁定');
    expect((await api.findUser(username)).locked).toBe(false);
  });

  await test.step('Then the user signs in (choosing a new password first)', async () => {
    expect(await attempt(INITIAL)).toBe(200);
    await login.newPassword(CHOSEN);
    await login.expectWorkbench();
  });

  await context.close();
});
