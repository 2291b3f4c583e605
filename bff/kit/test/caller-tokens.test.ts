import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { CallerTokens } from '../src/caller.ts';
import { principal } from '../src/testing.ts';

const user = principal();
const secret = 'a-test-secret-of-enough-length';

describe('caller tokens in development (keys derived from the internal secret)', () => {
  const tokens = new CallerTokens(secret);

  it('accepts the gateway speaking for a user to any service', async () => {
    expect(await tokens.verify(await tokens.sign(user, 'credit'), 'credit')).toEqual(user);
  });

  it('refuses a token for another audience', async () => {
    await expect(tokens.verify(await tokens.sign(user, 'credit'), 'risk')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('lets a service speak for a user only to the services CALLER_POLICY names', async () => {
    expect(await tokens.verify(await tokens.sign(user, 'customer', 'marketing'), 'customer')).toEqual(user);
    await expect(
      tokens.verify(await tokens.sign(user, 'credit', 'marketing'), 'credit'),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(
      tokens.verify(await tokens.sign(user, 'platform', 'marketing'), 'platform'),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses the old shared-secret (HS256) tokens and a tampered principal', async () => {
    const hs = await new SignJWT({ p: user, act: 'gateway' })
      .setProtectedHeader({ alg: 'HS256', kid: 'gateway' })
      .setIssuer('zhanye')
      .setAudience('credit')
      .setSubject(user.userId)
      .setExpirationTime('60s')
      .sign(new TextEncoder().encode(secret));
    await expect(tokens.verify(hs, 'credit')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const good = await tokens.sign(user, 'credit');
    const [h, p, s] = good.split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString());
    payload.p.permissions = ['credit:application:approve'];
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await expect(tokens.verify(forged, 'credit')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('caller tokens with configured keys (production)', async () => {
  const keyOf = async (kid: string) => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    return {
      priv: JSON.stringify({ ...(await exportJWK(privateKey)), kid }),
      pub: { ...(await exportJWK(publicKey)), kid },
    };
  };
  const gateway = await keyOf('gateway');
  const marketing = await keyOf('marketing');
  const credit = await keyOf('credit');
  const trustedByCredit = JSON.stringify([gateway.pub]);
  const creditTokens = new CallerTokens({
    ZY_INTERNAL_SECRET: secret,
    ZY_SIGNING_KEY: credit.priv,
    ZY_TRUSTED_KEYS: trustedByCredit,
  });
  const gatewayTokens = new CallerTokens({ ZY_INTERNAL_SECRET: secret, ZY_SIGNING_KEY: gateway.priv });
  const marketingTokens = new CallerTokens({ ZY_INTERNAL_SECRET: secret, ZY_SIGNING_KEY: marketing.priv });

  it('a service trusts the gateway it holds the public key of', async () => {
    expect(await creditTokens.verify(await gatewayTokens.sign(user, 'credit'), 'credit')).toEqual(user);
  });

  it('a component cannot sign as another one, and an untrusted signer is refused', async () => {
    await expect(marketingTokens.sign(user, 'credit', 'gateway')).rejects.toThrow(/signs as marketing/);
    const fromMarketing = await marketingTokens.sign(user, 'credit', 'marketing');
    await expect(creditTokens.verify(fromMarketing, 'credit')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('the development secret is worthless once keys are configured', async () => {
    const dev = new CallerTokens(secret);
    await expect(creditTokens.verify(await dev.sign(user, 'credit'), 'credit')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses a private key among the trusted keys', () => {
    expect(
      () =>
        new CallerTokens({
          ZY_INTERNAL_SECRET: secret,
          ZY_SIGNING_KEY: credit.priv,
          ZY_TRUSTED_KEYS: JSON.stringify([JSON.parse(gateway.priv)]),
        }),
    ).toThrow(/public JWKs/);
  });
});
