/**
 * The access model: what PrincipalBuilder makes of menus, buttons, packages, API grants, posts
 * and data scopes (custom and mixed), and what MenuService shows.
 */
import { type MenuNode, Permissions as P, type Principal } from '@zhanye/contracts';
import { type Bus, connectBus, createLogger } from '@zhanye/kit';
import { dropNamespace, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrincipalBuilder } from '../src/access/principals.ts';
import { startPlatformService } from '../src/app.ts';
import { DECLARED_GRANTS, MENUS } from '../src/seed/access.seed.ts';
import { api, ok } from './support.ts';

const cfg = testConfig();
const log = createLogger('access-test', 'silent');
let bus: Bus;
let platform: Awaited<ReturnType<typeof startPlatformService>>;
let builder: PrincipalBuilder;
const build = (username: string) => builder.build(`u-${username}`);
/** What the domains declare for a template beyond the demo roles as written (a new domain's pages). */
const declared = (role: string) =>
  MENUS.filter((m) => DECLARED_GRANTS.some(([r, id]) => r === role && id === m.id));
const declaredCodes = (role: string) => declared(role).flatMap((m) => (m.permission ? [m.permission] : []));
const declaredRoutes = (role: string) =>
  declared(role).flatMap((m) => (m.kind === 'page' && m.route ? [m.route] : []));
const sorted = (xs: string[]) => [...new Set(xs)].sort();

/** The pages (routes) a user's side menu holds, and whether any node is a button. */
async function menuOf(who: Principal): Promise<{ routes: string[]; kinds: string[] }> {
  const me = ok<{ menus: MenuNode[] }>(await api(bus).call(who, 'GET', '/me'));
  const routes: string[] = [];
  const kinds: string[] = [];
  const walk = (nodes: MenuNode[]) => {
    for (const n of nodes) {
      kinds.push(n.kind);
      if (n.route) routes.push(n.route);
      walk(n.children);
    }
  };
  walk(me.menus);
  return { routes: routes.sort(), kinds };
}

beforeAll(async () => {
  bus = await connectBus(cfg, 'access-test', log);
  platform = await startPlatformService(cfg, bus, log, { seedDemo: true });
  builder = new PrincipalBuilder(platform.ds);
});
afterAll(async () => {
  await platform?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('principal building', () => {
  it('buttons give their codes; the demo roles keep the permissions they had', async () => {
    const am1 = await build('am1');
    expect(am1).toMatchObject({
      roles: ['account_manager'],
      dataScope: 'self',
      posts: ['account_manager'],
      bankId: 'bank-a',
      orgPath: '/bank-a/a-hq/a-br1/',
    });
    expect(am1.permissions).toEqual(
      sorted([
        P.customerRead,
        P.customerCreate,
        P.leadRead,
        P.leadCreate,
        P.applicationRead,
        P.applicationCreate,
        P.applicationSubmit,
        ...declaredCodes('account_manager'),
      ]),
    );
    expect(am1.scopeOrgIds).toBeUndefined();
    const approver = await build('approver1');
    expect(approver.permissions).toEqual(
      sorted([
        P.customerRead,
        P.applicationRead,
        P.applicationApprove,
        P.decisionRead,
        ...declaredCodes('approver'),
      ]),
    );
    // an API grant outside menus
    expect((await build('dev1')).permissions).toContain(P.devOverride);
    const sid = (await builder.build('u-am1', 'sess-1')).sessionId;
    expect(sid).toBe('sess-1');
  });

  it("the bank's package removes a granted menu's permission (bank-b has no risk console)", async () => {
    const b = await build('bapprover1');
    expect(b.roles).toEqual(['approver']);
    expect(b.permissions).toContain(P.applicationApprove);
    expect(b.permissions).not.toContain(P.decisionRead);
    expect((await menuOf(b)).routes).toEqual(sorted(['/credit', '/customer', ...declaredRoutes('approver')]));
    expect((await menuOf(await build('approver1'))).routes).toEqual(
      sorted(['/credit', '/customer', '/risk', ...declaredRoutes('approver')]),
    );
  });

  it('menus never carry buttons; hidden pages are not shown but still grant', async () => {
    const admin = await build('admin');
    const before = await menuOf(admin);
    expect(before.kinds).not.toContain('button');
    expect(before.routes).toContain('/admin/users');
    expect(before.routes).not.toContain('/admin/banks');
    await platform.ds.query("UPDATE menu SET hidden = 1 WHERE id = 'm-admin-orgs'");
    try {
      expect((await menuOf(admin)).routes).not.toContain('/admin/orgs');
      expect((await build('admin')).permissions).toContain(P.orgRead);
    } finally {
      await platform.ds.query("UPDATE menu SET hidden = 0 WHERE id = 'm-admin-orgs'");
    }
  });

  it('the union holds every menu and reads every bank', async () => {
    const union = await build('union1');
    expect(union).toMatchObject({ bankId: 'union', dataScope: 'all', roles: ['union_admin'] });
    expect(union.permissions).toEqual(expect.arrayContaining([P.bankManage, P.menuManage, P.auditExport]));
    const pages = MENUS.filter((m) => m.kind === 'page').map((m) => m.route);
    expect((await menuOf(union)).routes).toEqual([...pages].sort());
  });

  it('a custom scope: the picked orgs (the demo inspector sees branch 城关)', async () => {
    expect(await build('inspector1')).toMatchObject({ dataScope: 'custom', scopeOrgIds: ['a-br1'] });
  });

  it('mixed scopes become custom with the union of their orgs; bank and all win', async () => {
    const ds = platform.ds;
    await ds.query(
      `INSERT INTO role (id, bank_id, code, name, data_scope) VALUES
         ('t-org', 'bank-a', 't_org', 'org', 'org'),
         ('t-custom', 'bank-a', 't_custom', 'custom', 'custom'),
         ('t-all', NULL, 't_all', 'all', 'all'),
         ('t-foreign', 'bank-a', 't_foreign', 'foreign', 'bank')`,
    );
    await ds.query(
      "INSERT INTO role_org (role_id, org_id) VALUES ('t-custom', 'a-br2'), ('t-custom', 'b-br1')",
    );
    // am2 (self, a-br2) + org: own org
    await ds.query("INSERT INTO user_role (user_id, role_id) VALUES ('u-am2', 't-org')");
    expect(await build('am2')).toMatchObject({ dataScope: 'custom', scopeOrgIds: ['a-br2'] });
    // head1 (orgAndBelow at a-br1) + custom a-br2 (another bank's org is ignored)
    await ds.query(
      "INSERT INTO org (id, bank_id, parent_id, path, name, kind) VALUES ('a-br1-1', 'bank-a', 'a-br1', '/bank-a/a-hq/a-br1/a-br1-1/', '城关一所', 'subbranch')",
    );
    await ds.query("INSERT INTO user_role (user_id, role_id) VALUES ('u-head1', 't-custom')");
    expect(await build('head1')).toMatchObject({
      dataScope: 'custom',
      scopeOrgIds: ['a-br1', 'a-br1-1', 'a-br2'],
      roles: ['branch_head', 't_custom'],
    });
    // a bank user holding `all` gets `bank`; another bank's role counts for nothing
    await ds.query(
      "INSERT INTO user_role (user_id, role_id) VALUES ('u-am1', 't-all'), ('u-bam1', 't-foreign')",
    );
    expect((await build('am1')).dataScope).toBe('bank');
    expect(await build('bam1')).toMatchObject({ dataScope: 'self', roles: ['account_manager'] });
  });

  it('a disabled user or bank gets no principal', async () => {
    await platform.ds.query("UPDATE bank SET status = 'disabled' WHERE id = 'bank-b'");
    await expect(build('bapprover1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await platform.ds.query("UPDATE bank SET status = 'active' WHERE id = 'bank-b'");
    await platform.ds.query("UPDATE user SET status = 'disabled' WHERE id = 'u-bapprover1'");
    await expect(build('bapprover1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await platform.ds.query("UPDATE user SET status = 'active' WHERE id = 'u-bapprover1'");
    await expect(builder.build('u-nobody')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('menus declared by the domains', () => {
  it('a node a declaration adds reaches the tree and the union at the next start; a deleted one stays deleted', async () => {
    const ds = platform.ds;
    // as if an older version had run: the credit page's buttons were never declared here
    await ds.query("DELETE FROM menu_declared WHERE menu_id = 'b-app-submit'");
    await ds.query("DELETE FROM role_menu WHERE menu_id = 'b-app-submit'");
    await ds.query("DELETE FROM menu WHERE id = 'b-app-submit'");
    // and an administrator deleted a node the declarations still have
    await ds.query("DELETE FROM role_menu WHERE menu_id = 'b-lead-create'");
    await ds.query("DELETE FROM bank_menu WHERE menu_id = 'b-lead-create'");
    await ds.query("DELETE FROM menu WHERE id = 'b-lead-create'");
    const restarted = await startPlatformService(cfg, bus, log);
    try {
      const rows: { id: string }[] = await ds.query(
        "SELECT id FROM menu WHERE id IN ('b-app-submit', 'b-lead-create')",
      );
      expect(rows.map((r) => r.id)).toEqual(['b-app-submit']);
      const [held] = await ds.query(
        "SELECT COUNT(*) AS n FROM role_menu WHERE role_id = 'union_admin' AND menu_id = 'b-app-submit'",
      );
      expect(Number(held.n)).toBe(1);
    } finally {
      await restarted.stop();
    }
  });
});
