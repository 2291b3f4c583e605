import { Principal } from '@zhanye/contracts';
import { jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from './errors.ts';

const ISSUER = 'zhanye';

/**
 * Caller tokens: the gateway (or a service acting for a user) signs the principal for one
 * audience (the service called), valid for a minute. A service accepts nothing else as identity.
 */
export class CallerTokens {
  private readonly key: Uint8Array;
  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(principal: Principal, audience: string, actor = 'gateway', ttlSeconds = 60): Promise<string> {
    return new SignJWT({ p: principal, act: actor })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setSubject(principal.userId)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string, audience: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience,
        algorithms: ['HS256'],
      });
      return Principal.parse(payload.p);
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
