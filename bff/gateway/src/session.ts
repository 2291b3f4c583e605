import { randomUUID } from 'node:crypto';
import { Principal } from '@zhanye/contracts';
import { TokenCache } from '@zhanye/kit';
import { jwtVerify, SignJWT } from 'jose';

export const SESSION_COOKIE = 'zy_session';

export interface Session {
  /** Random id of this sign-in; logout ends it everywhere (see `Revocations`). */
  id: string;
  principal: Principal;
}

/** The session cookie: a signed JWT holding the principal the platform returned at login. */
export class Sessions {
  private readonly key: Uint8Array;
  private readonly verified = new TokenCache<Session>();
  constructor(
    secret: string,
    private readonly hours: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  issue(principal: Principal): Promise<string> {
    return new SignJWT({ p: principal, sid: randomUUID() })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('zhanye-gateway')
      .setAudience('zhanye-session')
      .setSubject(principal.userId)
      .setIssuedAt()
      .setExpirationTime(`${this.hours}h`)
      .sign(this.key);
  }

  async read(token: string | undefined): Promise<Session | null> {
    if (!token) return null;
    const cached = this.verified.get(token);
    if (cached) return cached;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'zhanye-gateway',
        audience: 'zhanye-session',
        algorithms: ['HS256'],
      });
      if (typeof payload.sid !== 'string') return null;
      const session = { id: payload.sid, principal: Principal.parse(payload.p) };
      this.verified.set(token, session, (payload.exp ?? 0) * 1000);
      return session;
    } catch {
      return null;
    }
  }

  get maxAgeMs() {
    return this.hours * 3600_000;
  }
}
