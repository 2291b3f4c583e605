import { Principal } from '@zhanye/contracts';
import { TokenCache } from '@zhanye/kit';
import { jwtVerify, SignJWT } from 'jose';

/** How far apart the clocks of the platform and the gateway copies may be. */
const CLOCK_SKEW_MS = 30_000;

/** What an access token carries. */
export interface Access {
  sessionId: string;
  principal: Principal;
  /** Epoch ms the principal was read at (an access epoch at or after it makes it stale). */
  version: number;
  /** Expiry, epoch ms. */
  exp: number;
}

/**
 * The access token: an HS256 JWT the gateway signs, minutes long, holding the session id and the
 * principal, so a request needs no platform call. Verified tokens are cached until they expire.
 */
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly verified = new TokenCache<Access>();
  constructor(
    secret: string,
    private readonly ttlMs: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Expiry of a token issued now: its TTL, but never past the session's idle or absolute limit. */
  expiryFor(limits: { idleExpiresAt: string; absoluteExpiresAt: string }, now = Date.now()): number {
    return Math.min(now + this.ttlMs, Date.parse(limits.idleExpiresAt), Date.parse(limits.absoluteExpiresAt));
  }

  issue(a: Access): Promise<string> {
    return new SignJWT({ p: a.principal, sid: a.sessionId, ver: a.version })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('zhanye-gateway')
      .setAudience('zhanye-access')
      .setSubject(a.principal.userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(a.exp / 1000))
      .sign(this.key);
  }

  /**
   * The access a token carries: `null` without a token or once it expired (the browser refreshes),
   * `'invalid'` for anything else (a bad signature, a malformed token, a principal read in the
   * future), which is worth recording: nobody holding a real session sends one.
   */
  async read(token: string | undefined, now = Date.now()): Promise<Access | 'invalid' | null> {
    if (!token) return null;
    const cached = this.verified.get(token, now);
    if (cached) return cached;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'zhanye-gateway',
        audience: 'zhanye-access',
        algorithms: ['HS256'],
        currentDate: new Date(now),
      });
      if (typeof payload.sid !== 'string' || typeof payload.ver !== 'number') return 'invalid';
      // a principal read after the token was issued cannot be: it would skip every later re-read
      if (payload.ver > (payload.iat ?? 0) * 1000 + CLOCK_SKEW_MS || payload.ver > now + CLOCK_SKEW_MS) {
        return 'invalid';
      }
      const principal = Principal.safeParse(payload.p);
      if (!principal.success) return 'invalid';
      const access: Access = {
        sessionId: payload.sid,
        principal: principal.data,
        version: payload.ver,
        exp: (payload.exp ?? 0) * 1000,
      };
      this.verified.set(token, access, access.exp);
      return access;
    } catch (e) {
      return (e as { code?: string }).code === 'ERR_JWT_EXPIRED' ? null : 'invalid';
    }
  }
}
