import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/** `pnpm bench:web`: browser figures, printed; they assert nothing about time. */
export default defineConfig({ ...base, testDir: './bench', testMatch: '*.bench.ts', retries: 0 });
