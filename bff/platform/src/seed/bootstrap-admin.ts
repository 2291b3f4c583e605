import { allPermissions } from '@zhanye/contracts';
import { ConflictError, InputError, type Logger } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../identity/identity.service.ts';

export interface FirstAdmin {
  username: string;
  password: string;
}

/**
 * First run outside the demo: creates the provincial union (the tenant above the banks) and its
 * first administrator from the environment, only while there is no user at all. There is no default
 * password anywhere: without `ZY_ADMIN_USERNAME`/`ZY_ADMIN_PASSWORD` nobody can sign in.
 */
export async function bootstrapFirstAdmin(ds: DataSource, admin: FirstAdmin, log: Logger): Promise<boolean> {
  if (admin.password.length < 12) throw new InputError('ZY_ADMIN_PASSWORD must have at least 12 characters');
  const hash = await hashPassword(admin.password);
  return ds.transaction(async (m) => {
    const rows: { n: string }[] = await m.query('SELECT COUNT(*) AS n FROM user FOR UPDATE');
    if (Number(rows[0]?.n ?? 0) > 0) return false;
    if (!/^[a-z][a-z0-9_.-]{2,63}$/.test(admin.username)) {
      throw new ConflictError('ZY_ADMIN_USERNAME must be 3-64 lowercase letters, digits, _ . -');
    }
    await m.query(
      "INSERT IGNORE INTO bank (id, code, name, created_at) VALUES ('union', 'UNION', '省农村信用社联合社', UTC_TIMESTAMP(3))",
    );
    await m.query(
      "INSERT IGNORE INTO org (id, bank_id, parent_id, path, name, kind) VALUES ('union-hq', 'union', NULL, '/union/union-hq/', '省联社', 'hq')",
    );
    await m.query(
      "INSERT IGNORE INTO role (id, bank_id, code, name, data_scope) VALUES ('union_admin', NULL, 'union_admin', '省联社管理员', 'all')",
    );
    for (const p of allPermissions) {
      await m.query('INSERT IGNORE INTO role_permission (role_id, permission) VALUES (?, ?)', [
        'union_admin',
        p,
      ]);
    }
    const id = `u-${admin.username}`;
    await m.query(
      `INSERT INTO user (id, bank_id, org_id, username, display_name, password_hash, status, created_at)
       VALUES (?, 'union', 'union-hq', ?, ?, ?, 'active', UTC_TIMESTAMP(3))`,
      [id, admin.username, admin.username, hash],
    );
    await m.query("INSERT INTO user_role (user_id, role_id) VALUES (?, 'union_admin')", [id]);
    log.info({ audit: 'bootstrap.first-admin', userId: id }, 'first administrator created');
    return true;
  });
}
