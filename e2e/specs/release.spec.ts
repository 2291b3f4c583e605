import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { Workbench } from '../pages/workbench.page.ts';
import { release, releaseAs } from '../support/release-cli.ts';

const shellDist = fileURLToPath(new URL('../../shell/dist/', import.meta.url));

/** sha256 of every file the gateway serves as the shell. */
function shellHashes(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out[p.slice(shellDist.length)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(shellDist);
  return out;
}

/** Signs in, opens the credit app, and returns the mf-credit version whose files the browser fetched. */
async function creditVersionSeenBy(page: Page, username: string): Promise<string> {
  const versions = new Set<string>();
  page.on('request', (r) => {
    const m = /\/apps\/mf-credit\/([^/]+)\//.exec(r.url());
    if (m) versions.add(m[1]!);
  });
  const wb = new Workbench(page);
  await wb.login(username);
  await wb.open('/credit');
  await expect(
    page.getByTestId('application-new').or(page.getByTestId('application-row')).first(),
  ).toBeVisible();
  expect(versions.size).toBe(1);
  return [...versions][0]!;
}

test('a domain releases v2 to one bank, then rolls back; the shell never changes', async ({
  browser,
  baseURL,
}) => {
  // five sign-ins in fresh browsers and five CLI runs
  test.setTimeout(120_000);
  const before = shellHashes();
  const v2 = `0.1.1-canary.${Date.now()}`;
  const visit = async (username: string) => {
    const context = await browser.newContext();
    const version = await creditVersionSeenBy(await context.newPage(), username);
    await context.close();
    return version;
  };

  await test.step('When credit releases v2 as a canary for 绿水农商银行 (bank-b)', async () => {
    const out = release(baseURL!, '--app', 'mf-credit', '--version', v2, '--activate', 'bank:bank-b');
    expect(out).toContain(v2);
  });
  await test.step('Then bank-b’s users get v2 and bank-a’s users keep v1', async () => {
    expect(await visit('bam1')).toBe(v2);
    expect(await visit('am1')).toBe('0.1.0');
  });

  await test.step('When 青山’s release manager pins v2 for their own bank, its users get it too; bank-b’s rule is not theirs', async () => {
    const out = releaseAs('admin', baseURL!, '--app', 'mf-credit', '--rule', 'bank:bank-a', '--version', v2);
    expect(out).toContain(v2);
    expect(await visit('am1')).toBe(v2);
    expect(() =>
      releaseAs('admin', baseURL!, '--app', 'mf-credit', '--rule', 'bank:bank-b', '--version', v2),
    ).toThrow(/refused \(404\)/);
  });

  await test.step('When credit rolls back, everyone gets v1 again', async () => {
    const t0 = Date.now();
    release(baseURL!, '--app', 'mf-credit', '--rollback');
    test.info().annotations.push({ type: 'rollback', description: `CLI round trip ${Date.now() - t0} ms` });
    expect(await visit('bam1')).toBe('0.1.0');
    expect(await visit('am1')).toBe('0.1.0');
  });

  await test.step('Then the shell’s files are byte-for-byte what they were', async () => {
    expect(shellHashes()).toEqual(before);
  });
});

test('the registry refuses a release the shell cannot host, and says why', async ({
  playwright,
  baseURL,
}) => {
  const version = `9.0.0-incompatible.${Date.now()}`;
  const api = await playwright.request.newContext({ baseURL });
  await api.post('/api/auth/login', { data: { username: 'union1', password: 'Zhanye@2026' } });
  const csrf = (await api.storageState()).cookies.find((c) => c.name === 'zy_csrf')!.value;
  const res = await api.post('/api/platform/releases', {
    headers: { 'x-csrf-token': csrf },
    data: {
      app: 'mf-credit',
      version,
      scope: 'mf_credit',
      route: '/credit',
      manifestUrl: `/apps/mf-credit/${version}/mf-manifest.json`,
      contractVersion: '1.0.0',
      shared: { react: '^20.0.0', antd: '^6.6.8' },
      commit: 'e2e',
      builtAt: new Date().toISOString(),
      integrity: { 'mf-manifest.json': 'sha384-x' },
    },
  });
  expect(res.status()).toBe(409);
  const body = await res.json();
  expect(body.error.reason).toBe('INCOMPATIBLE');
  expect(body.error.message).toMatch(/react \^20\.0\.0.*shell provides 19\.3\.1/);
  await api.dispose();
});
