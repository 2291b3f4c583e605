import { type IssuedSession, sessionPrincipalCall } from '@zhanye/contracts';
import { type Bus, callService, systemPrincipal, TokenCache, toAppError } from '@zhanye/kit';
import type { Response } from 'express';
import { type Access, AccessTokens } from './access-token.ts';
import type { GatewayConfig } from './config.ts';
import { SessionCookies } from './cookies.ts';
import type { SessionWatch } from './session-watch.ts';

export const gatewayCaller = systemPrincipal('gateway');

interface Renewed {
  access: Access;
  token: string;
}

/**
 * The gateway's view of a request's session: the access token from its cookie, refused once the
 * session ended, and re-read from the platform (then re-issued in the same response) when an
 * access epoch that applies to its user is at or after the token's version.
 */
export class GatewaySessions {
  readonly tokens: AccessTokens;
  readonly cookies: SessionCookies;
  /** One platform call per session however many requests arrive stale at once. */
  private readonly inFlight = new Map<string, Promise<Renewed | null>>();
  /** Requests that still carry the old token (sent before the browser stored the new one) reuse the answer. */
  private readonly renewed = new TokenCache<Renewed>(5000);

  constructor(
    cfg: GatewayConfig,
    private readonly bus: Bus,
    readonly watch: Promise<SessionWatch>,
  ) {
    this.tokens = new AccessTokens(cfg.ZY_SESSION_SECRET, cfg.ZY_ACCESS_TTL_S * 1000);
    this.cookies = new SessionCookies(cfg.ZY_SECURE_COOKIES === '1');
  }

  /** Signs an access token for a session the platform handed over, and sets its cookie. */
  async issue(res: Response, s: IssuedSession): Promise<Access> {
    const access: Access = {
      sessionId: s.sessionId,
      principal: s.principal,
      version: s.version,
      exp: this.tokens.expiryFor(s),
    };
    this.cookies.setAccess(res, await this.tokens.issue(access), access.exp);
    return access;
  }

  /** The live access of this request, or null (no cookie, bad or expired token, ended session). */
  async current(cookie: string | undefined, res: Response): Promise<Access | null> {
    const access = await this.tokens.read(cookie);
    if (!access) return null;
    const watch = await this.watch;
    if (watch.endReason(access.sessionId)) return null;
    const epoch = watch.epochOf(access.principal);
    if (epoch < access.version) return access;
    // what this user may do changed after the token was issued
    const known = this.renewed.get(access.sessionId);
    if (known && known.access.version > epoch) {
      this.cookies.setAccess(res, known.token, known.access.exp);
      return known.access;
    }
    let pending = this.inFlight.get(access.sessionId);
    if (!pending) {
      pending = this.renew(access.sessionId).finally(() => this.inFlight.delete(access.sessionId));
      this.inFlight.set(access.sessionId, pending);
    }
    const r = await pending;
    if (!r) return null;
    this.cookies.setAccess(res, r.token, r.access.exp);
    return r.access;
  }

  private async renew(sessionId: string): Promise<Renewed | null> {
    try {
      const { session: s } = await callService(
        this.bus,
        sessionPrincipalCall,
        { sessionId },
        gatewayCaller,
        'gateway',
      );
      const access: Access = {
        sessionId,
        principal: s.principal,
        version: s.version,
        exp: this.tokens.expiryFor(s),
      };
      const r = { access, token: await this.tokens.issue(access) };
      this.renewed.set(sessionId, r, access.exp);
      return r;
    } catch (e) {
      // the session is over: the request goes on unauthenticated; anything else (platform down)
      // fails the request rather than letting a possibly revoked principal through
      if (toAppError(e).code === 'UNAUTHENTICATED') return null;
      throw e;
    }
  }
}
