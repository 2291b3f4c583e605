import { expect, type Page } from '@playwright/test';
import { PASSWORD } from '../support/data.ts';

/** The shell: login page, header, side menu, app containers. */
export class Workbench {
  constructor(readonly page: Page) {}

  async login(username: string, password = PASSWORD) {
    await this.page.goto('/login');
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
    await expect(this.page.getByTestId('header-user')).toBeVisible();
  }

  async logout() {
    await this.page.getByTestId('logout').click();
    await expect(this.page).toHaveURL(/\/login/);
  }

  menu(route: string) {
    return this.page.getByTestId(`menu-${route.replace(/^\//, '').replaceAll('/', '-')}`);
  }

  async open(route: string) {
    await this.menu(route).click();
    await expect(this.page).toHaveURL(new RegExp(`${route}($|[/?])`));
  }

  fallback(app: string) {
    return this.page.getByTestId(`app-fallback-${app}`);
  }
}
