import { Principal } from '@zhanye/contracts';
import { jwtVerify, SignJWT } from 'jose';

export const SESSION_COOKIE = 'zy_session';

/** The session cookie: a signed JWT holding the principal the platform returned at login. */
export class Sessions {
  private readonly key: Uint8Array;
  constructor(
    secret: string,
    private readonly hours: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  issue(principal: Principal): Promise<string> {
    return new SignJWT({ p: principal })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('zhanye-gateway')
      .setAudience('zhanye-session')
      .setSubject(principal.userId)
      .setIssuedAt()
      .setExpirationTime(`${this.hours}h`)
      .sign(this.key);
  }

  async read(token: string | undefined): Promise<Principal | null> {
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'zhanye-gateway',
        audience: 'zhanye-session',
        algorithms: ['HS256'],
      });
      return Principal.parse(payload.p);
    } catch {
      return null;
    }
  }

  get maxAgeMs() {
    return this.hours * 3600_000;
  }
}
