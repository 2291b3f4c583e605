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
  bank_name: string;
  org_path: string;
  org_name: string;
}

export interface RoleGrant {
  code: string;
  data_scope: string;
  permission: string | null;
}

/** Queries only, with bound parameters. */
export class IdentityRepository {
  constructor(private readonly ds: DataSource) {}

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const rows: UserRecord[] = await this.ds.query(
      `SELECT u.*, b.name AS bank_name, o.path AS org_path, o.name AS org_name
         FROM user u JOIN bank b ON b.id = u.bank_id JOIN org o ON o.id = u.org_id
        WHERE u.username = ?`,
      [username],
    );
    return rows[0];
  }

  grantsOf(userId: string): Promise<RoleGrant[]> {
    return this.ds.query(
      `SELECT r.code, r.data_scope, rp.permission
         FROM user_role ur JOIN role r ON r.id = ur.role_id
         LEFT JOIN role_permission rp ON rp.role_id = r.id
        WHERE ur.user_id = ?`,
      [userId],
    );
  }

  recordFailure(userId: string, lockAfter: number, lockMinutes: number): Promise<unknown> {
    return this.ds.query(
      `UPDATE user SET failed_logins = failed_logins + 1,
              locked_until = IF(failed_logins + 1 >= ?, UTC_TIMESTAMP(3) + INTERVAL ? MINUTE, locked_until)
        WHERE id = ?`,
      [lockAfter, lockMinutes, userId],
    );
  }

  recordSuccess(userId: string): Promise<unknown> {
    return this.ds.query('UPDATE user SET failed_logins = 0, locked_until = NULL WHERE id = ?', [userId]);
  }
}
