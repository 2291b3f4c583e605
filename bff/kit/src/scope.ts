import type { Principal } from '@zhanye/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

type Condition = [column: 'bank_id' | 'owner_id' | 'org_id' | 'org_path', op: '=' | 'LIKE', value: string];

/**
 * The caller's data scope as column conditions. Every domain table has `bank_id`, `org_id`,
 * `org_path` and `owner_id`. `all` (union, read-only) is only honoured for reads: writes always
 * stay in the caller's bank.
 */
function scopeConditions(caller: Principal, mode: 'read' | 'write'): Condition[] {
  if (caller.dataScope === 'all' && mode === 'read') return [];
  const bank: Condition = ['bank_id', '=', caller.bankId];
  switch (caller.dataScope) {
    case 'self':
      return [bank, ['owner_id', '=', caller.userId]];
    case 'org':
      return [bank, ['org_id', '=', caller.orgId]];
    case 'orgAndBelow':
      return [bank, ['org_path', 'LIKE', `${caller.orgPath.replace(/[%_\\]/g, '\\$&')}%`]];
    default:
      return [bank];
  }
}

/** Restricts a TypeORM query to the caller's data scope, with bound parameters. */
export function applyScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  caller: Principal,
  alias: string,
  mode: 'read' | 'write' = 'read',
): SelectQueryBuilder<T> {
  scopeConditions(caller, mode).forEach(([column, op, value], i) => {
    qb.andWhere(`${alias}.${column} ${op} :scope${i}`, { [`scope${i}`]: value });
  });
  return qb;
}

/** The same restriction for raw SQL: a `WHERE` fragment with `?` placeholders and its parameters. */
export function scopeSql(
  caller: Principal,
  alias: string,
  mode: 'read' | 'write' = 'read',
): { sql: string; params: string[] } {
  const conditions = scopeConditions(caller, mode);
  if (!conditions.length) return { sql: '1 = 1', params: [] };
  return {
    sql: conditions.map(([column, op]) => `${alias}.${column} ${op} ?`).join(' AND '),
    params: conditions.map(([, , value]) => value),
  };
}

/** The columns every domain row carries for tenancy and data scope (see `applyScope`). */
export interface ScopedRow {
  bankId: string;
  orgId: string;
  orgPath: string;
  ownerId: string;
}

/** `EntitySchema` columns of `ScopedRow`: spread into a domain entity's `columns`. */
export const scopedColumns = {
  bankId: { name: 'bank_id', type: 'varchar', length: 64 },
  orgId: { name: 'org_id', type: 'varchar', length: 64 },
  orgPath: { name: 'org_path', type: 'varchar', length: 255 },
  ownerId: { name: 'owner_id', type: 'varchar', length: 64 },
} as const;

/** The scope columns of a row the caller creates: their bank, their org, owned by them. */
export const ownedBy = (caller: Principal): ScopedRow => ({
  bankId: caller.bankId,
  orgId: caller.orgId,
  orgPath: caller.orgPath,
  ownerId: caller.userId,
});
