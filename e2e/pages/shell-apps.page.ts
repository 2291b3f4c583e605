import { expect, type Locator, type Page } from '@playwright/test';

export interface AppVisit {
  app: string;
  /** Where to go: the app's route, or a page inside it. */
  path: string;
  /** Something the app renders once it has mounted. */
  ready: string;
}

/** The four apps as the admin sees them, each on a page that renders antd or Svelte widgets. */
export const FOUR_APPS: readonly AppVisit[] = [
  { app: 'mf-customer', path: '/customer', ready: 'customer-row' },
  { app: 'mf-marketing', path: '/marketing', ready: 'lead-refresh' },
  // the new-application form: its customer picker opens an antd drop-down (a pop-up)
  { app: 'mf-credit', path: '/credit/new', ready: 'application-customer' },
  { app: 'mf-risk-console', path: '/risk', ready: 'decision-search' },
];

export interface Leftovers {
  /** Element children of each app container, by app id. */
  containers: Record<string, number>;
  /** `tag#id.class` of every child of <body>. */
  body: string[];
  /** All <style> elements in <head>, and those of the Svelte app (`zy-mk-*`). */
  styles: number;
  svelteStyles: number;
}

/** The workbench's app area, driven the way apps drive it: history.pushState, single-spa reroutes. */
export class ShellApps {
  constructor(readonly page: Page) {}

  container(app: string): Locator {
    return this.page.locator(`#zy-app-${app}`);
  }

  /** Client-side navigation (single-spa patches pushState and fires popstate for every router). */
  async go(path: string): Promise<void> {
    await this.page.evaluate((to) => window.history.pushState(null, '', to), path);
  }

  async visit(visit: AppVisit): Promise<void> {
    await this.go(visit.path);
    await expect(this.container(visit.app)).not.toBeEmpty();
    await expect(this.container(visit.app).getByTestId(visit.ready).first()).toBeVisible();
  }

  async home(): Promise<void> {
    await this.go('/');
    await expect(this.page.getByTestId('workbench-home')).toBeVisible();
  }

  /** What apps may have left behind in the page. */
  leftovers(): Promise<Leftovers> {
    return this.page.evaluate(() => {
      const containers: Record<string, number> = {};
      for (const el of document.querySelectorAll<HTMLElement>('[id^="zy-app-"]')) {
        containers[el.id.slice('zy-app-'.length)] = el.childElementCount;
      }
      return {
        containers,
        body: [...document.body.children].map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`),
        styles: document.head.querySelectorAll('style').length,
        svelteStyles: document.head.querySelectorAll('style[id^="zy-mk-"]').length,
      };
    });
  }
}
