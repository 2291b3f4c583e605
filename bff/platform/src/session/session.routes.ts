import {
  accountApi,
  adminApi,
  authenticateCall,
  endSessionCall,
  mfaSetupCall,
  mfaVerifyCall,
  type Principal,
  passwordStepCall,
  refreshSessionCall,
  sessionPrincipalCall,
} from '@zhanye/contracts';
import { answer, ForbiddenError, InputError, route } from '@zhanye/kit';
import { type IdentityService, lockedError } from '../identity/identity.service.ts';
import type { MfaService } from './mfa.service.ts';
import type { SessionService } from './session.service.ts';
import type { SignInService } from './signin.service.ts';

export interface SessionParts {
  sessions: SessionService;
  signIn: SignInService;
  mfa: MfaService;
  identity: IdentityService;
}

const wrongCode = () => new InputError('the code is not valid', { code: ['the code is not valid'] });

/**
 * The signed-in user's own account (sessions, password, MFA), and administrators' session list.
 * Every step that checks a factor (current password, code, recovery code) is refused while the
 * account is locked (429, nothing checked), and a wrong factor counts toward the lockout like a
 * failed sign-in, so a stolen session cannot be used to guess the password or a code.
 */
export function sessionRoutes({ sessions, mfa, identity }: SessionParts) {
  const notLocked = async (userId: string) => {
    const user = await identity.users.findById(userId);
    if (!user || identity.isLocked(user)) throw lockedError();
  };
  const refused = async (userId: string, field: string, message: string) => {
    await identity.recordFailure(userId);
    return new InputError(message, { [field]: ['not valid'] });
  };
  /**
   * The proof before a second factor is set up: with MFA on, the factor being replaced (a current
   * code, or a recovery code, which is used up); for a first setup, the password again.
   */
  const stepUp = async (
    userId: string,
    input: {
      code?: string | undefined;
      recoveryCode?: string | undefined;
      currentPassword?: string | undefined;
    },
  ) => {
    await notLocked(userId);
    if (await mfa.enabled(userId)) {
      if (input.code) {
        if (!(await mfa.verifyCode(userId, input.code)))
          throw await refused(userId, 'code', 'the code is not valid');
      } else if (input.recoveryCode) {
        if (!(await mfa.useRecoveryCode(userId, input.recoveryCode)))
          throw await refused(userId, 'recoveryCode', 'the recovery code is not valid');
      } else {
        throw new InputError('MFA is on: enter a current code from the authenticator, or a recovery code', {
          code: ['a current code or a recovery code is required'],
        });
      }
    } else if (!input.currentPassword) {
      throw new InputError('enter your password to set up MFA', { currentPassword: ['required'] });
    } else if (!(await identity.verifyCurrent(userId, input.currentPassword))) {
      throw await refused(userId, 'currentPassword', 'the current password is not correct');
    }
  };
  return [
    route(accountApi.mySessions, async ({ caller }) => ({ items: await sessions.listMine(caller) })),
    route(accountApi.endMySession, async ({ caller, input, requestId, audit }) => {
      audit.target = input.id;
      await sessions.endMine(caller, input.id, requestId);
      return { ok: true as const };
    }),
    route(accountApi.changePassword, async ({ caller, input }) => {
      await notLocked(caller.userId);
      if (!(await identity.verifyCurrent(caller.userId, input.currentPassword))) {
        await identity.recordFailure(caller.userId);
        throw new InputError('the current password is not correct', { currentPassword: ['not correct'] });
      }
      if (input.currentPassword === input.newPassword)
        throw new InputError('choose a different password', {
          newPassword: ['must differ from the current password'],
        });
      await identity.setPassword(caller.userId, input.newPassword, false);
      // a password change is what someone does when they fear the old one leaked: every other
      // device is signed out
      const endedSessions = await sessions.endAllForUser(caller.userId, 'password_changed', caller.sessionId);
      return { ok: true as const, endedSessions };
    }),
    route(accountApi.mfaStatus, ({ caller }) => mfa.status(caller.userId)),
    route(accountApi.startMfa, async ({ caller, input }) => {
      await stepUp(caller.userId, input);
      return mfa.setup(caller.userId, caller.username);
    }),
    route(accountApi.confirmMfa, async ({ caller, input }) => {
      await notLocked(caller.userId);
      const recoveryCodes = await mfa.confirm(caller.userId, input.code);
      if (!recoveryCodes) {
        await identity.recordFailure(caller.userId);
        throw wrongCode();
      }
      return { recoveryCodes };
    }),
    route(accountApi.regenerateRecoveryCodes, async ({ caller, input }) => {
      await notLocked(caller.userId);
      const recoveryCodes = await mfa.regenerate(caller.userId, input.code);
      if (!recoveryCodes) {
        await identity.recordFailure(caller.userId);
        throw wrongCode();
      }
      return { recoveryCodes };
    }),
    route(adminApi.listSessions, ({ caller, input }) => sessions.listAll(caller, input)),
    route(adminApi.endSession, async ({ caller, input, requestId }) => {
      await sessions.endAny(caller, input.id, requestId);
      return { ok: true as const };
    }),
  ];
}

const gatewayOnly = (caller: Principal) => {
  if (caller.userId !== 'system:gateway') throw new ForbiddenError('only the gateway may call this');
};

/** The sign-in and session calls the gateway makes (nobody else may). */
export function sessionAnswers({ sessions, signIn }: SessionParts) {
  return [
    answer(authenticateCall, ({ caller, input }) => {
      gatewayOnly(caller);
      return signIn.authenticate(input.username, input.password, input.client);
    }),
    answer(mfaSetupCall, ({ caller, input }) => {
      gatewayOnly(caller);
      return signIn.mfaSetup(input.ticket);
    }),
    answer(mfaVerifyCall, ({ caller, input }) => {
      gatewayOnly(caller);
      return signIn.mfaVerify(input, input.client);
    }),
    answer(passwordStepCall, ({ caller, input }) => {
      gatewayOnly(caller);
      return signIn.passwordStep(input, input.client);
    }),
    answer(refreshSessionCall, async ({ caller, input }) => {
      gatewayOnly(caller);
      return { session: await sessions.refresh(input.refreshToken, input.client) };
    }),
    answer(sessionPrincipalCall, async ({ caller, input }) => {
      gatewayOnly(caller);
      return { session: await sessions.current(input.sessionId) };
    }),
    answer(endSessionCall, async ({ caller, input }) => {
      gatewayOnly(caller);
      const requestId = input.client?.requestId;
      if (input.sessionId) await sessions.end(input.sessionId, input.reason, requestId);
      else if (input.refreshToken)
        await sessions.endByRefreshToken(input.refreshToken, input.reason, requestId);
      return { ok: true as const };
    }),
  ];
}
