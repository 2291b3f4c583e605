import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { domainServices } from '@zhanye/contracts';
import { expect, it } from 'vitest';
import { repo } from './lib/stack.ts';

/**
 * The systemd units in deploy/systemd (docs/operations.md) start what this repository has, and
 * their readiness check works. (systemd itself is not on the CI machine; `systemd-analyze verify`
 * is the check to run where it is.)
 */

const unit = (name: string) => readFileSync(join(repo, 'deploy/systemd', name), 'utf8');
const key = (text: string, name: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith(`${name}=`))
    .map((l) => l.slice(name.length + 1));

it('the service template starts each service’s entry file with node and tsx, restarting on failure', () => {
  const service = unit('zhanye-service@.service');
  const [exec] = key(service, 'ExecStart');
  expect(exec).toContain('exec /usr/bin/node --import tsx bff/%i/src/main.ts');
  for (const { folder } of domainServices())
    expect(existsSync(join(repo, `bff/${folder}/src/main.ts`)), folder).toBe(true);
  const gateway = unit('zhanye-gateway.service');
  expect(key(gateway, 'ExecStart')).toEqual(['/usr/bin/node --import tsx bff/gateway/src/main.ts']);
  expect(existsSync(join(repo, 'bff/gateway/src/main.ts'))).toBe(true);
  for (const u of [service, gateway]) {
    expect(key(u, 'Restart')).toEqual(['on-failure']);
    expect(key(u, 'WantedBy')).toEqual(['zhanye.target']);
    expect(key(u, 'ExecStartPost')[0]).toMatch(/^\/opt\/zhanye\/deploy\/systemd\/zy-wait-ready %t\/zhanye-/);
  }
});

it('zy-wait-ready waits for the ready file, and fails when it does not come', async () => {
  const run = promisify(execFile);
  const script = join(repo, 'deploy/systemd/zy-wait-ready');
  const dir = mkdtempSync(join(tmpdir(), 'zy-ready-'));
  try {
    const file = join(dir, 'ready');
    setTimeout(() => writeFileSync(file, '1\n'), 300);
    await run(script, [file, '10']);
    await expect(run(script, [join(dir, 'never'), '1'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('did not appear within 1 s'),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
