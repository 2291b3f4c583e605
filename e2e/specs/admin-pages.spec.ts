import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page, test } from '@playwright/test';
import type { Bank } from '@zhanye/contracts';
import { Admin } from '../pages/admin.page.ts';
import { Workbench } from '../pages/workbench.page.ts';

/** Lower-case letters and digits: fits routes and permission codes, unique per test. */
const uniqueSuffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The side menu: a directory is a submenu (its pages nested inside), a page an item with a test id. */
function sideDirectory(page: Page, title: string): Locator {
  return page
    .locator('.zy-sider li.ant-menu-submenu')
    .filter({ has: page.locator('.ant-menu-submenu-title', { hasText: new RegExp(`^${title}$`) }) });
}

test('菜单管理: the union admin builds a directory, page and button; the side menu follows each change', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const s = uniqueSuffix();
  const admin = new Admin(page);
  const wb = new Workbench(page);
  const tree = page.getByTestId('menu-tree');
  const detail = page.getByTestId('menu-detail');
  const node = (id: string) => tree.locator(`[data-testid="menu-tree-node"][data-id="${id}"]`);
  const dirA = { zh: `E2E目录甲${s}`, en: `E2E Folder A ${s}` };
  const dirB = { zh: `E2E目录乙${s}`, en: `E2E Folder B ${s}` };
  const vip = { zh: `贵宾客户${s}`, en: `VIP customers ${s}`, route: `/customer/vip-${s}` };

  /** Fills the new-node dialog, saves, and returns the id of the node (selected once created). */
  async function addNode(
    from: 'menu-add-root' | 'menu-add-child',
    fields: { zh: string; en: string; icon?: string; app?: string; route?: string; permission?: string },
  ): Promise<string> {
    await (from === 'menu-add-root' ? page.getByTestId(from) : detail.getByTestId(from)).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('menu-title-zh').fill(fields.zh);
    await dialog.getByTestId('menu-title-en').fill(fields.en);
    if (fields.icon) await admin.pickOption(dialog.getByTestId('menu-icon'), fields.icon);
    if (fields.app) await dialog.getByTestId('menu-app').fill(fields.app);
    if (fields.route) await dialog.getByTestId('menu-route').fill(fields.route);
    if (fields.permission) await dialog.getByTestId('menu-permission').fill(fields.permission);
    await page.getByTestId('menu-create-submit').click();
    await expect(dialog).toBeHidden();
    await expect(detail.getByTestId('menu-title-zh')).toHaveValue(fields.zh);
    const id = (await detail.getAttribute('data-id')) ?? '';
    await expect(node(id)).toContainText(fields.zh);
    return id;
  }

  async function select(id: string) {
    await node(id).click();
    await expect(detail).toHaveAttribute('data-id', id);
  }

  async function rootOrder(): Promise<string[]> {
    return tree
      .locator('.ant-tree-treenode')
      .evaluateAll((rows) =>
        rows
          .filter((r) => r.querySelectorAll('.ant-tree-indent-unit').length === 0)
          .map((r) => r.querySelector('[data-id]')?.getAttribute('data-id') ?? ''),
      );
  }

  await wb.login('union1');
  await admin.open('/admin/menus');

  let a = '';
  let vipPage = '';
  let button = '';
  await test.step('When union1 adds a directory (两种语言 + icon), a page bound to mf-customer and a button', async () => {
    a = await addNode('menu-add-root', { ...dirA, icon: 'ShopOutlined' });
    vipPage = await addNode('menu-add-child', {
      ...vip,
      app: 'mf-customer',
      permission: 'customer:read',
    });
    expect(await admin.treeParentId(node(vipPage))).toBe(a);
    button = await addNode('menu-add-child', {
      zh: `导出贵宾${s}`,
      en: `Export VIPs ${s}`,
      permission: `customer:vip-export-${s}`,
    });
    expect(await admin.treeParentId(node(button))).toBe(vipPage);
    await expect(node(button)).toContainText('按钮');
  });

  await test.step('Then union1’s side menu shows the directory with its icon and the page inside it', async () => {
    const directory = sideDirectory(page, dirA.zh);
    await expect(directory.locator('.ant-menu-submenu-title .anticon-shop')).toBeVisible();
    await expect(directory.getByTestId(`menu-customer-vip-${s}`)).toHaveText(vip.zh);
    // buttons never appear in the side menu
    await expect(page.locator('.zy-sider', { hasText: `导出贵宾${s}` })).toHaveCount(0);
  });

  let b = '';
  await test.step('When the page moves to another directory', async () => {
    b = await addNode('menu-add-root', dirB);
    await select(vipPage);
    await admin.pickTreeOption(detail.getByTestId('menu-parent'), dirB.zh);
    await detail.getByTestId('menu-save').click();
    await expect.poll(() => admin.treeParentId(node(vipPage))).toBe(b);
    // its button went with it
    expect(await admin.treeParentId(node(button))).toBe(vipPage);
  });

  await test.step('Then the side menu shows it under that directory, and the emptied one is gone', async () => {
    await expect(sideDirectory(page, dirB.zh).getByTestId(`menu-customer-vip-${s}`)).toBeVisible();
    await expect(sideDirectory(page, dirA.zh)).toHaveCount(0);
  });

  await test.step('When the new directory moves up twice, before 系统管理, the tree and side menu reorder', async () => {
    await select(b);
    const before = await rootOrder();
    expect(before.slice(-3)).toEqual(['m-admin', a, b]);
    await detail.getByTestId('menu-up').click();
    await expect.poll(async () => (await rootOrder()).slice(-3)).toEqual(['m-admin', b, a]);
    await detail.getByTestId('menu-up').click();
    await expect.poll(async () => (await rootOrder()).slice(-3)).toEqual([b, 'm-admin', a]);
    await expect
      .poll(() =>
        page
          .locator('.zy-sider li.ant-menu-submenu > .ant-menu-submenu-title')
          .evaluateAll((titles) => titles.map((t) => t.textContent)),
      )
      .toEqual(expect.arrayContaining([dirB.zh, '系统管理']));
    const titles = await page
      .locator('.zy-sider li.ant-menu-submenu > .ant-menu-submenu-title')
      .evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));
    expect(titles.indexOf(dirB.zh)).toBeLessThan(titles.indexOf('系统管理'));
    expect(titles.indexOf(dirB.zh)).toBe(titles.indexOf('系统管理') - 1);
  });

  await test.step('When the UI switches to English, the English titles show', async () => {
    await page.getByTestId('locale-switch').click();
    await expect(sideDirectory(page, dirB.en).getByTestId(`menu-customer-vip-${s}`)).toHaveText(vip.en);
    await expect(node(vipPage)).toContainText(vip.en);
    await page.getByTestId('locale-switch').click();
    await expect(sideDirectory(page, dirB.zh)).toBeVisible();
  });

  await test.step('When the page is hidden, it leaves the side menu (and its directory with it)', async () => {
    await select(vipPage);
    await detail.getByTestId('menu-hidden').click();
    await detail.getByTestId('menu-save').click();
    await expect(node(vipPage)).toContainText('隐藏');
    await expect(page.getByTestId(`menu-customer-vip-${s}`)).toHaveCount(0);
    await expect(sideDirectory(page, dirB.zh)).toHaveCount(0);
    await expect(page.getByTestId('menu-admin-menus')).toBeVisible();
  });

  await test.step('Then a node with children cannot be deleted; leaf first, each delete goes', async () => {
    await select(b);
    await expect(detail.getByTestId('menu-delete')).toBeDisabled();
    const refused = await admin.request('DELETE', `/admin/menus/${b}`);
    expect(refused.status()).toBe(409);
    await select(vipPage);
    expect((await admin.request('DELETE', `/admin/menus/${vipPage}`)).status()).toBe(409);
    for (const id of [button, vipPage, b, a]) {
      await select(id);
      await detail.getByTestId('menu-delete').click();
      await admin.confirm();
      await expect(node(id)).toHaveCount(0);
      await expect(detail).toHaveCount(0);
    }
    const left = (await (await page.request.get('/api/platform/admin/menus')).json()) as {
      items: { id: string }[];
    };
    expect(left.items.filter((i) => [a, b, vipPage, button].includes(i.id))).toEqual([]);
  });
});

test('机构管理: a bank admin adds a sub-branch, renames it, moves it and deletes it', async ({ page }) => {
  const s = uniqueSuffix();
  const admin = new Admin(page);
  const tree = page.getByTestId('org-tree');
  const org = (id: string) => tree.locator(`[data-testid="org-node"][data-id="${id}"]`);
  const detail = page.getByTestId('org-detail');
  const dialog = page.getByRole('dialog');
  const name = `E2E分理处${s}`;
  const renamed = `E2E营业部${s}`;

  await new Workbench(page).login('admin');
  await admin.open('/admin/orgs');

  let id = '';
  await test.step('When the admin adds a sub-branch under 城关支行', async () => {
    await org('a-br1').click();
    await detail.getByTestId('org-add').click();
    await dialog.getByTestId('org-name').fill(name);
    await page.getByTestId('org-dialog-submit').click();
    await expect(dialog).toBeHidden();
    const added = tree.getByTestId('org-node').filter({ hasText: name });
    await expect(added).toContainText('分理处');
    id = (await added.getAttribute('data-id')) ?? '';
    expect(await admin.treeParentId(org(id))).toBe('a-br1');
  });

  await test.step('And renames it', async () => {
    await org(id).click();
    await expect(detail).toContainText('/a-br1/');
    await detail.getByTestId('org-rename').click();
    await dialog.getByTestId('org-name').fill(renamed);
    await page.getByTestId('org-dialog-submit').click();
    await expect(dialog).toBeHidden();
    await expect(org(id)).toContainText(renamed);
    await expect(tree.getByTestId('org-node').filter({ hasText: name })).toHaveCount(0);
  });

  await test.step('And moves it under 河西支行', async () => {
    await detail.getByTestId('org-move').click();
    await admin.pickTreeOption(dialog.getByTestId('org-parent'), '河西支行');
    await page.getByTestId('org-dialog-submit').click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => admin.treeParentId(org(id))).toBe('a-br2');
    await expect(detail).toContainText(`/a-br2/${id}/`);
  });

  await test.step('And deletes it', async () => {
    await detail.getByTestId('org-delete').click();
    await admin.confirm();
    await expect(org(id)).toHaveCount(0);
    await expect(detail).toHaveCount(0);
    const { items } = (await (await page.request.get('/api/platform/admin/orgs')).json()) as {
      items: { id: string }[];
    };
    expect(items.map((o) => o.id)).not.toContain(id);
  });
});

test('银行管理: the union admin creates a bank with a customer-only package; a bank admin has no such page', async ({
  page,
  browser,
}) => {
  const s = uniqueSuffix();
  const code = `E${s.toUpperCase()}`.slice(0, 16);
  const admin = new Admin(page);
  await new Workbench(page).login('union1');
  await admin.open('/admin/banks');

  await test.step('When union1 creates a bank whose package is 客户中心 only', async () => {
    await page.getByTestId('bank-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('bank-code').fill(code);
    await dialog.getByTestId('bank-name').fill(`测试农商银行${s}`);
    await dialog.getByTestId('bank-hq-name').fill(`测试农商银行${s}总行`);
    await admin.menuCheckbox(dialog.getByTestId('bank-menus'), '客户中心').click();
    await page.getByTestId('bank-form-submit').click();
    await expect(dialog).toBeHidden();
  });

  await test.step('Then it is listed with exactly the customer menus', async () => {
    const row = page.locator(`[data-testid="bank-row"][data-code="${code}"]`);
    await expect(row).toContainText(`测试农商银行${s}`);
    await expect(row).toContainText('3 项');
    const { items } = (await (await page.request.get('/api/platform/admin/banks')).json()) as {
      items: Bank[];
    };
    const bank = items.find((b) => b.code === code);
    expect([...(bank?.menuIds ?? [])].sort()).toEqual(['b-customer-create', 'm-customer', 'm-customer-list']);
  });

  await test.step('And a bank-a admin sees no 银行管理 menu, and its API answers 403', async () => {
    const context = await browser.newContext();
    const bankPage = await context.newPage();
    const wb = new Workbench(bankPage);
    await wb.login('admin');
    await expect(wb.menu('/admin/users')).toBeVisible();
    await expect(wb.menu('/admin/banks')).toHaveCount(0);
    await expect(bankPage.locator('.zy-sider')).not.toContainText('银行管理');
    expect((await bankPage.request.get('/api/platform/admin/banks')).status()).toBe(403);
    await context.close();
  });
});

test('会话管理: the admin ends am1’s session and am1’s open page goes to the login page', async ({
  page,
  browser,
}) => {
  const s = uniqueSuffix();
  // a user agent of its own tells this session apart from am1's sessions in other specs
  const userAgent = `Mozilla/5.0 ZhanyeE2E/${s}`;
  const context = await browser.newContext({ userAgent });
  const amPage = await context.newPage();
  await new Workbench(amPage).login('am1');

  const admin = new Admin(page);
  await new Workbench(page).login('admin');
  await admin.open('/admin/sessions');
  const row = page.locator('[data-testid="session-row"][data-username="am1"]').filter({ hasText: s });

  await test.step('When the admin ends am1’s session', async () => {
    await expect(row).toHaveCount(1);
    await row.getByTestId('session-end').click();
    await admin.confirm();
    await expect(row).toHaveCount(0);
  });

  await test.step('Then am1’s page goes to the login page by itself, and the session no longer works', async () => {
    await expect(amPage).toHaveURL(/\/login/);
    expect((await amPage.request.get('/api/platform/me')).status()).toBe(401);
  });
  await context.close();
});

test('审计日志: filter by action, before/after, chain verified, CSV export with one BOM', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const s = uniqueSuffix();
  const admin = new Admin(page);
  await new Workbench(page).login('admin');

  // an audited change with before and after, made now: a sub-branch added, then renamed
  const name = `E2E审计${s}`;
  const renamed = `E2E审计改名${s}`;
  const created = await admin.request('POST', '/admin/orgs', {
    parentId: 'a-br1',
    name,
    kind: 'subbranch',
    sort: 0,
  });
  expect(created.status(), await created.text()).toBe(200);
  const { id } = (await created.json()) as { id: string };
  expect((await admin.request('PATCH', `/admin/orgs/${id}`, { name: renamed })).status()).toBe(200);

  await admin.open('/admin/audit');
  const rows = page.getByTestId('audit-row');
  const mine = rows.filter({ hasText: id });

  await test.step('When the admin filters by action platform.updateOrg', async () => {
    await page.getByTestId('audit-filter-action').fill('platform.updateOrg');
    await page.getByTestId('audit-filter-user').fill('admin');
    // the record travels through JetStream: search again until it has arrived
    await expect(async () => {
      await page.getByTestId('audit-search').click();
      await expect(mine).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    for (const action of await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-action')))) {
      expect(action).toBe('platform.updateOrg');
    }
  });

  await test.step('Then the record expands to the input, before and after', async () => {
    await mine.locator('.ant-table-row-expand-icon').click();
    const detail = page.getByTestId('audit-detail');
    await expect(detail).toBeVisible();
    const [input, before, after] = [0, 1, 2].map((i) => detail.locator('pre').nth(i));
    await expect(input!).toContainText(renamed);
    await expect(before!).toContainText(`"name": "${name}"`);
    await expect(after!).toContainText(`"name": "${renamed}"`);
  });

  await test.step('And 校验 says the chain is intact', async () => {
    await page.getByTestId('audit-verify').click();
    await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-ok', 'true');
  });

  await test.step('And the export is a CSV of the filtered rows with one BOM', async () => {
    const shown = await rows.evaluateAll((rs) =>
      rs.map((r) => r.querySelector('td:not(.ant-table-row-expand-icon-cell)')?.textContent ?? ''),
    );
    expect(shown.length).toBeGreaterThan(0);
    const downloaded = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/^audit-bank-a-.*\.csv$/);
    const file = await readFile(await download.path());
    expect(file.subarray(0, 3).equals(BOM)).toBe(true);
    expect(file.indexOf(BOM, 3)).toBe(-1);
    const text = file.subarray(3).toString('utf8');
    expect(text.startsWith('chain,seq,at,username')).toBe(true);
    const lines = text.split('\r\n').filter(Boolean);
    const records = lines.slice(1);
    // the bank's own chain, numbered on its own: the seqs the table shows
    for (const line of records) expect(line.startsWith('bank-a,')).toBe(true);
    expect(records.map((l) => l.split(',')[1]).sort()).toEqual([...shown].sort());
    for (const line of records) expect(line).toContain(',platform.updateOrg,');
    expect(records.filter((l) => l.includes(id) && l.includes(renamed))).toHaveLength(1);
  });

  expect((await admin.request('DELETE', `/admin/orgs/${id}`)).status()).toBe(200);
});
