import { randomBytes } from 'node:crypto';
import { authApi, authenticateCall, CSRF_COOKIE, fieldErrors, type Principal } from '@zhanye/contracts';
import { type Bus, callService, InputError, type Logger, systemPrincipal } from '@zhanye/kit';
import { type CookieOptions, type Request, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { GatewayConfig } from './config.ts';
import { SESSION_COOKIE, type Sessions } from './session.ts';

const gateway = systemPrincipal('gateway');

/** Login and logout: the only routes the gateway answers itself. */
export function authRoutes(cfg: GatewayConfig, bus: Bus, sessions: Sessions) {
  const router = Router();
  const secure = cfg.ZY_SECURE_COOKIES === '1';
  const sessionCookie: CookieOptions = {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: sessions.maxAgeMs,
  };
  const csrfCookie: CookieOptions = {
    httpOnly: false,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: sessions.maxAgeMs,
  };

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 30,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req: Request) =>
      `${ipKeyGenerator(req.ip ?? '')}:${String((req.body as { username?: unknown })?.username ?? '')}`,
    handler: (_req, res) =>
      res.status(429).json({ error: { code: 'RATE_LIMITED', message: 'too many attempts, wait a minute' } }),
  });

  router.post(authApi.login.path, limiter, async (req, res) => {
    const parsed = authApi.login.input.safeParse(req.body ?? {});
    if (!parsed.success) throw new InputError('invalid input', fieldErrors(parsed.error));
    const { principal } = await callService(bus, authenticateCall, parsed.data, gateway, 'gateway');
    res.cookie(SESSION_COOKIE, await sessions.issue(principal), sessionCookie);
    res.cookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), csrfCookie);
    (res.locals.log as Logger | undefined)?.info({ audit: 'login', userId: principal.userId }, 'signed in');
    res.json(authApi.login.output.parse({ user: principal }));
  });

  router.post(authApi.logout.path, (_req, res) => {
    const p = res.locals.principal as Principal | undefined;
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(CSRF_COOKIE, { path: '/' });
    (res.locals.log as Logger | undefined)?.info({ audit: 'logout', userId: p?.userId }, 'signed out');
    res.json({ ok: true });
  });
  return router;
}
