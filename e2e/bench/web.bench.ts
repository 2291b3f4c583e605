import { expect, test } from '@playwright/test';
import { Workbench } from '../pages/workbench.page.ts';
import { type JsFile, kb, libraryCounts, recordJs } from '../support/js-inventory.ts';

const sum = (files: JsFile[], key: 'bytes' | 'gzipBytes') => files.reduce((s, f) => s + f[key], 0);
const APPS = [
  ['/customer', 'mf-customer'],
  ['/marketing', 'mf-marketing'],
  ['/credit', 'mf-credit'],
  ['/risk', 'mf-risk-console'],
] as const;

test('JS fetched per page, shared libraries, app switch time', async ({ page }) => {
  const js = recordJs(page);
  const rows: [string, JsFile[]][] = [];
  let seen = 0;
  const take = async (label: string) => {
    const all = await js.files();
    rows.push([label, all.slice(seen)]);
    seen = all.length;
  };

  await page.goto('/login');
  await page.waitForLoadState('networkidle');
  await take('login page');
  const wb = new Workbench(page);
  await wb.login('admin');
  await page.waitForLoadState('networkidle');
  await take('workbench home (after login)');
  for (const [route, app] of APPS) {
    await wb.open(route);
    await expect(page.locator(`#zy-app-${app}:not(:empty)`)).toBeVisible();
    await page.waitForLoadState('networkidle');
    await take(`first visit ${route}`);
  }

  // switching back to an app that is already loaded: click -> the shell's mount mark
  const switches: string[] = [];
  for (const [route, app] of APPS) {
    const t0 = await page.evaluate(() => performance.now());
    await wb.open(route);
    await expect(page.locator(`#zy-app-${app}:not(:empty)`)).toBeVisible();
    const mark = await page.evaluate(
      (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? Number.NaN,
      `zy:mounted:${app}`,
    );
    switches.push(`${route} ${(mark - t0).toFixed(0)} ms`);
  }

  const files = await js.files();
  console.log('\nbench:web  JS fetched per step (raw / gzip)');
  for (const [label, fs] of rows) {
    console.log(
      `  ${label.padEnd(30)} ${String(fs.length).padStart(3)} files ${kb(sum(fs, 'bytes')).padStart(10)} / ${kb(sum(fs, 'gzipBytes')).padStart(9)}`,
    );
  }
  console.log(
    `  ${'total'.padEnd(30)} ${String(files.length).padStart(3)} files ${kb(sum(files, 'bytes')).padStart(10)} / ${kb(sum(files, 'gzipBytes')).padStart(9)}`,
  );
  console.log(`  shared libraries fetched (files carrying each): ${JSON.stringify(libraryCounts(files))}`);
  console.log(`  switch to an already-loaded app (click -> mounted mark): ${switches.join(', ')}`);
  console.log('  bars: login <= 150 KB gzip; each shared library once; switch <= 100 ms\n');
});
