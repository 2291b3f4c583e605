import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { Workbench } from '../pages/workbench.page.ts';

const DEV_PORT = 18181;
const creditDist = fileURLToPath(new URL('../../mf-credit/dist/', import.meta.url));
let server: Server;

/** A developer's local dev server for mf-credit (its built files, CORS open like rsbuild dev). */
test.beforeAll(async () => {
  server = createServer(async (req, res) => {
    const path = normalize(
      join(creditDist, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)),
    );
    res.setHeader('access-control-allow-origin', '*');
    if (!path.startsWith(creditDist)) return void res.writeHead(403).end();
    try {
      const body = await readFile(path);
      const type = extname(path) === '.json' ? 'application/json' : 'text/javascript';
      res.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(DEV_PORT, '127.0.0.1', r));
});
test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function grant(page: Page, minutes = 10): Promise<string> {
  const api = page.request;
  const csrf = (await page.context().cookies()).find((c) => c.name === 'zy_csrf')!.value;
  const res = await api.post('/api/platform/dev-overrides', {
    headers: { 'x-csrf-token': csrf },
    data: { app: 'mf-credit', manifestUrl: `http://localhost:${DEV_PORT}/mf-manifest.json`, minutes },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).token;
}

test('a developer points mf-credit at a local build: a banner shows, only they get it', async ({
  browser,
}) => {
  const devContext = await browser.newContext();
  const dev = await devContext.newPage();
  const fromDevServer: string[] = [];
  dev.on(
    'request',
    (r) => r.url().startsWith(`http://localhost:${DEV_PORT}/`) && fromDevServer.push(r.url()),
  );
  const wb = new Workbench(dev);
  await wb.login('dev1');
  const token = await grant(dev);

  await test.step('When the developer opens the override link, the banner says so and the app loads locally', async () => {
    await dev.goto(`/?zyDevOverride=${encodeURIComponent(token)}`);
    await expect(dev.getByTestId('dev-override-banner')).toContainText('mf-credit');
    expect(dev.url()).not.toContain('zyDevOverride');
    await wb.open('/credit');
    await expect(dev.locator('#zy-app-mf-credit')).not.toBeEmpty();
    expect(fromDevServer.some((u) => u.endsWith('/mf-manifest.json'))).toBe(true);
  });
  await devContext.close();

  await test.step('Then the same link does nothing for a user without the permission', async () => {
    const other = await browser.newContext();
    const page = await other.newPage();
    const seen: string[] = [];
    page.on('request', (r) => r.url().startsWith(`http://localhost:${DEV_PORT}/`) && seen.push(r.url()));
    await new Workbench(page).login('am1');
    await page.goto(`/?zyDevOverride=${encodeURIComponent(token)}`);
    await expect(page.getByTestId('header-user')).toBeVisible();
    await expect(page.getByTestId('dev-override-banner')).toHaveCount(0);
    expect(seen).toEqual([]);
    await other.close();
  });
});

test('an override cannot point off this machine', async ({ page }) => {
  await new Workbench(page).login('dev1');
  const csrf = (await page.context().cookies()).find((c) => c.name === 'zy_csrf')!.value;
  const res = await page.request.post('/api/platform/dev-overrides', {
    headers: { 'x-csrf-token': csrf },
    data: { app: 'mf-credit', manifestUrl: 'https://cdn.example.com/mf-manifest.json' },
  });
  expect(res.status()).toBe(400);
});
