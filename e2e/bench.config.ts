import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/**
 * `pnpm bench:web`: browser figures, printed; they assert nothing about time. No Playwright trace:
 * its DOM snapshots run on the page's main thread at every action and would be timed with the app.
 */
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '*.bench.ts',
  retries: 0,
  use: { ...base.use, trace: 'off' },
});
