import { hash, verify } from '@node-rs/argon2';
import { type DataScope, DataScopes, type Principal } from '@zhanye/contracts';
import { AppError, type Logger } from '@zhanye/kit';
import type { IdentityRepository } from './identity.repository.ts';

const LOCK_AFTER = 5;
const LOCK_MINUTES = 15;
const Argon2id = 2;

export const hashPassword = (password: string) =>
  hash(password, { algorithm: Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });

/** Verified against when the user does not exist, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | undefined;

/** The widest scope among a user's roles. */
export function widestScope(scopes: string[]): DataScope {
  let best = 0;
  for (const s of scopes) best = Math.max(best, DataScopes.indexOf(s as DataScope));
  return DataScopes[best] ?? 'self';
}

export class IdentityService {
  constructor(
    private readonly users: IdentityRepository,
    private readonly log: Logger,
  ) {}

  /** Checks a password; locks the account after repeated failures. One generic message for every failure. */
  async authenticate(username: string, password: string): Promise<Principal> {
    const denied = new AppError('UNAUTHENTICATED', 'invalid username or password');
    const user = await this.users.findByUsername(username);
    if (!user) {
      dummyHash ??= hashPassword('not-a-real-password');
      await verify(await dummyHash, password).catch(() => false);
      this.log.info({ audit: 'login.failed', username, reason: 'unknown user' }, 'login failed');
      throw denied;
    }
    if (user.status !== 'active') {
      this.log.info({ audit: 'login.failed', userId: user.id, reason: 'disabled' }, 'login failed');
      throw denied;
    }
    if (user.locked_until && user.locked_until.getTime() > Date.now()) {
      this.log.info({ audit: 'login.failed', userId: user.id, reason: 'locked' }, 'login failed');
      throw new AppError('RATE_LIMITED', 'too many failed attempts; try again later or ask an administrator');
    }
    if (!(await verify(user.password_hash, password).catch(() => false))) {
      await this.users.recordFailure(user.id, LOCK_AFTER, LOCK_MINUTES);
      this.log.info({ audit: 'login.failed', userId: user.id, reason: 'password' }, 'login failed');
      throw denied;
    }
    await this.users.recordSuccess(user.id);
    const grants = await this.users.grantsOf(user.id);
    this.log.info({ audit: 'login.succeeded', userId: user.id }, 'login');
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      bankId: user.bank_id,
      bankName: user.bank_name,
      orgId: user.org_id,
      orgPath: user.org_path,
      orgName: user.org_name,
      roles: [...new Set(grants.map((g) => g.code))],
      permissions: [...new Set(grants.flatMap((g) => (g.permission ? [g.permission] : [])))].sort(),
      dataScope: widestScope(grants.map((g) => g.data_scope)),
    };
  }
}
