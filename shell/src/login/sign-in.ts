import { ApiError, authApi, createApiClient } from '@zhanye/contracts';

/** Why a sign-in failed: the HTTP status (0 when the network failed) and any field messages. */
export interface SignInFailure {
  status: number;
  fields: Record<string, string[]>;
}

const api = createApiClient();

/**
 * Loaded after the login page has painted: it carries the contracts client and zod, which
 * weigh several times the page itself.
 */
export async function signIn(username: string, password: string): Promise<SignInFailure | null> {
  try {
    await api.call(authApi.login, { username, password });
    return null;
  } catch (error) {
    return error instanceof ApiError
      ? { status: error.status, fields: error.fields }
      : { status: 0, fields: {} };
  }
}
