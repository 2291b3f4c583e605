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

/** A static file the page fetched (not `/api`), as it came over the wire. */
export interface StaticFile {
  url: string;
  /** Content-Type. */
  type: string;
  /** Decoded size. */
  bytes: number;
  /** Body bytes as they came over the wire (compressed when the server compressed). */
  wireBytes: number;
  /** `br`, `gzip`, or '' when sent as is. */
  encoding: string;
  cacheControl: string;
}

/** A JavaScript file, with the shared libraries inside. */
export interface JsFile extends StaticFile {
  libraries: string[];
}

/**
 * Records every static file the page fetches (its decoded and on-the-wire sizes, encoding and
 * caching), and among them every JavaScript file with the shared libraries inside.
 */
export function recordJs(page: Page) {
  const pending: Promise<StaticFile & { libraries: string[] | null }>[] = [];
  const onResponse = (res: Response) => {
    const url = new URL(res.url());
    if (res.status() !== 200 || url.pathname.startsWith('/api/') || url.protocol === 'data:') return;
    pending.push(
      (async () => {
        const headers = res.headers();
        const type = headers['content-type'] ?? '';
        const [body, sizes] = await Promise.all([
          res.body().catch(() => Buffer.alloc(0)),
          res.request().sizes(),
        ]);
        const file = {
          url: res.url(),
          type,
          bytes: body.length,
          wireBytes: sizes.responseBodySize,
          encoding: headers['content-encoding'] ?? '',
          cacheControl: headers['cache-control'] ?? '',
        };
        if (!type.includes('javascript')) return { ...file, libraries: null };
        const text = body.toString('utf8');
        const licenseName = /^\/\*! LICENSE: (\S+) \*\//.exec(text)?.[1];
        let licenses = '';
        if (licenseName) {
          const licenseUrl = new URL(licenseName, res.url()).toString();
          licenses = await page.request
            .get(licenseUrl)
            .then((r) => r.text())
            .catch(() => '');
        }
        return {
          ...file,
          libraries: Object.entries(LIBRARIES)
            .filter(([, test]) => test(text, licenses))
            .map(([name]) => name),
        };
      })(),
    );
  };
  page.on('response', onResponse);
  const all = () => Promise.all(pending);
  return {
    /** JavaScript files, in the order their responses arrived. */
    async files(): Promise<JsFile[]> {
      return (await all()).filter((f) => f.libraries !== null) as JsFile[];
    },
    /** Every static file (JavaScript, CSS, HTML, manifests, ...), in the order they arrived. */
    async statics(): Promise<StaticFile[]> {
      return (await all()).map(({ libraries: _, ...f }) => f);
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
