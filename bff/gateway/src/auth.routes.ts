import { randomBytes } from 'node:crypto';
import {
  authApi,
  authenticateCall,
  type ClientInfo,
  endSessionCall,
  fieldErrors,
  mfaSetupCall,
  mfaVerifyCall,
  passwordStepCall,
  refreshSessionCall,
  type SessionEvent,
  type SignInResult,
} from '@zhanye/contracts';
import {
  type Bus,
  callService,
  InputError,
  type Logger,
  recordAudit,
  toAppError,
  UnauthenticatedError,
} from '@zhanye/kit';
import { type Request, type Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { z } from 'zod';
import type { Access } from './access-token.ts';
import type { GatewayConfig } from './config.ts';
import type { NoticeHub } from './notices.ts';
import { type GatewaySessions, gatewayCaller } from './sessions.ts';

/** Who is asking, recorded with the session and in the audit log. */
const clientOf = (req: Request, res: Response): ClientInfo => ({
  ip: (req.ip ?? '').slice(0, 64) || null,
  userAgent: req.headers['user-agent']?.slice(0, 255) ?? null,
  requestId: String(res.locals.requestId ?? '').slice(0, 64),
});

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new InputError('invalid input', fieldErrors(parsed.error));
  return parsed.data;
}

/**
 * `/api/auth/*`, answered by the gateway: the sign-in steps (the platform decides, the gateway
 * sets cookies), refresh, logout, and the session's event stream.
 */
export function authRoutes(cfg: GatewayConfig, bus: Bus, sessions: GatewaySessions, notices: NoticeHub) {
  const router = Router();
  const { cookies } = sessions;

  const limited = (res: Response, claimed: unknown) => {
    recordAudit(bus, res.locals.log as Logger, {
      userId: null,
      username: typeof claimed === 'string' ? claimed.slice(0, 64) : null,
      bankId: null,
      orgId: null,
      orgPath: null,
      action: 'auth.login',
      target: null,
      result: 'RATE_LIMITED',
      status: 429,
      requestId: String(res.locals.requestId ?? ''),
      service: 'gateway',
    });
    res.status(429).json({ error: { code: 'RATE_LIMITED', message: 'too many attempts, wait a minute' } });
  };
  const limiter = (key: (req: Request) => string) =>
    rateLimit({
      windowMs: 60_000,
      limit: 30,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req: Request) => `${ipKeyGenerator(req.ip ?? '')}:${key(req)}`,
      handler: (req, res) => limited(res, (req.body as { username?: unknown } | undefined)?.username),
    });
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
  // per account and per unfinished sign-in; failures also lock the account (platform)
  const loginLimit = limiter((req) => String(body(req).username ?? ''));
  const stepLimit = limiter((req) => String(body(req).ticket ?? '').slice(0, 16));

  /** A finished sign-in sets the cookies; an unfinished one names the next step. */
  const finish = async (res: Response, r: SignInResult) => {
    if (r.status !== 'ok') return res.json(r);
    await sessions.issue(res, r.session);
    cookies.setSession(res, r.session, randomBytes(24).toString('base64url'));
    (res.locals.log as Logger | undefined)?.info(
      { audit: 'login', userId: r.session.principal.userId },
      'signed in',
    );
    return res.json({
      status: 'ok',
      user: r.session.principal,
      ...(r.recoveryCodes ? { recoveryCodes: r.recoveryCodes } : {}),
    });
  };

  router.post(authApi.login.path, loginLimit, async (req, res) => {
    const input = parse(authApi.login.input, req.body);
    const r = await callService(
      bus,
      authenticateCall,
      { ...input, client: clientOf(req, res) },
      gatewayCaller,
      'gateway',
    );
    await finish(res, r);
  });

  router.post(authApi.mfa.path, stepLimit, async (req, res) => {
    const input = parse(authApi.mfa.input, req.body);
    const r = await callService(
      bus,
      mfaVerifyCall,
      { ...input, client: clientOf(req, res) },
      gatewayCaller,
      'gateway',
    );
    await finish(res, r);
  });

  router.post(authApi.mfaSetup.path, stepLimit, async (req, res) => {
    const input = parse(authApi.mfaSetup.input, req.body);
    res.json(await callService(bus, mfaSetupCall, input, gatewayCaller, 'gateway'));
  });

  router.post(authApi.password.path, stepLimit, async (req, res) => {
    const input = parse(authApi.password.input, req.body);
    const r = await callService(
      bus,
      passwordStepCall,
      { ...input, client: clientOf(req, res) },
      gatewayCaller,
      'gateway',
    );
    await finish(res, r);
  });

  router.post(authApi.refresh.path, async (req, res) => {
    const refreshToken = req.cookies?.[cookies.refresh] as string | undefined;
    try {
      if (!refreshToken || refreshToken.length > 300)
        throw new UnauthenticatedError('session expired, sign in again');
      const { session } = await callService(
        bus,
        refreshSessionCall,
        { refreshToken, client: clientOf(req, res) },
        gatewayCaller,
        'gateway',
      );
      await sessions.issue(res, session);
      cookies.setSession(res, session);
      res.json({ user: session.principal });
    } catch (e) {
      if (toAppError(e).code === 'UNAUTHENTICATED') cookies.clear(res);
      throw e;
    }
  });

  router.post(authApi.logout.path, async (req, res) => {
    const access = res.locals.access as Access | undefined;
    const refreshToken = req.cookies?.[cookies.refresh] as string | undefined;
    // the access token names the session; if it has expired, the refresh token still proves it
    // (a bare session id from a cookie would let anyone end anyone's session)
    const named = access
      ? { sessionId: access.sessionId }
      : refreshToken && refreshToken.length <= 300
        ? { refreshToken }
        : null;
    if (named) {
      await callService(
        bus,
        endSessionCall,
        { ...named, reason: 'logout', client: clientOf(req, res) },
        gatewayCaller,
        'gateway',
      );
      if (access) (await sessions.watch).markEnded(access.sessionId, 'logout');
    }
    cookies.clear(res);
    (res.locals.log as Logger | undefined)?.info(
      { audit: 'logout', userId: access?.principal.userId },
      'signed out',
    );
    res.json({ ok: true });
  });

  /**
   * Server-sent events for the signed-in browser: `access` (reload what I may do), `ended`, and the
   * `notice`s services push to this principal (contracts `push.ts`).
   */
  router.get('/events', async (req, res) => {
    const access = res.locals.access as Access | undefined;
    if (!access) throw new UnauthenticatedError();
    const watch = await sessions.watch;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write('retry: 5000\n\n');
    const send = (e: SessionEvent) => res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    const stop = () => {
      off();
      offNotices();
      clearInterval(beat);
    };
    const offNotices = notices.follow(access.principal, (notice) => send({ type: 'notice', notice }));
    const off = watch.on((e) => {
      if (e.kind === 'ended' && e.sessionId === access.sessionId) {
        send({ type: 'ended', reason: e.reason });
        stop();
        res.end();
      } else if (e.kind === 'access' && watch.concerns(e.key, access.principal)) {
        send({ type: 'access' });
      }
    });
    const beat = setInterval(() => res.write(': keep-alive\n\n'), cfg.ZY_EVENTS_HEARTBEAT_S * 1000);
    req.on('close', stop);
    // ended before the stream opened (a race with the check above)
    const reason = watch.endReason(access.sessionId);
    if (reason) {
      send({ type: 'ended', reason });
      stop();
      res.end();
    }
  });
  return router;
}
