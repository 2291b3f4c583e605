import { Principal } from '@zhanye/contracts';
import { jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from './errors.ts';
import { TokenCache } from './token-cache.ts';

const ISSUER = 'zhanye';

/**
 * Caller tokens: the gateway (or a service acting for a user) signs the principal for one
 * audience (the service called), valid for a minute. A service accepts nothing else as identity.
 */
export class CallerTokens {
  private readonly key: Uint8Array;
  private readonly signed = new TokenCache<Promise<string>>();
  private readonly verified = new TokenCache<Principal>();
  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Signs (or reuses, for up to half its life) a caller token for one audience. */
  sign(principal: Principal, audience: string, actor = 'gateway', ttlSeconds = 60): Promise<string> {
    const key = `${audience}|${actor}|${JSON.stringify(principal)}`;
    const now = Date.now();
    const cached = this.signed.get(key, now);
    if (cached) return cached;
    const token = this.signFresh(principal, audience, actor, ttlSeconds);
    this.signed.set(key, token, now + (ttlSeconds * 1000) / 2);
    token.catch(() => undefined);
    return token;
  }

  private signFresh(
    principal: Principal,
    audience: string,
    actor: string,
    ttlSeconds: number,
  ): Promise<string> {
    return new SignJWT({ p: principal, act: actor })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setSubject(principal.userId)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  /** Verifies a caller token for this audience; a verified token is remembered until it expires. */
  async verify(token: string, audience: string): Promise<Principal> {
    const key = `${audience}|${token}`;
    const cached = this.verified.get(key);
    if (cached) return cached;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience,
        algorithms: ['HS256'],
      });
      const principal = Principal.parse(payload.p);
      this.verified.set(key, principal, (payload.exp ?? 0) * 1000);
      return principal;
    } catch {
      throw new UnauthenticatedError('invalid caller token');
    }
  }
}

/** The identity a component uses when it acts for nobody (login check, release tooling). */
export function systemPrincipal(component: string): Principal {
  return {
    userId: `system:${component}`,
    username: `system:${component}`,
    displayName: component,
    bankId: '*',
    bankName: '*',
    orgId: '*',
    orgPath: '/',
    orgName: '*',
    roles: ['system'],
    permissions: [],
    dataScope: 'self',
  };
}
