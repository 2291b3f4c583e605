/**
 * `pnpm bench:lighthouse`: Lighthouse 12 (Debian's Chromium) on the login page (desktop and
 * mobile presets) and on the signed-in workbench (desktop), against a stack of its own with demo
 * data. Each page runs `BENCH_LH_RUNS` times (default 3); the median run's scores and metrics are
 * printed. Run `pnpm build` first. Lighthouse simulates its throttling (desktop: 40 ms RTT,
 * 10 Mbit/s; mobile: 150 ms RTT, 1.6 Mbit/s, CPU 4x slower), so the figures depend on this machine's
 * load less than wall-clock times do; CPU-bound figures (TBT) still follow it: read them on a quiet
 * machine. `BENCH_LH_SAVE=<dir>` keeps each full report; `BENCH_LH_ONLY=<word>` runs only the pages
 * whose label contains it; `BENCH_LH_URL=<url>` measures a stack already running there (with the
 * demo users) instead of starting one.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { DEMO_PASSWORD, dropNamespaceOf, signIn, startStack } from './lib/stack.ts';

const RUNS = Number(process.env.BENCH_LH_RUNS ?? 3);
/** A folder to keep each run's full report (JSON) in, to read what the score is made of. */
const SAVE = process.env.BENCH_LH_SAVE;
const USER = process.env.BENCH_LH_USER ?? 'am1';
const ns = `lh${randomBytes(3).toString('hex')}`;
const port = Number(process.env.BENCH_LH_PORT ?? 18092);

interface Page {
  label: string;
  path: string;
  preset: 'desktop' | 'mobile';
  signedIn: boolean;
}
const PAGES: Page[] = [
  { label: 'login (desktop)', path: '/login', preset: 'desktop', signedIn: false },
  { label: 'login (mobile)', path: '/login', preset: 'mobile', signedIn: false },
  { label: `workbench / as ${USER} (desktop)`, path: '/', preset: 'desktop', signedIn: true },
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
] as const;

const external = process.env.BENCH_LH_URL?.replace(/\/$/, '');
const stack = external
  ? { url: external, stop: async () => undefined }
  : await startStack({ ns, port, demo: true, quiet: true, env: { LOG_LEVEL: 'warn' } }).catch(async (e) => {
      await dropNamespaceOf(ns);
      throw e;
    });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

/** One Lighthouse run; a run whose trace Lighthouse itself failed to record is tried again. */
async function audit(page: Page, attempt = 1): Promise<Result> {
  const flags: Flags = {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...CATEGORIES],
    // a fresh session per run: the access cookie lives 5 minutes
    extraHeaders: page.signedIn
      ? { Cookie: (await signIn(stack.url, USER, DEMO_PASSWORD)).cookie }
      : undefined,
  };
  const result = await lighthouse(
    `${stack.url}${page.path}`,
    flags,
    page.preset === 'desktop' ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`lighthouse gave no result for ${page.path}`);
  const lhr = result.lhr;
  if (lhr.runtimeError) {
    if (attempt < 3) return audit(page, attempt + 1);
    throw new Error(`${page.label}: ${lhr.runtimeError.message}`);
  }
  if (SAVE) {
    mkdirSync(SAVE, { recursive: true });
    const name = `${page.label.replace(/\W+/g, '-')}-${Date.now()}.json`;
    writeFileSync(join(SAVE, name), JSON.stringify(lhr));
  }
  return lhr;
}

const score = (lhr: Result, c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
const metric = (lhr: Result, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;

try {
  const lines: string[] = [];
  const only = process.env.BENCH_LH_ONLY;
  for (const page of PAGES.filter((p) => !only || p.label.includes(only))) {
    const runs: Result[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await audit(page));
    runs.sort((a, b) => score(a, 'performance') - score(b, 'performance'));
    const median = runs[Math.floor(runs.length / 2)]!;
    const perf = runs.map((r) => score(r, 'performance')).join('/');
    const bytes = metric(median, 'total-byte-weight');
    lines.push(
      `  ${page.label.padEnd(34)} perf ${String(score(median, 'performance')).padStart(3)} (runs ${perf})  a11y ${score(median, 'accessibility')}  best ${score(median, 'best-practices')}`,
      `  ${''.padEnd(34)} ${METRICS.map(([id, short]) => `${short} ${id === 'cumulative-layout-shift' ? metric(median, id).toFixed(3) : `${Math.round(metric(median, id))} ms`}`).join('  ')}  on the wire ${(bytes / 1024).toFixed(0)} KB`,
    );
    const failing = Object.values(median.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
      .filter((a) => median.categories.accessibility?.auditRefs.some((r) => r.id === a.id && r.weight > 0))
      .map((a) => a.id);
    if (failing.length) lines.push(`  ${''.padEnd(34)} accessibility audits failing: ${failing.join(', ')}`);
  }
  console.log(
    `\nbench:lighthouse  Lighthouse 12.2.3, ${RUNS} runs per page, median by performance, ${stack.url}`,
  );
  for (const l of lines) console.log(l);
  console.log('  bars: desktop performance and accessibility >= 95 (QUALITY.md); mobile login >= 90\n');
} finally {
  chrome.kill();
  await stack.stop();
  if (!external) await dropNamespaceOf(ns);
}
