import { describe, expect, it } from 'vitest';
import { nextAfterSignIn, safeNext } from './safe-next.ts';

const origin = 'https://bank.example';

describe('where the login page goes after signing in', () => {
  it('follows a same-origin path only', () => {
    expect(safeNext('?next=%2Fcustomer%2F42%3Ftab%3D1', origin)).toBe('/customer/42?tab=1');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/x', '/login?next=/x'])
      expect(safeNext(`?next=${encodeURIComponent(bad)}`, origin)).toBe('/');
  });

  it('opens a kept page only for the user last signed in on this browser', () => {
    const search = '?next=%2Fcustomer%2F42';
    expect(nextAfterSignIn(search, origin, 'u-am1', 'u-am1')).toBe('/customer/42');
    expect(nextAfterSignIn(search, origin, 'u-approver1', 'u-am1')).toBe('/');
    // nobody signed in here before (a link opened while signed out): the page is theirs
    expect(nextAfterSignIn(search, origin, 'u-approver1', null)).toBe('/customer/42');
  });
});
