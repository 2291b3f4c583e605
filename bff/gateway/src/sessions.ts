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
  /** The access tokens this copy issued (at sign-in, refresh or after a re-read), until they expire. */
  private readonly confirmed = new TokenCache<true>(100_000);

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
    const token = await this.tokens.issue(access);
    this.confirmed.set(token, true, access.exp);
    this.cookies.setAccess(res, token, access.exp);
    return access;
  }

  /**
   * The live access of this request; null without one (no cookie, an expired token, an ended
   * session); `'invalid'` for a token no real session would carry (bad signature, malformed, or a
   * session the platform does not know: forged with the key).
   */
  async current(cookie: string | undefined, res: Response): Promise<Access | 'invalid' | null> {
    const access = await this.tokens.read(cookie);
    if (access === null || access === 'invalid') return access;
    const watch = await this.watch;
    if (watch.endReason(access.sessionId)) return null;
    const epoch = watch.epochOf(access.principal);
    // a token this copy did not issue is not believed: its session is confirmed with the platform
    // (once per session: the answer is re-issued and reused), so a token forged with the key, with
    // an invented session id or a principal its session does not have, never gets through
    if (epoch < access.version && cookie && this.confirmed.get(cookie)) return access;
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
    if (!r) return watch.endReason(access.sessionId) ? null : 'invalid';
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
      this.confirmed.set(r.token, true, access.exp);
      return r;
    } catch (e) {
      // the session is over: the request goes on unauthenticated; anything else (platform down)
      // fails the request rather than letting a possibly revoked principal through
      if (toAppError(e).code === 'UNAUTHENTICATED') return null;
      throw e;
    }
  }
}
