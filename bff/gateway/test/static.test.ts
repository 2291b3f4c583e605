import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../../shell/app-kit/src/precompress.ts';
import { gatewayTestConfig, startTestGateway, type TestGateway } from './support.ts';

const root = mkdtempSync(join(tmpdir(), 'zy-static-'));
const shellDist = join(root, 'shell');
// as by default (`<repo>/.store/apps`): a hidden folder above the store is no hidden file in it
const store = join(root, '.store', 'apps');
const cfg = gatewayTestConfig({ SHELL_DIST: shellDist, APP_STORE: store });
let gw: TestGateway;

/** Text that compresses, and is above the 1 KB the build leaves uncompressed. */
const text = (label: string) => `/* ${label} */\n${'export const answer = () => 42;\n'.repeat(200)}`;
const files: Record<string, string> = {
  'shell/index.html': `<!doctype html><title>展业</title>${'<meta name="x" content="y">'.repeat(60)}`,
  'shell/login.html': `<!doctype html><title>登录</title>${'<meta name="x" content="y">'.repeat(60)}`,
  'shell/static/js/index.0123abcd.js': text('shell'),
  'shell/static/css/index.0123abcd.css': `${'.a{color:red}'.repeat(200)}`,
  'shell/favicon.png': 'not text'.repeat(300),
  '.store/apps/mf-x/1.0.0/remoteEntry.js': text('entry'),
  '.store/apps/mf-x/1.0.0/mf-manifest.json': JSON.stringify({ files: Array(200).fill('static/js/a.js') }),
  '.store/apps/mf-x/1.0.0/static/js/async/9.89abcdef.js': text('chunk'),
  '.store/apps/mf-x/1.0.0/static/js/tiny.js': 'export {};',
};

beforeAll(async () => {
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  precompressDir(shellDist);
  precompressDir(store);
  gw = await startTestGateway(cfg, 'gateway-static');
});
afterAll(async () => {
  await gw?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw GET (Node's fetch would decode the body and hide the encoding and length). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    // the path as given: a URL object would resolve `%2e%2e` before sending
    const { hostname, port } = new URL(gw.url);
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}
const original = (path: string) => readFileSync(join(root, path));
const CHROME = 'gzip, deflate, br, zstd';

describe('static files', () => {
  it('sends brotli to a browser that accepts it, with the type, length and Vary of the file', async () => {
    const res = await get('/static/js/index.0123abcd.js', { 'accept-encoding': CHROME });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(original('shell/static/js/index.0123abcd.js').length / 5);
    expect(brotliDecompressSync(res.body)).toEqual(original('shell/static/js/index.0123abcd.js'));
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends gzip when brotli is not accepted, and the file as is when neither is', async () => {
    const gz = await get('/static/css/index.0123abcd.css', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/^text\/css/);
    expect(gunzipSync(gz.body)).toEqual(original('shell/static/css/index.0123abcd.css'));
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get('/static/css/index.0123abcd.css', accept ? { 'accept-encoding': accept } : {});
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
      expect(plain.body).toEqual(original('shell/static/css/index.0123abcd.css'));
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('serves the pages compressed and never cached without revalidation', async () => {
    for (const [path, file] of [
      ['/login', 'shell/login.html'],
      ['/customer/42', 'shell/index.html'],
    ] as const) {
      // a signed-in browser (the workbench sends one without a session to the login page)
      const res = await get(path, { 'accept-encoding': CHROME, cookie: 'zy_csrf=signed-in' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(res.body)).toEqual(original(file));
    }
  });

  it('serves a released version: entry files revalidate, chunks are immutable, both compressed', async () => {
    const entry = await get('/apps/mf-x/1.0.0/remoteEntry.js', { 'accept-encoding': CHROME });
    expect(entry.headers['content-encoding']).toBe('br');
    expect(entry.headers['cache-control']).toBe('no-cache');
    const manifest = await get('/apps/mf-x/1.0.0/mf-manifest.json', { 'accept-encoding': 'gzip' });
    expect(manifest.headers['content-encoding']).toBe('gzip');
    expect(manifest.headers['content-type']).toMatch(/^application\/json/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    const chunk = await get('/apps/mf-x/1.0.0/static/js/async/9.89abcdef.js', { 'accept-encoding': CHROME });
    expect(chunk.headers['content-encoding']).toBe('br');
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(chunk.body)).toEqual(
      original('.store/apps/mf-x/1.0.0/static/js/async/9.89abcdef.js'),
    );
  });

  it('sends a file too small to compress, or of another type, as is', async () => {
    const tiny = await get('/apps/mf-x/1.0.0/static/js/tiny.js', { 'accept-encoding': CHROME });
    expect(tiny.status).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('export {};');
    const png = await get('/favicon.png', { 'accept-encoding': CHROME });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers.vary ?? '').not.toMatch(/Accept-Encoding/i);
  });

  it('answers HEAD and a revalidation like GET, per encoding', async () => {
    const path = '/static/js/index.0123abcd.js';
    const head = await get(path, { 'accept-encoding': CHROME }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    const first = await get(path, { 'accept-encoding': CHROME });
    const again = await get(path, { 'accept-encoding': CHROME, 'if-none-match': first.headers.etag! });
    expect(again.status).toBe(304);
    // the gzip and identity representations have other validators than the brotli one
    const gz = await get(path, { 'accept-encoding': 'gzip' });
    expect(gz.headers.etag).not.toBe(first.headers.etag);
  });

  it('puts no ETag on JSON answers (nothing revalidates them), and keeps one on pages and files', async () => {
    const json = await get('/healthz');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers.etag).toBeUndefined();
    expect((await get('/login', { 'accept-encoding': CHROME })).headers.etag).toBeDefined();
    expect((await get('/login')).headers.etag).toBeDefined();
  });

  it('never serves a sibling outside the folder or from a hidden one', async () => {
    writeFileSync(join(root, 'secret.js'), text('secret'));
    precompressDir(root);
    mkdirSync(join(store, 'mf-x', '.1.0.1.123.tmp'), { recursive: true });
    writeFileSync(join(store, 'mf-x', '.1.0.1.123.tmp', 'remoteEntry.js'), text('staging'));
    precompressDir(join(store, 'mf-x', '.1.0.1.123.tmp'));
    writeFileSync(join(store, '..', 'secret.js'), text('secret'));
    precompressDir(join(store, '..'));
    for (const path of [
      '/apps/..%2fsecret.js',
      '/apps/mf-x/..%2f..%2fsecret.js',
      '/apps/%2e%2e/secret.js',
      '/static/..%2f..%2fsecret.js',
      '/apps/mf-x/.1.0.1.123.tmp/remoteEntry.js',
    ]) {
      const res = await get(path, { 'accept-encoding': CHROME, cookie: 'zy_csrf=signed-in' });
      const body = (
        res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.body) : res.body
      ).toString();
      expect(body, path).not.toContain('secret');
      expect(body, path).not.toContain('staging');
    }
  });
});
