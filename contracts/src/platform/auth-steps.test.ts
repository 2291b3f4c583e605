import { describe, expect, it } from 'vitest';
import { authApi } from './platform.routes.ts';

const user = {
  userId: 'u-1',
  username: 'am1',
  displayName: '张伟',
  bankId: 'bank-a',
  bankName: '青山农商银行',
  orgId: 'a-br1',
  orgPath: '/bank-a/a-hq/a-br1/',
  orgName: '城关支行',
  roles: [],
  permissions: [],
  dataScope: 'self',
};

// the browser client parses every answer with the endpoint's output schema: a schema that drops
// a field drops it for the user (this once hid the recovery codes after enrolment at sign-in)
describe('sign-in step answers survive the client’s parse', () => {
  it('finishing an MFA enrolment keeps the recovery codes', () => {
    const codes = Array.from({ length: 10 }, (_, i) => `abcde-1234${i}`);
    expect(authApi.mfa.output.parse({ status: 'ok', user, recoveryCodes: codes })).toMatchObject({
      recoveryCodes: codes,
    });
  });

  it('the other steps keep their tickets', () => {
    expect(authApi.mfa.output.parse({ status: 'ok', user })).toMatchObject({ status: 'ok' });
    expect(authApi.login.output.parse({ status: 'mfa', ticket: 't', enrol: true })).toEqual({
      status: 'mfa',
      ticket: 't',
      enrol: true,
    });
    expect(authApi.login.output.parse({ status: 'password', ticket: 't' })).toEqual({
      status: 'password',
      ticket: 't',
    });
  });
});
