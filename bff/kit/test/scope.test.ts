/**
 * Data scope as SQL, against the real database: every scope through `scopeSql` (raw SQL) and
 * `applyScope` (TypeORM) picks exactly the rows the rule names, `custom` included.
 */
import type { Principal } from '@zhanye/contracts';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db.ts';
import { createLogger } from '../src/logger.ts';
import { applyScope, scopeSql } from '../src/scope.ts';
import { dropNamespace, principal, testConfig } from '../src/testing.ts';

const cfg = testConfig();
let ds: DataSource;

// id, bank, org, path, owner
const ROWS = [
  ['a1', 'bank-a', 'a-br1', '/bank-a/a-hq/a-br1/', 'u-am1'],
  ['a2', 'bank-a', 'a-br2', '/bank-a/a-hq/a-br2/', 'u-am2'],
  ['a3', 'bank-a', 'a-br1-1', '/bank-a/a-hq/a-br1/a-br1-1/', 'u-x'],
  ['a4', 'bank-a', 'a-hq', '/bank-a/a-hq/', 'u-inspector'],
  ['a5', 'bank-a', 'a_br', '/bank-a/a-hq/a_br/', 'u-y'],
  ['b1', 'bank-b', 'a-br1', '/bank-b/b-hq/a-br1/', 'u-inspector'],
] as const;

async function viaSql(p: Principal, mode: 'read' | 'write' = 'read'): Promise<string[]> {
  const s = scopeSql(p, 'r', mode);
  const rows: { id: string }[] = await ds.query(
    `SELECT r.id FROM rec r WHERE ${s.sql} ORDER BY r.id`,
    s.params,
  );
  return rows.map((r) => r.id);
}
async function viaBuilder(p: Principal, mode: 'read' | 'write' = 'read'): Promise<string[]> {
  const qb = ds.createQueryBuilder().select('r.id', 'id').from('rec', 'r').orderBy('r.id');
  // two scoped aliases in one query must not collide on parameter names
  applyScope(qb, p, 'r', mode);
  applyScope(qb, p, 'r', mode);
  return ((await qb.getRawMany()) as { id: string }[]).map((r) => r.id);
}

beforeAll(async () => {
  ds = await openDatabase({
    cfg,
    service: 'scope',
    entities: [],
    migrations: [],
    log: createLogger('scope', 'silent'),
  });
  await ds.query(`CREATE TABLE rec (id VARCHAR(8) PRIMARY KEY, bank_id VARCHAR(64), org_id VARCHAR(64),
    org_path VARCHAR(255), owner_id VARCHAR(64))`);
  for (const r of ROWS) await ds.query('INSERT INTO rec VALUES (?, ?, ?, ?, ?)', [...r]);
});
afterAll(async () => {
  await ds?.destroy();
  await dropNamespace(cfg);
});

describe('data scope in SQL', () => {
  const cases: [string, Partial<Principal>, string[], string[]?][] = [
    ['self', { dataScope: 'self', userId: 'u-am1' }, ['a1']],
    ['org', { dataScope: 'org', orgId: 'a-br1' }, ['a1']],
    ['orgAndBelow', { dataScope: 'orgAndBelow', orgPath: '/bank-a/a-hq/a-br1/' }, ['a1', 'a3']],
    // `_` in a path is literal, not a LIKE wildcard
    ['orgAndBelow, literal _', { dataScope: 'orgAndBelow', orgPath: '/bank-a/a-hq/a_br/' }, ['a5']],
    ['bank', { dataScope: 'bank' }, ['a1', 'a2', 'a3', 'a4', 'a5']],
    [
      'all (reads every bank, writes its own)',
      { dataScope: 'all' },
      ROWS.map((r) => r[0]),
      ['a1', 'a2', 'a3', 'a4', 'a5'],
    ],
    [
      'custom: picked orgs of the bank, plus own records',
      { dataScope: 'custom', userId: 'u-inspector', scopeOrgIds: ['a-br1', 'a-br2'] },
      ['a1', 'a2', 'a4'],
    ],
    [
      'custom, no orgs: own records only',
      { dataScope: 'custom', userId: 'u-inspector', scopeOrgIds: [] },
      ['a4'],
    ],
    ['custom, list absent: own records only', { dataScope: 'custom', userId: 'u-am2' }, ['a2']],
  ];
  for (const [name, over, read, write] of cases) {
    it(name, async () => {
      const p = principal(over);
      expect(await viaSql(p)).toEqual(read);
      expect(await viaBuilder(p)).toEqual(read);
      expect(await viaSql(p, 'write')).toEqual(write ?? read);
      expect(await viaBuilder(p, 'write')).toEqual(write ?? read);
    });
  }

  it('binds every value: an org id that looks like SQL is just a value', async () => {
    const p = principal({ dataScope: 'custom', scopeOrgIds: ["x') OR 1=1 -- "], userId: 'nobody' });
    expect(await viaSql(p)).toEqual([]);
    expect(scopeSql(p, 'r').sql).not.toContain('1=1');
  });
});
