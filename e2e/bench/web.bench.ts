import { expect, test } from '@playwright/test';
import { Workbench } from '../pages/workbench.page.ts';
import { kb, libraryCounts, recordJs, type StaticFile } from '../support/js-inventory.ts';

const sum = (files: StaticFile[], key: 'bytes' | 'wireBytes') => files.reduce((s, f) => s + f[key], 0);
const isJs = (f: StaticFile) => f.type.includes('javascript');
const APPS = [
  ['/customer', 'mf-customer'],
  ['/marketing', 'mf-marketing'],
  ['/credit', 'mf-credit'],
  ['/risk', 'mf-risk-console'],
] as const;

test('JS fetched per page, shared libraries, app switch time', async ({ page }) => {
  const js = recordJs(page);
  const rows: [string, StaticFile[]][] = [];
  let seen = 0;
  const take = async (label: string) => {
    const all = await js.statics();
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

  const statics = await js.statics();
  const line = (label: string, fs: StaticFile[]) => {
    const code = fs.filter(isJs);
    return `  ${label.padEnd(30)} ${String(fs.length).padStart(3)} files ${kb(sum(fs, 'bytes')).padStart(10)} ${kb(sum(fs, 'wireBytes')).padStart(10)}   JS ${String(code.length).padStart(2)} files ${kb(sum(code, 'bytes')).padStart(10)} ${kb(sum(code, 'wireBytes')).padStart(10)}`;
  };
  console.log('\nbench:web  static files fetched per step (decoded / on the wire, as the gateway sent them)');
  for (const [label, fs] of rows) console.log(line(label, fs));
  console.log(line('total', statics));
  const encodings = new Map<string, number>();
  for (const f of statics) encodings.set(f.encoding || 'identity', (encodings.get(f.encoding || 'identity') ?? 0) + 1);
  console.log(`  encodings: ${[...encodings].map(([e, n]) => `${e} ${n}`).join(', ')}`);
  console.log(`  shared libraries fetched (files carrying each): ${JSON.stringify(libraryCounts(await js.files()))}`);
  console.log(`  switch to an already-loaded app (click -> mounted mark): ${switches.join(', ')}`);
  console.log('  bars: login <= 150 KB gzip; each shared library once; switch <= 100 ms\n');
});
