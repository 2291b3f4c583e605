import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompressDir } from '@zhanye/app-kit/precompress';
import { afterAll, describe, expect, it } from 'vitest';
import { describeBuild, integrityOf, readApp, stage } from './artifact.ts';

const root = mkdtempSync(join(tmpdir(), 'zy-artifact-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const code = (label: string) => `/* ${label} */\n${'export const answer = () => 42;\n'.repeat(200)}`;

/** An app folder with a built `dist/` (no siblings unless `precompress`). */
function app(name: string, opts: { precompress?: boolean } = {}) {
  const dir = join(root, name);
  const put = (path: string, body: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  };
  put(
    'package.json',
    JSON.stringify({ name, version: '1.0.0', zhanye: { scope: name.replace(/-/g, '_'), route: `/${name}` } }),
  );
  put('dist/mf-manifest.json', JSON.stringify({ shared: [{ name: 'zod', requiredVersion: '^4.6.7' }] }));
  put('dist/remoteEntry.js', code('entry'));
  put('dist/static/js/async/1.abcdef01.js', code('chunk'));
  if (opts.precompress) precompressDir(join(dir, 'dist'));
  return readApp(dir);
}

describe('release artifacts', () => {
  it('records integrity of the build files only, the same with or without the precompressed siblings', () => {
    const plain = describeBuild(app('mf-plain'));
    const packed = describeBuild(app('mf-packed', { precompress: true }));
    expect(existsSync(join(root, 'mf-packed/dist/remoteEntry.js.br'))).toBe(true);
    expect(Object.keys(packed.integrity)).toEqual([
      'mf-manifest.json',
      'remoteEntry.js',
      'static/js/async/1.abcdef01.js',
    ]);
    expect(packed.integrity).toEqual(plain.integrity);
  });

  it('stages a version with brotli and gzip siblings that decode to each file', () => {
    const pkg = app('mf-staged');
    const store = join(root, 'store');
    const build = describeBuild(pkg);
    const staged = stage(store, build, join(pkg.dir, 'dist'));
    expect(staged.state).toBe('new');
    staged.place();
    for (const file of ['remoteEntry.js', 'static/js/async/1.abcdef01.js']) {
      const body = readFileSync(join(staged.target, file));
      expect(brotliDecompressSync(readFileSync(join(staged.target, `${file}.br`)))).toEqual(body);
      expect(gunzipSync(readFileSync(join(staged.target, `${file}.gz`)))).toEqual(body);
    }
    // the registry's record of the store folder is the build's
    expect(integrityOf(staged.target)).toEqual(build.integrity);
  });

  it('finds a version it staged before the same, and repairs a sibling that does not decode to its file', () => {
    const pkg = app('mf-repair', { precompress: true });
    const store = join(root, 'store');
    const build = describeBuild(pkg);
    stage(store, build, join(pkg.dir, 'dist')).place();
    const target = join(store, 'mf-repair', '1.0.0');
    writeFileSync(join(target, 'remoteEntry.js.br'), 'garbage');
    rmSync(join(target, 'static/js/async/1.abcdef01.js.gz'));
    expect(stage(store, build, join(pkg.dir, 'dist')).state).toBe('same');
    expect(brotliDecompressSync(readFileSync(join(target, 'remoteEntry.js.br')))).toEqual(
      readFileSync(join(target, 'remoteEntry.js')),
    );
    expect(existsSync(join(target, 'static/js/async/1.abcdef01.js.gz'))).toBe(true);
  });

  it('still refuses other files under a released version', () => {
    const pkg = app('mf-immutable');
    const store = join(root, 'store');
    stage(store, describeBuild(pkg), join(pkg.dir, 'dist')).place();
    writeFileSync(join(pkg.dir, 'dist/remoteEntry.js'), code('changed'));
    expect(() => stage(store, describeBuild(pkg), join(pkg.dir, 'dist'))).toThrow(/never changes/);
  });
});
