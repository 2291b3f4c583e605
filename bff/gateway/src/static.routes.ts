import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CSRF_COOKIE, cookieName } from '@zhanye/contracts';
import express, { Router } from 'express';
import type { GatewayConfig } from './config.ts';

const noCache = (res: express.Response) => res.setHeader('Cache-Control', 'no-cache');

/** The shell's pages and assets, and every released app version from the static store. */
export function staticRoutes(cfg: GatewayConfig) {
  const router = Router();
  // Released apps: entry files revalidate, hashed chunks never change.
  router.use(
    '/apps',
    express.static(cfg.APP_STORE, {
      index: false,
      fallthrough: false,
      setHeaders: (res, path) => {
        if (/(mf-manifest\.json|remoteEntry\.js|mf-stats\.json)$/.test(path)) noCache(res);
        else res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  router.use(
    express.static(cfg.SHELL_DIST, {
      index: false,
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) noCache(res);
        else if (/\/static\//.test(path))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else noCache(res);
      },
    }),
  );
  const page = (file: string) => (_req: express.Request, res: express.Response) => {
    const path = join(cfg.SHELL_DIST, file);
    if (!existsSync(path))
      return res.status(503).type('text/plain').send('shell not built: run `pnpm build`');
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
