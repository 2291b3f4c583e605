/**
 * What must hold before a component starts with `ZY_ENV=production`. Development runs on
 * defaults (derived keys, demo data, plain cookies); production refuses every one of them, so a
 * forgotten variable stops the start instead of weakening the bank's deployment.
 */
const DEV_DEFAULT = /^dev-only-/;

export function productionProblems(env: Record<string, string | undefined>, component: string): string[] {
  if (env.ZY_ENV !== 'production') return [];
  const problems: string[] = [];
  const need = (name: string, why: string, ok = (v: string) => v.length > 0) => {
    const v = env[name];
    if (!v || !ok(v)) problems.push(`${name}: ${why}`);
  };
  const secret = (v: string) => v.length >= 32 && !DEV_DEFAULT.test(v);
  need('ZY_SIGNING_KEY', 'this component’s caller-token key (pnpm caller-keys)');
  need('ZY_TRUSTED_KEYS', 'the public keys of the components allowed to call this one (pnpm caller-keys)');
  need(
    'ZY_INTERNAL_SECRET',
    'a random secret of at least 32 characters, not the development default',
    secret,
  );
  need('NATS_USER', 'the component’s own NATS user (docs/nats-security.md)');
  need('NATS_PASSWORD', 'the NATS user’s password');
  need('DB_PASSWORD', 'the database password');
  if (component === 'gateway') {
    need('ZY_SECURE_COOKIES', 'must be 1 (TLS in front): __Host- cookies, Secure, HSTS', (v) => v === '1');
    need(
      'ZY_SESSION_SECRET',
      'a random secret of at least 32 characters, not the development default',
      secret,
    );
    if (env.ZY_DEV_ORIGINS?.trim())
      problems.push('ZY_DEV_ORIGINS: must be empty (developer overrides are for development)');
  }
  if (component === 'platform') {
    if (env.ZY_SEED_DEMO === '1')
      problems.push('ZY_SEED_DEMO: demo users and passwords are never loaded in production');
    need('ZY_MFA_KEY', 'the key TOTP secrets are encrypted with, at least 32 characters', secret);
  }
  return problems;
}

/** Throws with every problem at once, so an operator fixes them in one go. */
export function assertProductionReady(env: Record<string, string | undefined>, component: string): void {
  const problems = productionProblems(env, component);
  if (problems.length) {
    throw new Error(`${component} refuses to start with ZY_ENV=production:\n  ${problems.join('\n  ')}`);
  }
}
