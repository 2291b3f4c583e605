import { type APIResponse, expect, type Locator, type Page } from '@playwright/test';

/** The shell's administration pages (系统管理) and the account page. */
export class Admin {
  constructor(readonly page: Page) {}

  async open(
    route:
      | '/admin/users'
      | '/admin/roles'
      | '/admin/menus'
      | '/admin/orgs'
      | '/admin/banks'
      | '/admin/sessions'
      | '/admin/audit',
  ) {
    await this.page.getByTestId(`menu-${route.slice(1).replaceAll('/', '-')}`).click();
    await expect(this.page.getByTestId(`admin-${route.split('/')[2]}-page`)).toBeVisible();
  }

  /** An admin API call with the page's cookies and the CSRF header every mutation needs. */
  async request(method: 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown): Promise<APIResponse> {
    const csrf = (await this.page.context().cookies()).find((c) => c.name === 'zy_csrf')?.value;
    expect(csrf, 'signed in: the zy_csrf cookie is set').toBeTruthy();
    return this.page.request.fetch(`/api/platform${path}`, {
      method,
      headers: { 'x-csrf-token': csrf! },
      ...(data === undefined ? {} : { data }),
    });
  }

  /** Answers the open Popconfirm with its OK button. */
  async confirm() {
    await this.page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  }

  /** Opens a Select, types to filter, and picks the option with exactly this label. */
  async pickOption(select: Locator, label: string) {
    const open = this.page.locator('.ant-select-dropdown:visible');
    // as in pickTreeOption: retry a click lost while the dropdown opens, until the select shows it
    await expect(async () => {
      if ((await open.count()) === 0) {
        await select.click();
        await this.page.keyboard.type(label);
      }
      await open
        .locator('.ant-select-item-option')
        .filter({ hasText: new RegExp(`^${label}$`) })
        .click({ timeout: 1000 });
      await expect(select).toContainText(label, { timeout: 1000 });
    }).toPass();
  }

  /** Opens a TreeSelect and picks the option with exactly this title. */
  async pickTreeOption(select: Locator, title: string) {
    const open = this.page.locator('.ant-select-dropdown:visible');
    // a click that lands while the dropdown is still opening is lost: pick until the select shows it
    await expect(async () => {
      if ((await open.count()) === 0) await select.click();
      await open
        .locator('.ant-select-tree-title')
        .filter({ hasText: new RegExp(`^${title}$`) })
        .click({ timeout: 1000 });
      await expect(select).toContainText(title, { timeout: 1000 });
      await expect(open).toHaveCount(0, { timeout: 1000 });
    }).toPass();
  }

  /**
   * The `data-id` of the node a tree shows as the parent of `node` (a label inside a tree node):
   * antd renders a tree as a flat list, a child indented one step more than its parent.
   */
  treeParentId(node: Locator): Promise<string | null> {
    return node.evaluate((label) => {
      const indent = (n: Element) => n.querySelectorAll('.ant-tree-indent-unit').length;
      const row = label.closest('.ant-tree-treenode');
      if (!row) return null;
      for (let prev = row.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (indent(prev) < indent(row))
          return prev.querySelector('[data-id]')?.getAttribute('data-id') ?? null;
      }
      return null;
    });
  }

  /** The checkbox of a menu node (by its zh-CN title) in a menu grant tree. */
  menuCheckbox(tree: Locator, title: string): Locator {
    return tree
      .locator('.ant-tree-treenode', {
        has: this.page.locator('.zy-menu-title', { hasText: new RegExp(`^${title}$`) }),
      })
      .locator('.ant-tree-checkbox');
  }

  role(code: string): Locator {
    return this.page.locator(`[data-testid="role-row"][data-code="${code}"]`);
  }

  user(username: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  }

  /** Creates a role; `linked: false` ticks each node on its own (a page without all its buttons). */
  async createRole(role: { name: string; code: string; tick: string[]; linked?: boolean }) {
    await this.page.getByTestId('role-create').click();
    const drawer = this.page.getByTestId('role-drawer');
    await drawer.getByTestId('role-name').fill(role.name);
    await drawer.getByTestId('role-code').fill(role.code);
    const tree = drawer.getByTestId('role-menus');
    if (role.linked === false) await tree.getByTestId('role-menus-linked').click();
    for (const title of role.tick) await this.menuCheckbox(tree, title).click();
    await drawer.getByTestId('role-save').click();
    await expect(this.role(role.code)).toBeVisible();
  }

  /** Opens a role's drawer, toggles menu ticks, saves. */
  async toggleRoleMenus(code: string, titles: string[]) {
    await this.role(code).getByTestId('role-edit').click();
    const drawer = this.page.getByTestId('role-drawer');
    const tree = drawer.getByTestId('role-menus');
    for (const title of titles) await this.menuCheckbox(tree, title).click();
    await drawer.getByTestId('role-save').click();
    await expect(drawer).toBeHidden();
  }

  /** Gives a user exactly one role (their others removed). */
  async setOnlyRole(username: string, roleName: string) {
    await this.page.getByTestId('users-filter-q').fill(username);
    await this.page.getByTestId('users-search').click();
    await this.user(username).getByTestId('user-edit').click();
    const form = this.page.getByTestId('user-form');
    const roles = form.getByTestId('user-roles');
    await roles.click();
    const chosen = roles.locator('.ant-select-selection-item');
    // the form fills the user's roles when it opens: clear until none is left
    await expect(async () => {
      for (let n = await chosen.count(); n > 0; n--) await this.page.keyboard.press('Backspace');
      await expect(chosen).toHaveCount(0, { timeout: 500 });
    }).toPass();
    await this.page.keyboard.type(roleName);
    // a click that lands while the dropdown is still opening is lost: pick until it shows as chosen
    await expect(async () => {
      if ((await chosen.filter({ hasText: roleName }).count()) === 0) {
        await this.page.locator('.ant-select-item-option', { hasText: roleName }).first().click();
      }
      await expect(chosen.filter({ hasText: roleName })).toHaveCount(1, { timeout: 1000 });
    }).toPass();
    await this.page.locator('.ant-modal-title').click(); // closes the dropdown, not the dialog
    await this.page.getByTestId('user-form-submit').click();
    await expect(form).toBeHidden();
  }
}
