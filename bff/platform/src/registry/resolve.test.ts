import { describe, expect, it } from 'vitest';
import { type ActiveRule, bucketOf, pickRule } from './resolve.ts';

const rules: ActiveRule[] = [
  { id: 1, app: 'mf-credit', version: '1.0.0', kind: 'default', target: null, percent: null },
  { id: 2, app: 'mf-credit', version: '2.0.0', kind: 'percent', target: null, percent: 25 },
  { id: 3, app: 'mf-credit', version: '3.0.0', kind: 'role', target: 'approver', percent: null },
  { id: 4, app: 'mf-credit', version: '4.0.0', kind: 'bank', target: 'bank-b', percent: null },
  { id: 5, app: 'mf-other', version: '9.0.0', kind: 'default', target: null, percent: null },
];
const user = (userId: string, bankId = 'bank-a', roles: string[] = ['account_manager']) => ({
  userId,
  bankId,
  roles,
});

describe('resolution', () => {
  it('bank before role before percent before default', () => {
    expect(pickRule(rules, 'mf-credit', user('u1', 'bank-b', ['approver']))?.version).toBe('4.0.0');
    expect(pickRule(rules, 'mf-credit', user('u1', 'bank-a', ['approver']))?.version).toBe('3.0.0');
    const versions = new Set(
      Array.from({ length: 200 }, (_, i) => pickRule(rules, 'mf-credit', user(`u${i}`))?.version),
    );
    expect(versions).toEqual(new Set(['1.0.0', '2.0.0']));
    expect(pickRule(rules, 'mf-none', user('u1'))).toBeUndefined();
  });

  it('a percent canary is sticky per user and close to its share', () => {
    const n = 1000;
    let inCanary = 0;
    for (let i = 0; i < n; i++) {
      const who = user(`synthetic-${i}`);
      const first = pickRule(rules, 'mf-credit', who)?.version;
      expect(pickRule(rules, 'mf-credit', who)?.version).toBe(first);
      if (first === '2.0.0') inCanary++;
    }
    expect(Math.abs(inCanary / n - 0.25)).toBeLessThan(0.05);
  });

  it('buckets are 0-99 and depend on the app too', () => {
    const b = bucketOf('u-am1', 'mf-credit');
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThan(100);
    const differ = Array.from({ length: 50 }, (_, i) => bucketOf(`u${i}`, 'a') !== bucketOf(`u${i}`, 'b'));
    expect(differ.filter(Boolean).length).toBeGreaterThan(40);
  });

  it('the newest of two equal rules wins', () => {
    const two: ActiveRule[] = [
      { id: 7, app: 'x', version: 'old', kind: 'bank', target: 'bank-a', percent: null },
      { id: 8, app: 'x', version: 'new', kind: 'bank', target: 'bank-a', percent: null },
    ];
    expect(pickRule(two, 'x', user('u'))?.version).toBe('new');
  });
});
