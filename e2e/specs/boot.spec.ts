import { expect, type Page, type Route, test } from '@playwright/test';
import { ShellApps } from '../pages/shell-apps.page.ts';
import { Workbench } from '../pages/workbench.page.ts';

/*
 * A boot that cannot fail: a slow app or a throwing app shows its fallback (with retry) within
 * 3 s, every other app keeps working, and the broken one recovers without a page reload. (Missing
 * files: isolation.spec.ts.)
 */

const FALLBACK_WITHIN = 3_000;
const manifestOf = (app: string) => `**/apps/${app}/*/mf-manifest.json`;
const exposedChunkOf = (app: string) => `**/apps/${app}/**/__federation_expose_app*.js`;

/** Marks the page; the mark survives only if the page is never reloaded. */
const markPage = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
const notReloaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

/** Opens an app from the menu and expects its fallback on screen within 3 s of the click. */
async function expectFallback(page: Page, wb: Workbench, route: string, app: string): Promise<void> {
  // the figure printed is measured in the page: the click, then the fallback's insertion
  await page.evaluate((testId) => {
    const w = window as unknown as { __zyClickAt?: number; __zyFallbackAt?: number };
    w.__zyClickAt = undefined;
    w.__zyFallbackAt = undefined;
    document.addEventListener('click', () => (w.__zyClickAt = performance.now()), {
      capture: true,
      once: true,
    });
    new MutationObserver((_, observer) => {
      if (!document.querySelector(`[data-testid="${testId}"]`)) return;
      w.__zyFallbackAt = performance.now();
      observer.disconnect();
    }).observe(document.body, { childList: true, subtree: true });
  }, `app-fallback-${app}`);
  await wb.menu(route).click();
  await expect(wb.fallback(app)).toBeVisible({ timeout: FALLBACK_WITHIN });
  await expect(page.getByTestId(`app-retry-${app}`)).toBeVisible();
  const ms = await page.evaluate(() => {
    const w = window as unknown as { __zyClickAt?: number; __zyFallbackAt?: number };
    return (w.__zyFallbackAt ?? Number.NaN) - (w.__zyClickAt ?? Number.NaN);
  });
  console.log(`  ${app}: fallback on screen ${ms.toFixed(0)} ms after the click`);
}

/** Another app and the shell itself work while one app is broken. */
async function expectOthersWork(page: Page, wb: Workbench, broken = 'mf-credit'): Promise<void> {
  if (broken === 'mf-customer') {
    await wb.open('/credit');
    await expect(page.getByTestId('application-status-filter')).toBeVisible();
  } else {
    await wb.open('/customer');
    await expect(page.getByTestId('customer-row').first()).toBeVisible();
  }
  await wb.open('/risk');
  await expect(page.getByTestId('decision-search')).toBeVisible();
  await expect(page.getByTestId('header-user')).toBeVisible();
}

test('a slow app: fallback within 3 s, the others work, and it appears by itself once downloaded', async ({
  page,
}) => {
  // every download of mf-credit's manifest takes 6 s (the shell's load timeout is shorter)
  await page.route(manifestOf('mf-credit'), async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await route.continue().catch(() => undefined);
  });
  const wb = new Workbench(page);
  await wb.login('admin');
  await markPage(page);

  await test.step('When the slow app is opened, its fallback shows within 3 s', async () => {
    await expectFallback(page, wb, '/credit', 'mf-credit');
  });
  await test.step('Then the other apps work meanwhile', async () => {
    await expectOthersWork(page, wb);
  });
  await test.step('When its download completes, the app replaces the fallback without a click', async () => {
    await wb.open('/credit');
    await expect(page.getByTestId('application-status-filter')).toBeVisible({ timeout: 15_000 });
    await expect(wb.fallback('mf-credit')).toHaveCount(0);
    expect(await notReloaded(page)).toBe(true);
  });
});

test('a slow app: retry starts a fresh download and recovers once the network is back', async ({ page }) => {
  // mf-credit's manifest requests hang while `hanging`; the ones made before are never answered
  let hanging = true;
  const held: Route[] = [];
  await page.route(manifestOf('mf-credit'), async (route) => {
    if (hanging) held.push(route);
    else await route.continue();
  });
  const wb = new Workbench(page);
  await wb.login('admin');
  await markPage(page);

  await test.step('When the hanging app is opened, its fallback shows within 3 s', async () => {
    await expectFallback(page, wb, '/credit', 'mf-credit');
  });
  await test.step('Then the other apps work meanwhile, and the hanging one still shows its fallback', async () => {
    await expectOthersWork(page, wb);
    await wb.open('/credit');
    await expect(wb.fallback('mf-credit')).toBeVisible();
  });
  await test.step('When the network is back, retry loads the app without a page reload', async () => {
    hanging = false;
    await page.getByTestId('app-retry-mf-credit').click();
    await expect(page.getByTestId('application-status-filter')).toBeVisible({ timeout: 10_000 });
    expect(await notReloaded(page)).toBe(true);
  });
  for (const route of held) await route.abort().catch(() => undefined);
});

test('an app whose code throws while loading: fallback within 3 s, the others work, retry recovers', async ({
  page,
}) => {
  await page.route(exposedChunkOf('mf-marketing'), (route) =>
    route.fulfill({
      contentType: 'application/javascript',
      body: 'throw new Error("e2e: this release is broken");',
    }),
  );
  const wb = new Workbench(page);
  await wb.login('admin');
  await markPage(page);

  await test.step('When the broken app is opened, its fallback shows within 3 s', async () => {
    await expectFallback(page, wb, '/marketing', 'mf-marketing');
  });
  await test.step('Then the other apps work', async () => {
    await expectOthersWork(page, wb);
  });
  await test.step('When a good build is served again, retry loads it without a page reload', async () => {
    await page.unroute(exposedChunkOf('mf-marketing'));
    await wb.open('/marketing');
    await expect(wb.fallback('mf-marketing')).toBeVisible();
    await page.getByTestId('app-retry-mf-marketing').click();
    await expect(page.getByTestId('lead-refresh')).toBeVisible({ timeout: 10_000 });
    expect(await notReloaded(page)).toBe(true);
  });
});

/**
 * Serves an app's exposed chunk with its `mount` wrapped: it throws while `window.__zyFailMount`
 * holds. The chunk is the real one, so the app is otherwise untouched.
 */
async function failMountOf(page: Page, app: string, chunkGlobal: string): Promise<void> {
  await page.route(exposedChunkOf(app), async (route) => {
    const response = await route.fetch();
    const hook = `(() => {
      const chunks = (self[${JSON.stringify(chunkGlobal)}] = self[${JSON.stringify(chunkGlobal)}] || []);
      const push = chunks.push;
      chunks.push = function (data) {
        chunks.push = push;
        const modules = data[1];
        for (const id of Object.keys(modules)) {
          const factory = modules[id];
          modules[id] = function (module, exports, require) {
            // every other helper of the runtime (some added later, e.g. the script loader) as it is
            const d = (target, getters) => {
              if (getters.mount) {
                const real = getters.mount;
                getters = { ...getters, mount: () => async (props) => {
                  if (self.__zyFailMount) throw new Error('e2e: mount failed');
                  return real()(props);
                } };
              }
              return require.d(target, getters);
            };
            const req = new Proxy(require, { get: (t, k) => (k === 'd' ? d : t[k]) });
            return factory.call(this, module, exports, req);
          };
        }
        return push.call(this, data);
      };
    })();\n`;
    await route.fulfill({ response, body: hook + (await response.text()) });
  });
}

test('an app whose mount throws: fallback within 3 s, the others work, retry recovers', async ({ page }) => {
  await failMountOf(page, 'mf-customer', 'chunk_mf_customer');
  await page.addInitScript(() => {
    (window as unknown as { __zyFailMount: boolean }).__zyFailMount = true;
  });
  const wb = new Workbench(page);
  await wb.login('admin');
  await markPage(page);

  await test.step('When the app is opened and its mount throws, its fallback shows within 3 s', async () => {
    await expectFallback(page, wb, '/customer', 'mf-customer');
  });
  await test.step('Then the other apps work', async () => {
    await expectOthersWork(page, wb, 'mf-customer');
  });
  await test.step('When mounting works again, retry mounts it without a page reload', async () => {
    await wb.open('/customer');
    await expect(wb.fallback('mf-customer')).toBeVisible();
    await page.evaluate(() => {
      (window as unknown as { __zyFailMount: boolean }).__zyFailMount = false;
    });
    await page.getByTestId('app-retry-mf-customer').click();
    await expect(page.getByTestId('customer-search')).toBeVisible({ timeout: 10_000 });
    expect(await notReloaded(page)).toBe(true);
  });
});

test('likely-next apps are preloaded when idle after the first route, never on the login page', async ({
  page,
}) => {
  /** Files under /apps/, by app: requested, and finished (or failed). */
  const requested: string[] = [];
  const exposed = new Set<string>();
  let pending = 0;
  const appOf = (url: string) => /\/apps\/(mf-[a-z-]+)\//.exec(url)?.[1];
  page.on('request', (request) => {
    const app = appOf(request.url());
    if (!app) return;
    requested.push(app);
    pending++;
  });
  const done = (request: { url(): string }) => {
    const app = appOf(request.url());
    if (!app) return;
    pending--;
    if (request.url().includes('__federation_expose_app')) exposed.add(app);
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);

  await page.goto('/login');
  await page.waitForLoadState('networkidle');
  expect(requested, 'app files fetched by the login page').toEqual([]);

  const wb = new Workbench(page);
  await wb.login('admin');
  // nothing opened: the home page settles, then each app's code arrives while the browser is idle
  await expect
    .poll(() => exposed.size === 4 && pending === 0, { timeout: 20_000, message: 'all four apps preloaded' })
    .toBe(true);

  await test.step('Then opening a preloaded app fetches none of its files again', async () => {
    const before = requested.length;
    const apps = new ShellApps(page);
    await page.evaluate(() => {
      const w = window as unknown as { __zyClickAt?: number };
      document.addEventListener('click', () => (w.__zyClickAt = performance.now()), {
        capture: true,
        once: true,
      });
    });
    await wb.open('/credit');
    await expect(apps.container('mf-credit')).not.toBeEmpty();
    await expect(page.getByTestId('application-status-filter')).toBeVisible();
    expect(requested.slice(before), 'app files fetched when opening mf-credit').toEqual([]);
    const ms = await page.evaluate(
      () =>
        (performance.getEntriesByName('zy:mounted:mf-credit').at(-1)?.startTime ?? Number.NaN) -
        ((window as unknown as { __zyClickAt?: number }).__zyClickAt ?? Number.NaN),
    );
    console.log(
      `  first switch to the preloaded mf-credit: ${ms.toFixed(0)} ms from the click to its mount mark`,
    );
  });
});
