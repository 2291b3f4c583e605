import { hash, verify } from '@node-rs/argon2';
import { AppError, type Logger } from '@zhanye/kit';
import { type IdentityRepository, lockedNow, type UserRecord } from './identity.repository.ts';

const Argon2id = 2;

export const hashPassword = (password: string) =>
  hash(password, { algorithm: Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });

/** Verified against when the user does not exist, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | undefined;

/** One message for every wrong password or unknown user: nothing tells which it was. */
export const deniedError = () => new AppError('UNAUTHENTICATED', 'invalid username or password');
export const lockedError = () =>
  new AppError('RATE_LIMITED', 'too many failed attempts; try again later or ask an administrator');

export type PasswordCheck =
  | { ok: true; user: UserRecord }
  | { ok: false; why: 'unknown' | 'disabled' | 'locked' | 'password'; user?: UserRecord };

export interface LockPolicy {
  lockAfter: number;
  lockMs: number;
}

/** Passwords and lockout. Failures of any factor (password, TOTP, recovery code) count alike. */
export class IdentityService {
  constructor(
    readonly users: IdentityRepository,
    private readonly lock: LockPolicy,
    private readonly log: Logger,
  ) {}

  isLocked(user: Pick<UserRecord, 'locked_until'>): boolean {
    return lockedNow(user.locked_until);
  }

  /**
   * Checks a password. A locked account is refused before the password is even looked at. An
   * unknown or disabled username answers exactly like a real one: same work (a dummy argon2
   * verification), same generic refusal, and the same lock after the same number of failures.
   */
  async checkPassword(username: string, password: string): Promise<PasswordCheck> {
    const user = await this.users.findByUsername(username);
    if (user?.status !== 'active') {
      const why = user ? 'disabled' : 'unknown';
      if (await this.users.probeLocked(username))
        return { ok: false, why: 'locked', ...(user ? { user } : {}) };
      dummyHash ??= hashPassword('not-a-real-password');
      await verify(await dummyHash, password).catch(() => false);
      await this.users.recordProbeFailure(username, this.lock.lockAfter, this.lock.lockMs);
      return { ok: false, why, ...(user ? { user } : {}) };
    }
    if (this.isLocked(user)) return { ok: false, why: 'locked', user };
    if (!(await verify(user.password_hash, password).catch(() => false))) {
      await this.recordFailure(user.id);
      return { ok: false, why: 'password', user };
    }
    return { ok: true, user };
  }

  /** A wrong password of a signed-in user (password change) or a wrong second factor. */
  recordFailure(userId: string): Promise<unknown> {
    this.log.info({ audit: 'login.failed', userId }, 'authentication failure');
    return this.users.recordFailure(userId, this.lock.lockAfter, this.lock.lockMs);
  }

  /** A sign-in finished: the failure count starts again (only now, so a known password cannot reset it). */
  recordSuccess(userId: string): Promise<unknown> {
    return this.users.recordSuccess(userId);
  }

  async verifyCurrent(userId: string, password: string): Promise<boolean> {
    const user = await this.users.findById(userId);
    if (user?.status !== 'active') return false;
    return verify(user.password_hash, password).catch(() => false);
  }

  async setPassword(userId: string, password: string, mustChange = false): Promise<void> {
    await this.users.setPassword(userId, await hashPassword(password), mustChange);
  }
}
