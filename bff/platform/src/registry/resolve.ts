import { createHash } from 'node:crypto';

/** The part of an activation rule resolution looks at. */
export interface ActiveRule {
  id: number;
  app: string;
  version: string;
  kind: 'default' | 'bank' | 'role' | 'percent';
  target: string | null;
  percent: number | null;
}

export interface Audience {
  userId: string;
  bankId: string;
  roles: readonly string[];
}

/** 0-99, the same for a user and an app every time: the first 4 bytes of sha256(userId:app) mod 100. */
export function bucketOf(userId: string, app: string): number {
  return createHash('sha256').update(`${userId}:${app}`).digest().readUInt32BE(0) % 100;
}

/**
 * The rule that decides which version of `app` a user gets, from the app's *active* rules:
 * a `bank` rule for their bank, else a `role` rule for one of their roles, else a `percent` canary
 * whose share contains their bucket (sticky), else the `default`. Among equals the newest wins.
 */
export function pickRule<R extends ActiveRule>(
  rules: readonly R[],
  app: string,
  who: Audience,
): R | undefined {
  const mine = rules.filter((r) => r.app === app).sort((a, b) => b.id - a.id);
  const bucket = () => bucketOf(who.userId, app);
  return (
    mine.find((r) => r.kind === 'bank' && r.target === who.bankId) ??
    mine.find((r) => r.kind === 'role' && r.target !== null && who.roles.includes(r.target)) ??
    mine.find((r) => r.kind === 'percent' && r.percent !== null && bucket() < r.percent) ??
    mine.find((r) => r.kind === 'default')
  );
}
