import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the release CLI against the e2e stack as the union's demo release manager; returns its output. */
export function release(baseURL: string, ...args: string[]): string {
  return releaseAs('union1', baseURL, ...args);
}

/** The release CLI as another demo user (a bank's release manager); throws when it is refused. */
export function releaseAs(user: string, baseURL: string, ...args: string[]): string {
  return execFileSync(`${repo}node_modules/.bin/tsx`, ['scripts/release.ts', ...args], {
    cwd: repo,
    env: { ...process.env, ZY_URL: baseURL, ZY_RELEASE_USER: user },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
