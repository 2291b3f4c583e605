import { gzipSync } from 'node:zlib';
import type { Page, Response } from '@playwright/test';

/** Libraries the shell provides as shared singletons, and how to recognise a chunk carrying one. */
const LIBRARIES: Record<string, (body: string, licenses: string) => boolean> = {
  react: (_b, l) => l.includes('react.production.js'),
  'react-dom/client': (b, l) =>
    l.includes('react-dom-client.production.js') || b.includes('__reactContainer$'),
  'react/jsx-runtime': (_b, l) => l.includes('react-jsx-runtime.production.js'),
  // antd's colour library is bundled inside antd and nowhere else
  antd: (b) => b.includes('@ant-design/fast-color'),
};

export interface JsFile {
  url: string;
  bytes: number;
  gzipBytes: number;
  libraries: string[];
}

/** Records every JavaScript file the page fetches, with its size and the shared libraries inside. */
export function recordJs(page: Page) {
  const pending: Promise<JsFile | null>[] = [];
  const onResponse = (res: Response) => {
    const type = res.headers()['content-type'] ?? '';
    if (!type.includes('javascript') || res.status() !== 200) return;
    pending.push(
      (async () => {
        const body = await res.body().catch(() => null);
        if (!body) return null;
        const text = body.toString('utf8');
        const licenseName = /^\/\*! LICENSE: (\S+) \*\//.exec(text)?.[1];
        let licenses = '';
        if (licenseName) {
          const url = new URL(licenseName, res.url()).toString();
          licenses = await page.request
            .get(url)
            .then((r) => r.text())
            .catch(() => '');
        }
        return {
          url: res.url(),
          bytes: body.length,
          gzipBytes: gzipSync(body).length,
          libraries: Object.entries(LIBRARIES)
            .filter(([, test]) => test(text, licenses))
            .map(([name]) => name),
        };
      })(),
    );
  };
  page.on('response', onResponse);
  return {
    async files(): Promise<JsFile[]> {
      return (await Promise.all(pending)).filter((f): f is JsFile => f !== null);
    },
    stop: () => page.off('response', onResponse),
  };
}

/** How many fetched files carry each shared library. */
export function libraryCounts(files: JsFile[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(Object.keys(LIBRARIES).map((k) => [k, 0]));
  for (const f of files) for (const lib of f.libraries) counts[lib] = (counts[lib] ?? 0) + 1;
  return counts;
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
