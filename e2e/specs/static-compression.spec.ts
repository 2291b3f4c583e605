import { expect, test } from '@playwright/test';
import { Workbench } from '../pages/workbench.page.ts';
import { recordJs } from '../support/js-inventory.ts';

test('every static file of the login page, the workbench and the four apps comes compressed and cacheable', async ({
  page,
}) => {
  const inventory = recordJs(page);
  const wb = new Workbench(page);
  await wb.login('admin');
  for (const route of ['/customer', '/marketing', '/credit', '/risk']) {
    await wb.open(route);
    await expect(page.locator('[id^="zy-app-"]:not(:empty)')).toHaveCount(1);
  }
  const files = (await inventory.statics()).filter((f) => /javascript|css|html|json/.test(f.type));
  expect(files.length).toBeGreaterThan(20);

  // Chromium accepts brotli: every file worth compressing (the build leaves those under 1 KB) is sent so
  const uncompressed = files.filter((f) => f.bytes >= 1024 && f.encoding !== 'br').map((f) => f.url);
  expect(uncompressed).toEqual([]);
  for (const f of files.filter((x) => x.encoding)) expect(f.wireBytes, f.url).toBeLessThan(f.bytes);

  // hashed and versioned files are cached for good; pages, manifests and entries revalidate
  const entry = /\/(mf-manifest\.json|remoteEntry\.js|mf-stats\.json)$/;
  for (const f of files) {
    const path = new URL(f.url).pathname;
    const page = f.type.startsWith('text/html');
    const expected = page || entry.test(path) ? 'no-cache' : 'public, max-age=31536000, immutable';
    expect(`${path} ${f.cacheControl}`).toBe(`${path} ${expected}`);
  }
});
