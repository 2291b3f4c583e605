/**
 * Migrating to the access model keeps what existing users may do: a role's codes that a menu page
 * carries become grants of that page, every existing bank's package holds every existing node, the
 * other codes stay API grants, and the union administrator's role moves into the union.
 */
import { Permissions as P } from '@zhanye/contracts';
import { type Bus, connectBus, createLogger, openDatabase } from '@zhanye/kit';
import { dropNamespace, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrincipalBuilder } from '../src/access/principals.ts';
import { startPlatformService } from '../src/app.ts';
import { AccessModel1765200000000 } from '../src/migrations/1765200000000-access-model.ts';
import { migrationsBefore } from './support.ts';

const cfg = testConfig();
const log = createLogger('access-migration-test', 'silent');
let bus: Bus;
let platform: Awaited<ReturnType<typeof startPlatformService>>;

beforeAll(async () => {
  bus = await connectBus(cfg, 'access-migration-test', log);
  // a database as the previous release left it: grants as role_permission rows only
  const old = await openDatabase({
    cfg,
    service: 'platform',
    entities: [],
    migrations: migrationsBefore(AccessModel1765200000000),
    log,
  });
  await old.query(`INSERT INTO bank (id, code, name, created_at) VALUES
    ('bank-a', 'A001', 'A', UTC_TIMESTAMP(3)), ('union', 'UNION', 'U', UTC_TIMESTAMP(3))`);
  await old.query(`INSERT INTO org (id, bank_id, parent_id, path, name, kind) VALUES
    ('a-hq', 'bank-a', NULL, '/bank-a/a-hq/', 'HQ', 'hq'), ('union-hq', 'union', NULL, '/union/union-hq/', 'U', 'hq')`);
  await old.query(`INSERT INTO role (id, bank_id, code, name, data_scope) VALUES
    ('clerk', NULL, 'clerk', 'Clerk', 'org'), ('union_admin', NULL, 'union_admin', 'U', 'all')`);
  await old.query(
    `INSERT INTO role_permission (role_id, permission) VALUES
    ('clerk', ?), ('clerk', ?), ('clerk', ?), ('union_admin', ?)`,
    [P.customerRead, P.customerCreate, P.devOverride, P.releaseRead],
  );
  await old.query(
    `INSERT INTO menu (id, parent_id, kind, title_zh, title_en, icon, app, route, permission, sort) VALUES
    ('m-c', NULL, 'directory', '客户', 'Customers', NULL, NULL, NULL, NULL, 1),
    ('m-c-list', 'm-c', 'page', '客户管理', 'List', NULL, 'mf-customer', '/customer', ?, 2)`,
    [P.customerRead],
  );
  await old.query(`INSERT INTO user (id, bank_id, org_id, username, display_name, password_hash, status, created_at)
    VALUES ('u-c', 'bank-a', 'a-hq', 'clerk1', 'C', 'x', 'active', UTC_TIMESTAMP(3))`);
  await old.query("INSERT INTO user_role (user_id, role_id) VALUES ('u-c', 'clerk')");
  await old.destroy();
  platform = await startPlatformService(cfg, bus, log);
});
afterAll(async () => {
  await platform?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('migrating to the access model', () => {
  it('page codes become page grants, the rest stay API grants; the package holds every node', async () => {
    const ds = platform.ds;
    expect(await ds.query("SELECT menu_id FROM role_menu WHERE role_id = 'clerk'")).toEqual([
      { menu_id: 'm-c-list' },
    ]);
    expect(
      (
        await ds.query("SELECT permission FROM role_permission WHERE role_id = 'clerk' ORDER BY permission")
      ).map((r: { permission: string }) => r.permission),
    ).toEqual([P.customerCreate, P.devOverride].sort());
    expect(
      (await ds.query("SELECT menu_id FROM bank_menu WHERE bank_id = 'bank-a' ORDER BY menu_id")).map(
        (r: { menu_id: string }) => r.menu_id,
      ),
    ).toEqual(['m-c', 'm-c-list']);
    const p = await new PrincipalBuilder(ds).build('u-c');
    expect(p.permissions).toEqual([P.customerCreate, P.customerRead, P.devOverride].sort());
    expect(p).toMatchObject({ dataScope: 'org', roles: ['clerk'], posts: [] });
    expect(await ds.query("SELECT bank_id FROM role WHERE id = 'union_admin'")).toEqual([
      { bank_id: 'union' },
    ]);
  });
});
