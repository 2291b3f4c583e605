import type { DataSource } from 'typeorm';

export interface UserRecord {
  id: string;
  bank_id: string;
  org_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  status: 'active' | 'disabled';
  failed_logins: number;
  locked_until: Date | null;
  must_change_password: number;
}

/** Whether a lock that runs `until` then still holds now (null: never locked). */
export const lockedNow = (until: Date | null | undefined): boolean =>
  Boolean(until && new Date(until).getTime() > Date.now());

/** Queries only, with bound parameters. */
export class IdentityRepository {
  constructor(private readonly ds: DataSource) {}

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const rows: UserRecord[] = await this.ds.query('SELECT * FROM user WHERE username = ?', [username]);
    return rows[0];
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const rows: UserRecord[] = await this.ds.query('SELECT * FROM user WHERE id = ?', [id]);
    return rows[0];
  }

  /**
   * One more failure; at `lockAfter` in a row the account locks for `lockMs`. A lock that has run
   * out starts the count again. MariaDB evaluates SET left to right: the second assignment sees
   * the new count and the old `locked_until`.
   */
  recordFailure(userId: string, lockAfter: number, lockMs: number): Promise<unknown> {
    const now = new Date();
    return this.ds.query(
      `UPDATE user
          SET failed_logins = IF(locked_until IS NOT NULL AND locked_until <= ?, 1, failed_logins + 1),
              locked_until = IF(failed_logins >= ?, ?, IF(locked_until <= ?, NULL, locked_until))
        WHERE id = ?`,
      [now, lockAfter, new Date(now.getTime() + lockMs), now, userId],
    );
  }

  /** Whether a username without an active account is locked (see `login_probe`). */
  async probeLocked(username: string): Promise<boolean> {
    const rows: { locked_until: Date | null }[] = await this.ds.query(
      'SELECT locked_until FROM login_probe WHERE username = ?',
      [username],
    );
    return lockedNow(rows[0]?.locked_until);
  }

  /** A failed sign-in for a username without an active account: counted and locked like a user's. */
  recordProbeFailure(username: string, lockAfter: number, lockMs: number): Promise<unknown> {
    const now = new Date();
    return this.ds.query(
      `INSERT INTO login_probe (username, failed_logins, locked_until, updated_at) VALUES (?, 1, NULL, ?)
       ON DUPLICATE KEY UPDATE
         failed_logins = IF(locked_until IS NOT NULL AND locked_until <= VALUES(updated_at), 1, failed_logins + 1),
         locked_until = IF(failed_logins >= ?, ?, IF(locked_until <= VALUES(updated_at), NULL, locked_until)),
         updated_at = VALUES(updated_at)`,
      [username.slice(0, 64), now, lockAfter, new Date(now.getTime() + lockMs)],
    );
  }

  recordSuccess(userId: string): Promise<unknown> {
    return this.ds.query(
      'UPDATE user SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?',
      [new Date(), userId],
    );
  }

  setPassword(userId: string, passwordHash: string, mustChange: boolean): Promise<unknown> {
    return this.ds.query('UPDATE user SET password_hash = ?, must_change_password = ? WHERE id = ?', [
      passwordHash,
      mustChange ? 1 : 0,
      userId,
    ]);
  }
}
