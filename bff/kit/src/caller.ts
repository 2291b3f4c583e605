import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';
import { mayCall, Principal } from '@zhanye/contracts';
import { importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from './errors.ts';
import { TokenCache } from './token-cache.ts';

const ISSUER = 'zhanye';
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface CallerKeyConfig {
  ZY_INTERNAL_SECRET: string;
  ZY_SIGNING_KEY?: string | undefined;
  ZY_TRUSTED_KEYS?: string | undefined;
}

/** A development key for a component, derived from the internal secret (never used when keys are configured). */
function derivedKey(secret: string, component: string): KeyObject {
  const seed = Buffer.from(hkdfSync('sha256', secret, 'zhanye-caller-keys', component, 32));
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
}

/**
 * Caller tokens: the gateway (or a service acting for a user) signs the principal for one audience
 * (the service called), valid for a minute, with its own Ed25519 key (`kid` = component). A service
 * accepts a token only if it verifies against the signer's public key, names the service as
 * audience, and `CALLER_POLICY` lets that signer call that service. Services hold public keys
 * only, so no service can forge the gateway.
 */
export class CallerTokens {
  private readonly signed = new TokenCache<Promise<string>>();
  private readonly verified = new TokenCache<Principal>();
  private readonly ownKey: Promise<{ kid: string; key: KeyObject | CryptoKey | Uint8Array }> | undefined;
  private readonly trusted = new Map<string, Promise<KeyObject | CryptoKey | Uint8Array>>();
  private readonly secret: string;

  constructor(cfg: CallerKeyConfig | string) {
    const c = typeof cfg === 'string' ? { ZY_INTERNAL_SECRET: cfg } : cfg;
    this.secret = c.ZY_INTERNAL_SECRET;
    if (c.ZY_SIGNING_KEY) {
      const jwk = JSON.parse(c.ZY_SIGNING_KEY) as JWK;
      if (!jwk.kid) throw new Error('ZY_SIGNING_KEY needs a kid (the component name)');
      this.ownKey = importJWK(jwk, 'EdDSA').then((key) => ({ kid: jwk.kid as string, key }));
      for (const pub of JSON.parse(c.ZY_TRUSTED_KEYS ?? '[]') as JWK[]) {
        if (!pub.kid || pub.d) throw new Error('ZY_TRUSTED_KEYS: public JWKs with a kid only');
        this.trusted.set(pub.kid, importJWK(pub, 'EdDSA'));
      }
    }
  }

  private readonly derived = new Map<string, KeyObject>();
  private signingKey(actor: string) {
    if (!this.ownKey) {
      const key = this.derived.get(actor) ?? derivedKey(this.secret, actor);
      this.derived.set(actor, key);
      return Promise.resolve({ kid: actor, key });
    }
    return this.ownKey.then((own) => {
      if (own.kid !== actor) throw new Error(`this component signs as ${own.kid}, not ${actor}`);
      return own;
    });
  }

  private verifyingKey(kid: string) {
    if (!this.ownKey && !this.trusted.has(kid)) {
      this.trusted.set(kid, Promise.resolve(createPublicKey(derivedKey(this.secret, kid))));
    }
    const key = this.trusted.get(kid);
    if (!key) throw new UnauthenticatedError(`caller ${kid} is not trusted`);
    return key;
  }

  /** Signs (or reuses, for up to half its life) a caller token for one audience, as `actor`. */
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

  private async signFresh(
    principal: Principal,
    audience: string,
    actor: string,
    ttlSeconds: number,
  ): Promise<string> {
    const { kid, key } = await this.signingKey(actor);
    return new SignJWT({ p: principal, act: kid })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setSubject(principal.userId)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(key);
  }

  /** Verifies a caller token for this audience; a verified token is remembered until it expires. */
  async verify(token: string, audience: string): Promise<Principal> {
    const key = `${audience}|${token}`;
    const cached = this.verified.get(key);
    if (cached) return cached;
    try {
      const { payload, protectedHeader } = await jwtVerify(
        token,
        (header) => this.verifyingKey(header.kid ?? ''),
        { issuer: ISSUER, audience, algorithms: ['EdDSA'] },
      );
      const signer = protectedHeader.kid ?? '';
      if (payload.act !== signer || !mayCall(signer, audience)) throw new Error('signer may not call');
      const principal = Principal.parse(payload.p);
      if (payload.sub !== principal.userId) throw new Error('subject mismatch');
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
