import { describe, expect, it } from 'vitest';
import { assertProductionReady, productionProblems } from '../src/production.ts';

const strong = 'x'.repeat(40);
const service = {
  ZY_ENV: 'production',
  ZY_SIGNING_KEY: '{"kty":"OKP","kid":"credit"}',
  ZY_TRUSTED_KEYS: '[]',
  ZY_INTERNAL_SECRET: strong,
  NATS_USER: 'credit',
  NATS_PASSWORD: 'p',
  DB_PASSWORD: 'p',
};

describe('production start checks', () => {
  it('development starts on defaults', () => {
    expect(productionProblems({}, 'gateway')).toEqual([]);
  });

  it('a complete service configuration passes', () => {
    expect(productionProblems(service, 'credit')).toEqual([]);
  });

  it('refuses development defaults, missing keys and plain cookies, naming each', () => {
    const problems = productionProblems(
      {
        ZY_ENV: 'production',
        ZY_INTERNAL_SECRET: 'dev-only-internal-secret-change-me',
        ZY_DEV_ORIGINS: 'http://localhost:*',
      },
      'gateway',
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'ZY_SIGNING_KEY',
      'ZY_TRUSTED_KEYS',
      'ZY_INTERNAL_SECRET',
      'NATS_USER',
      'NATS_PASSWORD',
      'DB_PASSWORD',
      'ZY_SECURE_COOKIES',
      'ZY_SESSION_SECRET',
      'ZY_DEV_ORIGINS',
    ]);
  });

  it('the platform never loads demo data in production and needs its MFA key', () => {
    expect(
      productionProblems({ ...service, ZY_SEED_DEMO: '1' }, 'platform').map((p) => p.split(':')[0]),
    ).toEqual(['ZY_SEED_DEMO', 'ZY_MFA_KEY']);
    expect(() => assertProductionReady({ ...service, ZY_SEED_DEMO: '1' }, 'platform')).toThrow(
      /platform refuses to start with ZY_ENV=production:\n {2}ZY_SEED_DEMO/,
    );
  });
});
