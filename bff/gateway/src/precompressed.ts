import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/**
 * The files the build precompresses (`@zhanye/app-kit/precompress` writes `.br` and `.gz` beside
 * them); every response for one of them varies with Accept-Encoding, whichever encoding it has.
 */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|txt|map)$/;
/** Brotli first when both are acceptable: a third smaller than gzip for this JavaScript. */
const ENCODINGS = [
  { encoding: 'br', ext: '.br' },
  { encoding: 'gzip', ext: '.gz' },
] as const;

/** Sets Cache-Control for a file (by its path as requested, never the sibling's). */
export type CachePolicy = (res: Response, path: string) => void;

export const isCompressible = (path: string) => COMPRESSIBLE.test(path);

/**
 * The file under `root` a URL path names (absolute, and relative to `root`), or null when the path
 * is malformed, leaves `root` or names anything hidden below it.
 */
function fileUnder(root: string, urlPath: string): { file: string; relative: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').some((seg) => seg.startsWith('.'))) return null;
  const file = resolve(root, `.${decoded}`);
  return file.startsWith(root + sep) ? { file, relative: file.slice(root.length + 1) } : null;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Sends `<file>.br` or `<file>.gz` when the client accepts that encoding and the sibling exists:
 * the file's own Content-Type, `Content-Encoding`, the sibling's length and `Vary: Accept-Encoding`.
 * Resolves false (nothing sent) when there is nothing to negotiate, so the caller serves the file as is.
 */
export async function sendPrecompressed(
  req: Request,
  res: Response,
  root: string,
  urlPath: string,
  cache: CachePolicy,
): Promise<boolean> {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !isCompressible(urlPath)) return false;
  res.vary('Accept-Encoding');
  const dir = resolve(root);
  const found = fileUnder(dir, urlPath);
  if (!found) return false;
  const { file, relative } = found;
  for (const { encoding, ext } of ENCODINGS) {
    // accepted with q > 0, itself or through `*`
    if (req.acceptsEncodings(encoding) !== encoding) continue;
    if (!(await isFile(file + ext)) || !(await isFile(file))) continue;
    res.type(extname(file));
    res.setHeader('Content-Encoding', encoding);
    cache(res, urlPath);
    const sent = await new Promise<boolean>((done) =>
      // relative to `root`: the dotfile rule applies below it only (the store may be `.store/apps`)
      res.sendFile(
        relative + ext,
        { root: dir, cacheControl: false, acceptRanges: false, dotfiles: 'deny' },
        (err) => done(!err || res.headersSent),
      ),
    );
    if (sent) return true;
    res.removeHeader('Content-Encoding');
    res.removeHeader('Content-Type');
  }
  return false;
}

/** Middleware in front of `express.static(root)`: the precompressed sibling when there is one. */
export function precompressed(root: string, cache: CachePolicy) {
  return (req: Request, res: Response, next: NextFunction) => {
    sendPrecompressed(req, res, root, req.path, cache).then((sent) => (sent ? undefined : next()), next);
  };
}
