import type { Principal } from '@zhanye/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Restricts a query to the caller's data scope, with bound parameters. The table must have
 * `bank_id`, `org_id`, `org_path` and `owner_id` columns (every domain row does).
 * `all` (union, read-only) is only honoured for reads: writes always stay in the caller's bank.
 */
export function applyScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  caller: Principal,
  alias: string,
  mode: 'read' | 'write' = 'read',
): SelectQueryBuilder<T> {
  if (caller.dataScope === 'all' && mode === 'read') return qb;
  qb.andWhere(`${alias}.bank_id = :scopeBank`, { scopeBank: caller.bankId });
  switch (caller.dataScope) {
    case 'self':
      return qb.andWhere(`${alias}.owner_id = :scopeOwner`, { scopeOwner: caller.userId });
    case 'org':
      return qb.andWhere(`${alias}.org_id = :scopeOrg`, { scopeOrg: caller.orgId });
    case 'orgAndBelow':
      return qb.andWhere(`${alias}.org_path LIKE :scopePath`, { scopePath: `${caller.orgPath}%` });
    default:
      return qb;
  }
}
