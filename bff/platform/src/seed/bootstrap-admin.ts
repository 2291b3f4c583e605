import { ConflictError, InputError, type Logger } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../identity/identity.service.ts';
import { seedAccessModel, UNION_ADMIN_ROLE, UNION_BANK, UNION_HQ } from './access.seed.ts';

export interface FirstAdmin {
  username: string;
  password: string;
}

/**
 * First run outside the demo: creates the provincial union (the tenant above the banks) and its
 * first administrator from the environment, only while there is no user at all, with the standard
 * menu tree and posts. There is no default password anywhere: without
 * `ZY_ADMIN_USERNAME`/`ZY_ADMIN_PASSWORD` nobody can sign in.
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
    await seedAccessModel(m);
    const id = `u-${admin.username}`;
    await m.query(
      `INSERT INTO user (id, bank_id, org_id, username, display_name, password_hash, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'active', UTC_TIMESTAMP(3))`,
      [id, UNION_BANK, UNION_HQ, admin.username, admin.username, hash],
    );
    await m.query('INSERT INTO user_role (user_id, role_id) VALUES (?, ?)', [id, UNION_ADMIN_ROLE]);
    log.info({ audit: 'bootstrap.first-admin', userId: id }, 'first administrator created');
    return true;
  });
}
