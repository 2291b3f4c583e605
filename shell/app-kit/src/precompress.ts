/**
 * Precompressed static files: beside each text file of a build, `<file>.br` (brotli) and
 * `<file>.gz` (gzip), which the gateway serves by content negotiation. Written by the build
 * (`pluginPrecompress` in each rsbuild config) and checked again by the release step, which
 * writes what is missing or does not decode to its file. The registry's integrity hashes are of the
 * uncompressed files and never list these siblings (`isCompressedSibling`).
 *
 * Node only (rsbuild configs and scripts), never bundled into a page.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import type { RsbuildPlugin } from '@rsbuild/core';

/** Files worth compressing: the text a browser fetches. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|txt|map)$/;
/** Below this a response fits one packet either way. */
const MIN_BYTES = 1024;

export const ENCODINGS = [
  { encoding: 'br', ext: '.br' },
  { encoding: 'gzip', ext: '.gz' },
] as const;

/**
 * Brotli quality: 11 would save 1-2% over 10 and takes ~7 s per MB on this 2-core machine (31 s
 * for the shell and one app); 10 takes a third of that, 9 a quarter of 10 and gives 6% more
 * bytes. The 1.4 MB fallback copies of antd inside each app (fetched only when no shell provides
 * antd) get 9.
 */
const brotliQuality = (size: number) => (size > 1024 * 1024 ? 9 : 10);

const encoders = {
  br: (b: Buffer) =>
    brotliCompressSync(b, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: brotliQuality(b.length),
        [constants.BROTLI_PARAM_SIZE_HINT]: b.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  gzip: (b: Buffer) => gzipSync(b, { level: 9 }),
};
const decoders = { br: brotliDecompressSync, gzip: gunzipSync };

/** `a.js.br` next to `a.js` in the same listing: a sibling, not a file of the build. */
export function isCompressedSibling(file: string, files: ReadonlySet<string>): boolean {
  return ENCODINGS.some(({ ext }) => file.endsWith(ext) && files.has(file.slice(0, -ext.length)));
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface PrecompressResult {
  /** Siblings written (new, or replacing one that did not decode to its file). */
  written: number;
  /** Siblings already there and correct. */
  kept: number;
}

/**
 * Writes `.br` and `.gz` beside every compressible file of `dir` that has none, or whose sibling
 * does not decode to the file (a stale or damaged one is removed and written anew). A sibling that
 * would not be smaller than its file is not written.
 */
export function precompressDir(dir: string): PrecompressResult {
  const result: PrecompressResult = { written: 0, kept: 0 };
  const files = walk(dir);
  const all = new Set(files);
  for (const file of files) {
    if (!COMPRESSIBLE.test(file) || isCompressedSibling(file, all)) continue;
    const body = readFileSync(file);
    if (body.length < MIN_BYTES) continue;
    const digest = sha(body);
    for (const { encoding, ext } of ENCODINGS) {
      const target = file + ext;
      if (existsSync(target)) {
        try {
          if (sha(decoders[encoding](readFileSync(target))) === digest) {
            result.kept++;
            continue;
          }
        } catch {
          // does not decode: replaced below
        }
        rmSync(target);
      }
      const packed = encoders[encoding](body);
      if (packed.length >= body.length) continue;
      // written aside, then renamed: a folder being served never shows a half-written file
      const aside = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
      writeFileSync(aside, packed);
      renameSync(aside, target);
      result.written++;
    }
  }
  return result;
}

/** rsbuild plugin: precompresses every environment's output after a production build. */
export function pluginPrecompress(): RsbuildPlugin {
  return {
    name: 'zhanye:precompress',
    setup(api) {
      api.onAfterBuild(({ environments, isWatch }) => {
        if (isWatch) return;
        const dirs = new Set(Object.values(environments).map((e) => e.distPath));
        for (const dir of dirs) precompressDir(dir);
      });
    },
  };
}
