import { expect, test } from '@playwright/test';
import { Workbench } from '../pages/workbench.page.ts';
import { libraryCounts, recordJs } from '../support/js-inventory.ts';

test('react, react-dom and antd are fetched once across a visit to all four apps', async ({ page }) => {
  const js = recordJs(page);
  const wb = new Workbench(page);
  await wb.login('admin');
  for (const route of ['/customer', '/marketing', '/credit', '/risk']) {
    await test.step(`When the admin opens ${route}`, async () => {
      await wb.open(route);
      await expect(page.locator('[id^="zy-app-"]:not(:empty)')).toHaveCount(1);
    });
  }
  const files = await js.files();
  expect(libraryCounts(files)).toEqual({ react: 1, 'react-dom/client': 1, 'react/jsx-runtime': 1, antd: 1 });
  // and none of them came from an app's own folder
  expect(files.filter((f) => f.url.includes('/apps/') && f.libraries.length)).toEqual([]);
});
