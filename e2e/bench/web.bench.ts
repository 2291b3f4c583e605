import { expect, test } from '@playwright/test';
import { Workbench } from '../pages/workbench.page.ts';
import { kb, libraryCounts, recordJs, type StaticFile } from '../support/js-inventory.ts';
import {
  type Breakdown,
  breakdown,
  marksNamed,
  parseTrace,
  TRACE_CATEGORIES,
} from '../support/trace-breakdown.ts';

const sum = (files: StaticFile[], key: 'bytes' | 'wireBytes') => files.reduce((s, f) => s + f[key], 0);
const isJs = (f: StaticFile) => f.type.includes('javascript');
const APPS = [
  ['/customer', 'mf-customer'],
  ['/marketing', 'mf-marketing'],
  ['/credit', 'mf-credit'],
  ['/risk', 'mf-risk-console'],
] as const;
/** Rounds of switching through the four apps, each app already loaded. */
const ROUNDS = Number(process.env.BENCH_SWITCH_ROUNDS ?? 5);

interface Switch {
  app: string;
  /** From the click event (in the page) to the shell's `zy:mounted:<app>` mark, ms. */
  total: number;
  /** click -> single-spa starts unmounting the previous app (shell routing, single-spa). */
  toUnmount: number;
  /** The previous app's unmount (React root unmount, or Svelte's). */
  unmount: number;
  /** Between the previous app's unmount and this app's mount (single-spa). */
  between: number;
  /** This app's mount, to the commit of its first render (React root, antd, the app's components). */
  mount: number;
  /** Where the main thread's time went from click to mounted (Chromium trace). */
  cpu: Breakdown;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
};

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

  // Switching to an app that is already loaded, ROUNDS times round the four apps. In the page:
  // the click event's time, and the shell's lifecycle marks; around it, a Chromium trace.
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      () => {
        performance.clearMarks('zy:click');
        performance.mark('zy:click');
      },
      { capture: true },
    );
  });
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const measured: (Omit<Switch, 'cpu'> & { mountedAt: number })[] = [];
  let previous: string = APPS.at(-1)![1];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [route, app] of APPS) {
      await wb.open(route);
      await expect(page.locator(`#zy-app-${app}:not(:empty)`)).toBeVisible();
      const t = await page.evaluate(
        ([app, previous]) => {
          const at = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? Number.NaN;
          return {
            click: at('zy:click'),
            unmount: at(`zy:unmount:${previous}`),
            unmounted: at(`zy:unmounted:${previous}`),
            mount: at(`zy:mount:${app}`),
            mounted: at(`zy:mounted:${app}`),
          };
        },
        [app, previous] as const,
      );
      measured.push({
        app,
        total: t.mounted - t.click,
        toUnmount: t.unmount - t.click,
        unmount: t.unmounted - t.unmount,
        between: t.mount - t.unmounted,
        mount: t.mounted - t.mount,
        mountedAt: t.mounted,
      });
      previous = app;
      await page.waitForTimeout(200);
    }
  }
  const trace = parseTrace(await browser.stopTracing());
  const clicks = marksNamed(trace, 'zy:click');
  const switches: Switch[] = measured.map((m, i) => {
    const from = clicks[i] ?? Number.NaN;
    return { ...m, cpu: breakdown(trace, from, from + m.total * 1000) };
  });

  const statics = await js.statics();
  const line = (label: string, fs: StaticFile[]) => {
    const code = fs.filter(isJs);
    return `  ${label.padEnd(30)} ${String(fs.length).padStart(3)} files ${kb(sum(fs, 'bytes')).padStart(10)} ${kb(sum(fs, 'wireBytes')).padStart(10)}   JS ${String(code.length).padStart(2)} files ${kb(sum(code, 'bytes')).padStart(10)} ${kb(sum(code, 'wireBytes')).padStart(10)}`;
  };
  console.log('\nbench:web  static files fetched per step (decoded / on the wire, as the gateway sent them)');
  for (const [label, fs] of rows) console.log(line(label, fs));
  console.log(line('total', statics));
  // the same bytes by whose they are: the shell's workbench, and each app (fetched when first
  // opened, or before by the idle preload)
  const ownerOf = (f: StaticFile) =>
    /\/apps\/([^/]+)\//.exec(new URL(f.url).pathname)?.[1] ?? 'workbench (shell)';
  const afterLogin = rows.slice(1).flatMap(([, fs]) => fs);
  const owners = new Map<string, StaticFile[]>();
  for (const f of afterLogin) owners.set(ownerOf(f), [...(owners.get(ownerOf(f)) ?? []), f]);
  console.log('  by page: login, the workbench, each app');
  console.log(line('login', rows[0]![1]));
  for (const [owner, fs] of owners) console.log(line(owner, fs));
  const encodings = new Map<string, number>();
  for (const f of statics)
    encodings.set(f.encoding || 'identity', (encodings.get(f.encoding || 'identity') ?? 0) + 1);
  console.log(`  encodings: ${[...encodings].map(([e, n]) => `${e} ${n}`).join(', ')}`);
  console.log(
    `  shared libraries fetched (files carrying each): ${JSON.stringify(libraryCounts(await js.files()))}`,
  );
  console.log(
    `\n  switch to an already-loaded app, click -> mounted mark, ms (median of ${ROUNDS} rounds; in the page)`,
  );
  const cols = ['total', 'toUnmount', 'unmount', 'between', 'mount'] as const;
  const kinds = ['cpu', 'script', 'style', 'layout', 'paint', 'gc', 'other', 'idle'] as const;
  console.log(
    `  ${'app'.padEnd(16)}${cols.map((c) => c.padStart(10)).join('')}   main thread (trace): ${kinds.join(' / ')}`,
  );
  for (const [, app] of APPS) {
    const mine = switches.filter((s) => s.app === app);
    console.log(
      `  ${app.padEnd(16)}${cols
        .map((c) =>
          median(mine.map((s) => s[c]))
            .toFixed(0)
            .padStart(10),
        )
        .join('')}   ${kinds.map((k) => median(mine.map((s) => s.cpu[k])).toFixed(0)).join(' / ')}`,
    );
  }
  const all = switches.map((s) => s.total);
  console.log(`  all switches: median ${median(all).toFixed(0)} ms, max ${Math.max(...all).toFixed(0)} ms`);
  console.log('  bars: login <= 150 KB compressed; each shared library once; switch <= 100 ms\n');
});
