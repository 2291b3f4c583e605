// first: zod must be configured before any schema is built (see the module)
import '@zhanye/app-kit/zod-jitless';
import { ApiError, authApi, createApiClient, type MfaSetup } from '@zhanye/contracts';

/** Why a step failed: the HTTP status (0 when the network failed) and any field messages. */
export interface SignInFailure {
  status: number;
  fields: Record<string, string[]>;
  /** The unfinished sign-in expired or was used up: start again from the password. */
  expired?: boolean;
}

/** What a sign-in step led to: done (cookies set, `userId` signed in), the next step, or a failure. */
export type StepOutcome =
  | { kind: 'done'; userId: string; recoveryCodes?: string[] }
  | { kind: 'mfa'; ticket: string; enrol: boolean }
  | { kind: 'password'; ticket: string }
  | { kind: 'failed'; failure: SignInFailure };

const api = createApiClient();

const failed = (error: unknown): StepOutcome => ({
  kind: 'failed',
  failure:
    error instanceof ApiError
      ? { status: error.status, fields: error.fields, expired: /expired/.test(error.message) }
      : { status: 0, fields: {} },
});

type Answer =
  | { status: 'ok'; user: { userId: string }; recoveryCodes?: string[] }
  | { status: 'mfa'; ticket: string; enrol: boolean }
  | { status: 'password'; ticket: string };

function outcomeOf(a: Answer): StepOutcome {
  if (a.status === 'ok') {
    const { userId } = a.user;
    return a.recoveryCodes
      ? { kind: 'done', userId, recoveryCodes: a.recoveryCodes }
      : { kind: 'done', userId };
  }
  if (a.status === 'mfa') return { kind: 'mfa', ticket: a.ticket, enrol: a.enrol };
  return { kind: 'password', ticket: a.ticket };
}

/**
 * Loaded after the login page has painted: it carries the contracts client and zod, which
 * weigh several times the page itself.
 */
export async function signIn(username: string, password: string): Promise<StepOutcome> {
  try {
    return outcomeOf(await api.call(authApi.login, { username, password }));
  } catch (error) {
    return failed(error);
  }
}

export async function verifyMfa(ticket: string, proof: { code: string } | { recoveryCode: string }) {
  try {
    return outcomeOf(await api.call(authApi.mfa, { ticket, ...proof }));
  } catch (error) {
    return failed(error);
  }
}

export async function startEnrolment(ticket: string): Promise<MfaSetup | SignInFailure> {
  try {
    return await api.call(authApi.mfaSetup, { ticket });
  } catch (error) {
    return (failed(error) as { failure: SignInFailure }).failure;
  }
}

export async function choosePassword(ticket: string, password: string): Promise<StepOutcome> {
  try {
    return outcomeOf(await api.call(authApi.password, { ticket, password }));
  } catch (error) {
    return failed(error);
  }
}
