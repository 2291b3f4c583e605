import { Principal } from '@zhanye/contracts';
import { TokenCache } from '@zhanye/kit';
import { jwtVerify, SignJWT } from 'jose';

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

  async read(token: string | undefined): Promise<Access | null> {
    if (!token) return null;
    const cached = this.verified.get(token);
    if (cached) return cached;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'zhanye-gateway',
        audience: 'zhanye-access',
        algorithms: ['HS256'],
      });
      if (typeof payload.sid !== 'string' || typeof payload.ver !== 'number') return null;
      const access: Access = {
        sessionId: payload.sid,
        principal: Principal.parse(payload.p),
        version: payload.ver,
        exp: (payload.exp ?? 0) * 1000,
      };
      this.verified.set(token, access, access.exp);
      return access;
    } catch {
      return null;
    }
  }
}
