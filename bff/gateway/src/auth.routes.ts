import { randomBytes } from 'node:crypto';
import {
  authApi,
  authenticateCall,
  CSRF_COOKIE,
  cookieName,
  fieldErrors,
  type Principal,
} from '@zhanye/contracts';
import {
  auditActor,
  type Bus,
  callService,
  InputError,
  type Logger,
  recordAudit,
  systemPrincipal,
  toAppError,
} from '@zhanye/kit';
import { type CookieOptions, type Request, type Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { GatewayConfig } from './config.ts';
import type { Revocations } from './revocations.ts';
import { SESSION_COOKIE, type Sessions } from './session.ts';

const gateway = systemPrincipal('gateway');

/** Login and logout: the only routes the gateway answers itself. */
export function authRoutes(
  cfg: GatewayConfig,
  bus: Bus,
  sessions: Sessions,
  revocations: Promise<Revocations>,
) {
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

  /** Login and logout events go to the audit log like every mutation (fire-and-forget). */
  const audit = (
    res: Response,
    action: 'auth.login' | 'auth.logout',
    who: Principal | undefined,
    claimed: unknown,
    result: string,
    status: number,
  ) => {
    const log = res.locals.log as Logger; // set for every request by the gateway
    const username = who?.username ?? (typeof claimed === 'string' ? claimed.slice(0, 64) : null);
    recordAudit(bus, log, {
      ...auditActor(who),
      username,
      action,
      target: null,
      result,
      status,
      requestId: String(res.locals.requestId ?? ''),
      service: 'gateway',
    });
  };
  const claimedName = (req: Request) => (req.body as { username?: unknown } | undefined)?.username;

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 30,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req: Request) =>
      `${ipKeyGenerator(req.ip ?? '')}:${String((req.body as { username?: unknown })?.username ?? '')}`,
    handler: (req, res) => {
      audit(res, 'auth.login', undefined, claimedName(req), 'RATE_LIMITED', 429);
      res.status(429).json({ error: { code: 'RATE_LIMITED', message: 'too many attempts, wait a minute' } });
    },
  });

  router.post(authApi.login.path, limiter, async (req, res) => {
    let principal: Principal;
    try {
      const parsed = authApi.login.input.safeParse(req.body ?? {});
      if (!parsed.success) throw new InputError('invalid input', fieldErrors(parsed.error));
      ({ principal } = await callService(bus, authenticateCall, parsed.data, gateway, 'gateway'));
    } catch (e) {
      const err = toAppError(e);
      audit(res, 'auth.login', undefined, claimedName(req), err.code, err.status);
      throw e;
    }
    audit(res, 'auth.login', principal, undefined, 'ok', 200);
    res.cookie(cookieName(SESSION_COOKIE, secure), await sessions.issue(principal), sessionCookie);
    res.cookie(cookieName(CSRF_COOKIE, secure), randomBytes(24).toString('base64url'), csrfCookie);
    (res.locals.log as Logger | undefined)?.info({ audit: 'login', userId: principal.userId }, 'signed in');
    res.json(authApi.login.output.parse({ user: principal }));
  });

  router.post(authApi.logout.path, async (_req, res) => {
    const p = res.locals.principal as Principal | undefined;
    // the cookie may have been copied: end the session itself, on every gateway copy
    const sessionId = res.locals.sessionId as string | undefined;
    if (sessionId) await (await revocations).end(sessionId);
    res.clearCookie(cookieName(SESSION_COOKIE, secure), { path: '/', secure });
    res.clearCookie(cookieName(CSRF_COOKIE, secure), { path: '/', secure });
    (res.locals.log as Logger | undefined)?.info({ audit: 'logout', userId: p?.userId }, 'signed out');
    audit(res, 'auth.logout', p, undefined, 'ok', 200);
    res.json({ ok: true });
  });
  return router;
}
