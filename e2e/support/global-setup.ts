import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { E2E_PORT } from '../playwright.config.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Starts the whole product (every service, the gateway, demo data) in a throw-away namespace. */
export default async function globalSetup() {
  const ns = `e2e${randomBytes(3).toString('hex')}`;
  // a store of its own: releases made by a test never meet another run's files
  const store = join(repo, '.store', ns, 'apps');
  process.env.APP_STORE = store;
  const child: ChildProcess = spawn(`${repo}node_modules/.bin/tsx`, ['scripts/stack.ts'], {
    cwd: repo,
    env: { ...process.env, ZY_NS: ns, PORT: String(E2E_PORT), ZY_EPHEMERAL: '1', APP_STORE: store },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('stack did not start within 120 s')), 120_000);
    child.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('Zhanye is running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`stack exited with ${code}`)));
  });
  process.env.ZY_E2E_NS = ns;
  return async () => {
    await new Promise<void>((r) => {
      child.once('exit', () => r());
      child.kill('SIGTERM');
    });
    rmSync(join(repo, '.store', ns), { recursive: true, force: true });
  };
}
