import type { Principal } from '@zhanye/contracts';
import type { DataSource, EntityManager, EntitySchema, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** One condition on the row's scope columns: SQL with `?` placeholders over `<alias>.`, and its values. */
interface Clause {
  sql: (alias: string) => string;
  params: string[];
}

/** `text` for a LIKE pattern, where its `%`, `_` and `\` match only themselves. */
export const likeEscape = (text: string) => text.replace(/[%_\\]/g, '\\$&');
/** A LIKE pattern for every value that starts with `prefix` (an org path: that org and all below it). */
export const likePrefix = (prefix: string) => `${likeEscape(prefix)}%`;

/** `?, ?, ?` for an IN list of `n` values (callers never pass an empty list). */
export const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

const eq = (column: string, value: string): Clause => ({ sql: (a) => `${a}.${column} = ?`, params: [value] });

/**
 * The caller's data scope as conditions on the row's columns. Every domain table has `bank_id`,
 * `org_id`, `org_path` and `owner_id`. `all` (union, read-only) is only honoured for reads: writes
 * always stay in the caller's bank. `custom` sees the orgs the platform expanded into
 * `scopeOrgIds`, plus the caller's own records (an empty list: their own records only).
 */
function scopeClauses(caller: Principal, mode: 'read' | 'write'): Clause[] {
  if (caller.dataScope === 'all' && mode === 'read') return [];
  const bank = eq('bank_id', caller.bankId);
  switch (caller.dataScope) {
    case 'self':
      return [bank, eq('owner_id', caller.userId)];
    case 'org':
      return [bank, eq('org_id', caller.orgId)];
    case 'orgAndBelow':
      return [bank, { sql: (a) => `${a}.org_path LIKE ?`, params: [likePrefix(caller.orgPath)] }];
    case 'custom': {
      const orgs = [...new Set(caller.scopeOrgIds ?? [])];
      if (!orgs.length) return [bank, eq('owner_id', caller.userId)];
      return [
        bank,
        {
          sql: (a) => `(${a}.org_id IN (${marks(orgs.length)}) OR ${a}.owner_id = ?)`,
          params: [...orgs, caller.userId],
        },
      ];
    }
    default:
      return [bank];
  }
}

let paramSeq = 0;

/** Restricts a TypeORM query to the caller's data scope, with bound parameters. */
export function applyScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  caller: Principal,
  alias: string,
  mode: 'read' | 'write' = 'read',
): SelectQueryBuilder<T> {
  for (const clause of scopeClauses(caller, mode)) {
    const named: Record<string, string> = {};
    let i = 0;
    // `?` -> unique named parameters, so two scoped aliases in one query cannot collide
    const sql = clause.sql(alias).replace(/\?/g, () => {
      const name = `scope${paramSeq++ % 1_000_000}`;
      named[name] = clause.params[i++]!;
      return `:${name}`;
    });
    qb.andWhere(sql, named);
  }
  return qb;
}

/**
 * How a domain repository reads: a query builder over its entity, already restricted to the
 * caller's data scope (`mode: 'write'` for a row about to change: `all` then sees only its own bank).
 * Raw SQL with `scopeSql` is for a measured hot path only (see docs/architecture.md, "Data access").
 */
export function scopedQuery<T extends ObjectLiteral>(
  m: DataSource | EntityManager,
  entity: EntitySchema<T>,
  alias: string,
  caller: Principal,
  mode: 'read' | 'write' = 'read',
): SelectQueryBuilder<T> {
  return applyScope(m.getRepository(entity).createQueryBuilder(alias), caller, alias, mode);
}

/** The same restriction for raw SQL: a `WHERE` fragment with `?` placeholders and its parameters. */
export function scopeSql(
  caller: Principal,
  alias: string,
  mode: 'read' | 'write' = 'read',
): { sql: string; params: string[] } {
  const clauses = scopeClauses(caller, mode);
  if (!clauses.length) return { sql: '1 = 1', params: [] };
  return {
    sql: clauses.map((c) => c.sql(alias)).join(' AND '),
    params: clauses.flatMap((c) => c.params),
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
