import { describe, expect, it } from 'vitest';
import { inAudience, PushNotice } from './push.ts';

const am = {
  bankId: 'bank-a',
  userId: 'u-am1',
  orgPath: '/bank-a/a-hq/a-br1/',
  posts: ['p-account-manager'],
  permissions: ['customer:read'],
};

describe('push audiences', () => {
  it('matches a user, a post in exactly its org, a permission in an org and below', () => {
    const at = (to: PushNotice['to'], bankId = 'bank-a') => inAudience(am, { bankId, to });
    expect(at({ userId: 'u-am1' })).toBe(true);
    expect(at({ userId: 'u-am1' }, 'bank-b')).toBe(false);
    expect(at({ userId: 'u-am2' })).toBe(false);
    expect(at({ post: 'p-account-manager', orgPath: '/bank-a/a-hq/a-br1/' })).toBe(true);
    expect(at({ post: 'p-account-manager', orgPath: '/bank-a/a-hq/' })).toBe(false);
    expect(at({ post: 'p-approver', orgPath: '/bank-a/a-hq/a-br1/' })).toBe(false);
    expect(at({ permission: 'customer:read' })).toBe(true);
    expect(at({ permission: 'customer:read', orgPath: '/bank-a/a-hq/' })).toBe(true);
    expect(at({ permission: 'customer:read', orgPath: '/bank-a/a-hq/a-br2/' })).toBe(false);
    expect(at({ permission: 'risk:decision:read' })).toBe(false);
  });

  it('a notice type is `<domain>.<kind>`', () => {
    const ok = { bankId: 'bank-a', to: { userId: 'u' }, type: 'risk.batch.progress' };
    expect(PushNotice.safeParse(ok).success).toBe(true);
    expect(PushNotice.safeParse({ ...ok, type: 'risk' }).success).toBe(false);
    expect(PushNotice.safeParse({ ...ok, type: 'Risk.X' }).success).toBe(false);
  });
});
