import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CSRF_COOKIE, cookieName } from '@zhanye/contracts';
import express, { Router } from 'express';
import type { GatewayConfig } from './config.ts';
import { type CachePolicy, isCompressible, precompressed, sendPrecompressed } from './precompressed.ts';

const noCache = (res: express.Response) => res.setHeader('Cache-Control', 'no-cache');
const immutable = (res: express.Response) =>
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');

/** Released apps: entry files revalidate, everything else in a version folder never changes. */
const appCache: CachePolicy = (res, path) =>
  /(mf-manifest\.json|remoteEntry\.js|mf-stats\.json)$/.test(path) ? noCache(res) : immutable(res);
/** The shell: hashed files under `static/` never change; pages and manifests revalidate. */
const shellCache: CachePolicy = (res, path) =>
  !path.endsWith('.html') && /\/static\//.test(path) ? immutable(res) : noCache(res);

/**
 * The shell's pages and assets, and every released app version from the static store. Text files
 * go out precompressed (`.br`/`.gz` written beside them by the build and the release step) to
 * clients that accept it, as is to the others.
 */
export function staticRoutes(cfg: GatewayConfig) {
  const router = Router();
  const vary = (res: express.Response, path: string) => {
    if (isCompressible(path)) res.vary('Accept-Encoding');
  };
  router.use(
    '/apps',
    precompressed(cfg.APP_STORE, appCache),
    express.static(cfg.APP_STORE, {
      index: false,
      fallthrough: false,
      setHeaders: (res, path) => {
        vary(res, path);
        appCache(res, path);
      },
    }),
  );
  router.use(
    precompressed(cfg.SHELL_DIST, shellCache),
    express.static(cfg.SHELL_DIST, {
      index: false,
      setHeaders: (res, path) => {
        vary(res, path);
        shellCache(res, path);
      },
    }),
  );
  const page = (file: string) => async (req: express.Request, res: express.Response) => {
    const path = join(cfg.SHELL_DIST, file);
    if (!existsSync(path))
      return res.status(503).type('text/plain').send('shell not built: run `pnpm build`');
    if (await sendPrecompressed(req, res, cfg.SHELL_DIST, `/${file}`, noCache)) return;
    noCache(res);
    res.sendFile(path);
  };
  router.get('/login', page('login.html'));
  // Without the session's readable CSRF cookie (set at sign-in for the session's life, cleared at
  // sign-out) nobody is signed in: straight to the login page, before the workbench and its calls.
  const csrf = new RegExp(`(?:^|;)\\s*${cookieName(CSRF_COOKIE, cfg.ZY_SECURE_COOKIES === '1')}=[^;]`);
  const toLogin = (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (csrf.test(req.headers.cookie ?? '')) return next();
    noCache(res);
    res.redirect(
      302,
      req.originalUrl === '/' ? '/login' : `/login?next=${encodeURIComponent(req.originalUrl)}`,
    );
  };
  // Every other page is the workbench; single-spa routes inside it.
  router.get('/{*any}', toLogin, page('index.html'));
  return router;
}
