/**
 * The admin API through the service runtime (permission check, validation, audit), with real
 * principals built from the demo data: no privilege escalation, tenancy (another bank's records are
 * 404), template roles read-only, org moves, menu validations, audit export, access-change signals.
 */
import { Kvm } from '@nats-io/kv';
import {
  type AdminUser,
  accessEpochKey,
  type MenuItem,
  type Org,
  type Principal,
  type Role,
  sessionBucket,
} from '@zhanye/contracts';
import { type Bus, connectBus, createLogger } from '@zhanye/kit';
import { apiRequest, dropNamespace, testConfig } from '@zhanye/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrincipalBuilder } from '../src/access/principals.ts';
import { startPlatformService } from '../src/app.ts';
import { ok, type Reply } from './support.ts';

const cfg = testConfig();
const log = createLogger('admin-test', 'silent');
let bus: Bus;
let platform: Awaited<ReturnType<typeof startPlatformService>>;
let who: Record<'admin' | 'union1' | 'am1' | 'bam1', Principal>;
const PASSWORD = 'Temp-Passw0rd!';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
async function call(p: Principal, method: Method, path: string, input: Record<string, unknown> = {}) {
  return (await apiRequest(
    bus,
    'platform',
    method,
    path,
    method === 'GET'
      ? { caller: p, query: Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v)])) }
      : { caller: p, body: input },
  )) as Reply;
}
const expectError = (res: Reply, status: number, reason?: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (reason) expect(res.body.error.reason).toBe(reason);
};

/** The epoch written for a key of the access bucket (undefined: never). */
async function epoch(key: string): Promise<number | undefined> {
  const kv = await new Kvm(bus.nc).open(sessionBucket(bus.ns, 'access'));
  const e = await kv.get(key);
  return e?.value?.length ? Number(e.string()) : undefined;
}

beforeAll(async () => {
  bus = await connectBus(cfg, 'admin-test', log);
  platform = await startPlatformService(cfg, bus, log, { seedDemo: true });
  const b = new PrincipalBuilder(platform.ds);
  who = {
    admin: await b.build('u-admin'),
    union1: await b.build('u-union1'),
    am1: await b.build('u-am1'),
    bam1: await b.build('u-bam1'),
  };
});
afterAll(async () => {
  await platform?.stop();
  await dropNamespace(cfg, bus);
  await bus?.nc.drain();
});

describe('roles: no privilege escalation', () => {
  const role = (over: Record<string, unknown> = {}) => ({
    code: `r_${Math.random().toString(36).slice(2, 8)}`,
    name: '测试角色',
    dataScope: 'org',
    menuIds: ['m-customer-list'],
    ...over,
  });

  it('a bank admin creates a role of their bank from what they hold', async () => {
    const r = ok<Role>(await call(who.admin, 'POST', '/admin/roles', role({ mfaRequired: true })));
    expect(r).toMatchObject({
      bankId: 'bank-a',
      menuIds: ['m-customer-list'],
      mfaRequired: true,
      userCount: 0,
    });
    const list = ok<{ items: Role[] }>(await call(who.admin, 'GET', '/admin/roles')).items;
    expect(list.map((x) => x.bankId).every((b) => b === null || b === 'bank-a')).toBe(true);
    expect(list.some((x) => x.id === r.id)).toBe(true);
  });

  it('403 for a button code they do not hold, an API grant they do not hold, scope all, a wider scope', async () => {
    const before = await platform.ds.query('SELECT COUNT(*) AS n FROM role');
    // the approve button: admin does not approve credit
    expectError(
      await call(who.admin, 'POST', '/admin/roles', role({ menuIds: ['b-app-approve'] })),
      403,
      'ESCALATION',
    );
    expectError(
      await call(who.admin, 'POST', '/admin/roles', role({ permissions: ['platform:dev-override'] })),
      403,
      'ESCALATION',
    );
    expectError(await call(who.admin, 'POST', '/admin/roles', role({ dataScope: 'all' })), 403, 'ESCALATION');
    // a union-only node is outside every bank's package
    expectError(
      await call(who.admin, 'POST', '/admin/roles', role({ menuIds: ['b-menu-manage'] })),
      403,
      'OUTSIDE_PACKAGE',
    );
    expectError(await call(who.admin, 'POST', '/admin/roles', role({ menuIds: ['no-such-menu'] })), 400);
    expectError(await call(who.admin, 'POST', '/admin/roles', role({ permissions: ['made:up'] })), 400);
    expectError(
      await call(who.admin, 'POST', '/admin/roles', role({ dataScope: 'custom', customOrgIds: ['b-br1'] })),
      400,
    );
    expectError(await call(who.admin, 'POST', '/admin/roles', role({ dataScope: 'custom' })), 400);
    // a bank admin cannot add templates or roles of another bank
    expectError(await call(who.admin, 'POST', '/admin/roles', role({ bankId: null })), 403);
    expectError(await call(who.admin, 'POST', '/admin/roles', role({ bankId: 'bank-b' })), 404);
    expect(await platform.ds.query('SELECT COUNT(*) AS n FROM role')).toEqual(before);
  });

  it("a menu outside the bank's package: 403, even for an admin of that bank the union made", async () => {
    // the union creates bank-b's administrator (template role `admin`)
    const made = ok<AdminUser>(
      await call(who.union1, 'POST', '/admin/users', {
        username: 'badmin',
        displayName: '绿水管理员',
        orgId: 'b-hq',
        roleIds: ['admin'],
        postIds: ['p-hq-manager'],
        password: PASSWORD,
      }),
    );
    expect(made).toMatchObject({ bankId: 'bank-b', mustChangePassword: true, roleIds: ['admin'] });
    const badmin = await new PrincipalBuilder(platform.ds).build(made.id);
    expect(badmin.permissions).not.toContain('risk:decision:read');
    expectError(
      await call(badmin, 'POST', '/admin/roles', role({ menuIds: ['m-risk-decisions'] })),
      403,
      'OUTSIDE_PACKAGE',
    );
    // and bank-a's admin cannot see or touch bank-b's user
    expectError(await call(who.admin, 'POST', `/admin/users/${made.id}/disable`), 404);
  });

  it('shared templates are read-only for bank admins; another bank’s role is 404', async () => {
    expectError(await call(who.admin, 'PATCH', '/admin/roles/approver', { name: 'x' }), 403);
    expectError(await call(who.admin, 'DELETE', '/admin/roles/approver'), 403);
    const foreign = ok<Role>(
      await call(who.union1, 'POST', '/admin/roles', role({ bankId: 'bank-b', dataScope: 'bank' })),
    );
    expect(foreign.bankId).toBe('bank-b');
    expectError(await call(who.admin, 'PATCH', `/admin/roles/${foreign.id}`, { name: 'x' }), 404);
    expectError(await call(who.admin, 'DELETE', `/admin/roles/${foreign.id}`), 404);
    // nor can it be given to a bank-a user
    expectError(await call(who.admin, 'PATCH', '/admin/users/u-am2', { roleIds: [foreign.id] }), 404);
    expectError(await call(who.admin, 'PATCH', '/admin/users/u-am2', { roleIds: ['union_admin'] }), 404);
  });

  it('changing a role tells its holders’ sessions at once; a role in use cannot go', async () => {
    const r = ok<Role>(await call(who.admin, 'POST', '/admin/roles', role()));
    ok(await call(who.admin, 'PATCH', '/admin/users/u-am2', { roleIds: ['account_manager', r.id] }));
    const key = accessEpochKey.user('u-am2');
    const t0 = Date.now();
    const res = ok<Role>(
      await call(who.admin, 'PATCH', `/admin/roles/${r.id}`, {
        menuIds: ['m-customer-list', 'm-credit-apps'],
      }),
    );
    expect(res.menuIds).toEqual(['m-credit-apps', 'm-customer-list']);
    // a partial update leaves what it does not name
    const renamed = ok<Role>(await call(who.admin, 'PATCH', `/admin/roles/${r.id}`, { name: '改名' }));
    expect(renamed).toMatchObject({
      name: '改名',
      menuIds: ['m-credit-apps', 'm-customer-list'],
      dataScope: 'org',
    });
    expect(await epoch(key)).toBeGreaterThanOrEqual(t0);
    expectError(await call(who.admin, 'DELETE', `/admin/roles/${r.id}`), 409, 'IN_USE');
    ok(await call(who.admin, 'PATCH', '/admin/users/u-am2', { roleIds: ['account_manager'] }));
    ok(await call(who.admin, 'DELETE', `/admin/roles/${r.id}`));
    // a package change marks the whole bank
    const t1 = Date.now();
    const bankB = ok<{ items: { id: string; menuIds: string[] }[] }>(
      await call(who.union1, 'GET', '/admin/banks'),
    ).items.find((b) => b.id === 'bank-b')!;
    ok(await call(who.union1, 'PATCH', '/admin/banks/bank-b', { menuIds: bankB.menuIds }));
    expect(await epoch(accessEpochKey.bank('bank-b'))).toBeGreaterThanOrEqual(t1);
  });
});

describe('assignment: nobody gives a user rights they lack', () => {
  let n = 0;
  const newUser = (roleIds: string[], orgId = 'a-br1') => ({
    username: `esc${++n}x${Date.now().toString(36)}`,
    displayName: '授权测试',
    orgId,
    roleIds,
    password: PASSWORD,
  });
  const userCount = async () => Number((await platform.ds.query('SELECT COUNT(*) AS n FROM user'))[0].n);
  const rolesOf = async (id: string) =>
    (
      (await platform.ds.query('SELECT role_id FROM user_role WHERE user_id = ? ORDER BY role_id', [id])) as {
        role_id: string;
      }[]
    ).map((r) => r.role_id);
  /** A user the union makes, holding `roleIds`, as a principal read from the database. */
  async function staff(roleIds: string[], orgId = 'a-hq') {
    const made = ok<AdminUser>(await call(who.union1, 'POST', '/admin/users', newUser(roleIds, orgId)));
    return new PrincipalBuilder(platform.ds).build(made.id);
  }
  /** A bank-a role made by the union: user administration plus `menus`, with `scope`. */
  async function userAdminRole(scope: string, menus: string[] = []) {
    return ok<Role>(
      await call(who.union1, 'POST', '/admin/roles', {
        bankId: 'bank-a',
        code: `uadm_${++n}`,
        name: '用户管理员',
        dataScope: scope,
        menuIds: [
          'm-admin-users',
          'b-user-create',
          'b-user-update',
          'm-admin-roles',
          'b-role-manage',
          ...menus,
        ],
      }),
    );
  }

  it('the developer template (a code the admin lacks) is refused on create and on update; nothing is written', async () => {
    const users = await userCount();
    expectError(await call(who.admin, 'POST', '/admin/users', newUser(['developer'])), 403, 'ESCALATION');
    expectError(
      await call(who.admin, 'POST', '/admin/users', newUser(['account_manager', 'developer'])),
      403,
      'ESCALATION',
    );
    expect(await userCount()).toBe(users);
    const before = await rolesOf('u-am2');
    expectError(
      await call(who.admin, 'PATCH', '/admin/users/u-am2', { roleIds: [...before, 'developer'] }),
      403,
      'ESCALATION',
    );
    expect(await rolesOf('u-am2')).toEqual(before);
  });

  it('approver is given only by whom the union allowed (may assign), or who holds its codes', async () => {
    // a user administrator of bank-a with the same business reads as the demo admin, no delegation
    const role = await userAdminRole('bank', ['m-customer-list', 'm-credit-apps', 'm-risk-decisions']);
    const uadm = await staff([role.id]);
    const users = await userCount();
    expectError(await call(uadm, 'POST', '/admin/users', newUser(['approver'])), 403, 'ESCALATION');
    expectError(await call(uadm, 'POST', '/admin/users', newUser(['account_manager'])), 403, 'ESCALATION');
    expect(await userCount()).toBe(users);
    // a role made of codes they hold: fine
    const reader = ok<Role>(
      await call(uadm, 'POST', '/admin/roles', {
        code: `rd_${++n}`,
        name: '查询岗',
        dataScope: 'org',
        menuIds: ['m-customer-list'],
      }),
    );
    ok(await call(uadm, 'POST', '/admin/users', newUser([reader.id])));
    // a bank admin cannot hand the delegation out either: they may assign approver, not developer
    expectError(
      await call(who.admin, 'PATCH', `/admin/roles/${role.id}`, { assignableRoleIds: ['developer'] }),
      403,
      'ESCALATION',
    );
    // the demo admin's template may assign approver and account manager (the union's choice)
    const made = ok<AdminUser>(
      await call(who.admin, 'POST', '/admin/users', newUser(['account_manager', 'approver'])),
    );
    expect(made.roleIds).toEqual(['account_manager', 'approver']);
    // once the delegation is granted, the user administrator may give approver, and only that
    const granted = ok<Role>(
      await call(who.admin, 'PATCH', `/admin/roles/${role.id}`, { assignableRoleIds: ['approver'] }),
    );
    expect(granted.assignableRoleIds).toEqual(['approver']);
    ok(await call(uadm, 'POST', '/admin/users', newUser(['approver'])));
    expectError(await call(uadm, 'POST', '/admin/users', newUser(['developer'])), 403, 'ESCALATION');
    // a delegation names roles of the role's own bank or templates
    expectError(
      await call(who.union1, 'PATCH', `/admin/roles/${role.id}`, { assignableRoleIds: ['union_admin'] }),
      404,
    );
  });

  it('data scope: no role wider than the assigner’s, no custom orgs outside their reach, delegated or not', async () => {
    const branch = await userAdminRole('orgAndBelow', ['m-customer-list']);
    ok(await call(who.union1, 'PATCH', `/admin/roles/${branch.id}`, { assignableRoleIds: ['approver'] }));
    const head = await staff([branch.id], 'a-br1');
    expect(head.dataScope).toBe('orgAndBelow');
    const roles = Number((await platform.ds.query('SELECT COUNT(*) AS n FROM role'))[0].n);
    // a custom scope over another branch: wider than theirs although "custom" ranks below
    expectError(
      await call(head, 'POST', '/admin/roles', {
        code: `cx_${++n}`,
        name: '越权稽核',
        dataScope: 'custom',
        customOrgIds: ['a-br2'],
        menuIds: ['m-customer-list'],
      }),
      403,
      'ESCALATION',
    );
    expect(Number((await platform.ds.query('SELECT COUNT(*) AS n FROM role'))[0].n)).toBe(roles);
    ok(
      await call(head, 'POST', '/admin/roles', {
        code: `cy_${++n}`,
        name: '本支行稽核',
        dataScope: 'custom',
        customOrgIds: ['a-br1'],
        menuIds: ['m-customer-list'],
      }),
    );
    // approver (scope bank) is delegated, but sees more than this branch administrator
    expectError(await call(head, 'POST', '/admin/users', newUser(['approver'])), 403, 'ESCALATION');
  });

  it('the union’s own paths: a package or a menu node gives no code its author lacks', async () => {
    // a union role for the menu tree and packages only
    const role = ok<Role>(
      await call(who.union1, 'POST', '/admin/roles', {
        bankId: 'union',
        code: `pkg_${++n}`,
        name: '菜单与套餐管理',
        dataScope: 'all',
        menuIds: ['m-admin-banks', 'b-bank-manage', 'm-admin-menus', 'b-menu-manage'],
      }),
    );
    const pkg = await staff([role.id], 'union-hq');
    expect(pkg.dataScope).toBe('all');
    const banks = ok<{ items: { id: string; menuIds: string[] }[] }>(await call(pkg, 'GET', '/admin/banks'));
    const bankB = banks.items.find((b) => b.id === 'bank-b')!;
    expect(bankB.menuIds).not.toContain('m-risk-decisions');
    const menus = await platform.ds.query('SELECT * FROM menu ORDER BY id');
    // the risk console in bank-b's package would give its approvers risk:decision:read
    expectError(
      await call(pkg, 'PATCH', '/admin/banks/bank-b', { menuIds: [...bankB.menuIds, 'm-risk-decisions'] }),
      403,
      'ESCALATION',
    );
    expectError(
      await call(pkg, 'POST', '/admin/banks', {
        code: `P${n}`,
        name: '套餐银行',
        hqName: '总行',
        menuIds: ['b-app-approve'],
      }),
      403,
      'ESCALATION',
    );
    // a node bound to a code every holder of the node would get
    expectError(
      await call(pkg, 'PATCH', '/admin/menus/b-lead-create', { permission: 'platform:dev-override' }),
      403,
      'ESCALATION',
    );
    expectError(
      await call(pkg, 'POST', '/admin/menus', {
        parentId: 'm-credit-apps',
        kind: 'button',
        title: { 'zh-CN': '审批', 'en-US': 'Approve' },
        permission: 'credit:application:approve',
      }),
      403,
      'ESCALATION',
    );
    expect(await platform.ds.query('SELECT * FROM menu ORDER BY id')).toEqual(menus);
    const after = ok<{ items: { id: string; menuIds: string[] }[] }>(await call(pkg, 'GET', '/admin/banks'));
    expect(after.items.find((b) => b.id === 'bank-b')!.menuIds).toEqual(bankB.menuIds);
    // what they hold, they may place
    ok(await call(pkg, 'PATCH', '/admin/banks/bank-b', { menuIds: bankB.menuIds }));
  });

  it('the list says which roles the caller may assign', async () => {
    const mine = ok<{ items: Role[] }>(await call(who.admin, 'GET', '/admin/roles')).items;
    const flag = Object.fromEntries(mine.map((r) => [r.id, r.assignable]));
    expect(flag).toMatchObject({ account_manager: true, approver: true, admin: true, developer: false });
    const all = ok<{ items: Role[] }>(await call(who.union1, 'GET', '/admin/roles')).items;
    expect(all.every((r) => r.assignable)).toBe(true);
  });
});

describe('users', () => {
  it('a bank admin lists, creates and changes users of their bank only', async () => {
    const page = ok<{ items: AdminUser[]; total: number }>(
      await call(who.admin, 'GET', '/admin/users', { pageSize: 100 }),
    );
    expect(page.items.every((u) => u.bankId === 'bank-a')).toBe(true);
    expect(page.items.map((u) => u.username)).toContain('am1');
    expectError(await call(who.admin, 'GET', '/admin/users', { bankId: 'bank-b' }), 404);
    const u = ok<AdminUser>(
      await call(who.admin, 'POST', '/admin/users', {
        username: 'newam',
        displayName: '新客户经理',
        orgId: 'a-br1',
        roleIds: ['account_manager'],
        postIds: ['p-account-manager'],
        password: PASSWORD,
      }),
    );
    expect(u).toMatchObject({
      bankId: 'bank-a',
      orgName: '城关支行',
      mustChangePassword: true,
      status: 'active',
    });
    expectError(
      await call(who.admin, 'POST', '/admin/users', {
        username: 'newam',
        displayName: 'x',
        orgId: 'a-br1',
        password: PASSWORD,
      }),
      409,
    );
    expectError(
      await call(who.admin, 'POST', '/admin/users', {
        username: 'x1y',
        displayName: 'x',
        orgId: 'b-br1',
        password: PASSWORD,
      }),
      404,
    );
    const bad = await call(who.admin, 'POST', '/admin/users', {
      username: 'A',
      displayName: '',
      orgId: 'a-br1',
      password: 'short',
    });
    expectError(bad, 400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['displayName', 'password', 'username']);
    expectError(await call(who.admin, 'PATCH', `/admin/users/${u.id}`, { postIds: ['no-such-post'] }), 404);
    expectError(
      await call(who.admin, 'PATCH', '/admin/users/u-admin', { roleIds: ['admin', 'approver'] }),
      403,
      'SELF',
    );
    expectError(await call(who.admin, 'POST', '/admin/users/u-admin/disable'), 409);
    // disable, enable, unlock, resets
    await platform.ds.query('UPDATE user SET locked_until = ? WHERE id = ?', [
      new Date(Date.now() + 600_000),
      u.id,
    ]);
    const locked = ok<{ items: AdminUser[] }>(
      await call(who.admin, 'GET', '/admin/users', { status: 'locked' }),
    ).items;
    expect(locked.map((x) => x.id)).toEqual([u.id]);
    expect(ok<AdminUser>(await call(who.admin, 'POST', `/admin/users/${u.id}/unlock`)).locked).toBe(false);
    expect(ok<AdminUser>(await call(who.admin, 'POST', `/admin/users/${u.id}/disable`)).status).toBe(
      'disabled',
    );
    expect(ok<AdminUser>(await call(who.admin, 'POST', `/admin/users/${u.id}/enable`)).status).toBe('active');
    await platform.ds.query('UPDATE user SET must_change_password = 0 WHERE id = ?', [u.id]);
    const reset = ok<AdminUser>(
      await call(who.admin, 'POST', `/admin/users/${u.id}/reset-password`, { password: 'Another-Passw0rd' }),
    );
    expect(reset.mustChangePassword).toBe(true);
    ok(await call(who.admin, 'POST', `/admin/users/${u.id}/reset-mfa`));
    // another bank's user: 404 on every action
    for (const action of ['disable', 'enable', 'unlock', 'reset-mfa']) {
      expectError(await call(who.admin, 'POST', `/admin/users/u-bam1/${action}`), 404);
    }
    expectError(await call(who.admin, 'PATCH', '/admin/users/u-bam1', { displayName: 'x' }), 404);
    // without the permission: 403
    expectError(await call(who.am1, 'GET', '/admin/users'), 403);
    expectError(await call(who.am1, 'POST', `/admin/users/${u.id}/disable`), 403);
  });

  it('posts: the nine system posts', async () => {
    const posts = ok<{ items: { code: string; title: { 'zh-CN': string } }[] }>(
      await call(who.admin, 'GET', '/admin/posts'),
    );
    expect(posts.items.map((p) => p.title['zh-CN'])).toEqual([
      '客户经理',
      '调查岗',
      '审查岗',
      '审批岗',
      '放款审核岗',
      '贷后管理岗',
      '支行行长',
      '总行管理岗',
      '省联社管理员',
    ]);
  });
});

describe('orgs', () => {
  it('a move rewrites the subtree’s paths in one go; cycles, the HQ and non-empty deletes are refused', async () => {
    const br3 = ok<Org>(
      await call(who.admin, 'POST', '/admin/orgs', { parentId: 'a-hq', name: '新区支行', kind: 'branch' }),
    );
    expect(br3.path).toBe(`/bank-a/a-hq/${br3.id}/`);
    const sub = ok<Org>(
      await call(who.admin, 'POST', '/admin/orgs', { parentId: br3.id, name: '新区一所', kind: 'subbranch' }),
    );
    const moved = ok<Org>(
      await call(who.admin, 'PATCH', `/admin/orgs/${br3.id}`, { parentId: 'a-br1', sort: 5 }),
    );
    expect(moved).toMatchObject({ parentId: 'a-br1', path: `/bank-a/a-hq/a-br1/${br3.id}/`, sort: 5 });
    const tree = ok<{ items: Org[] }>(await call(who.admin, 'GET', '/admin/orgs')).items;
    expect(tree.find((o) => o.id === sub.id)?.path).toBe(`/bank-a/a-hq/a-br1/${br3.id}/${sub.id}/`);
    expect(tree.map((o) => o.id).indexOf(sub.id)).toBeGreaterThan(tree.map((o) => o.id).indexOf(br3.id));
    expectError(await call(who.admin, 'PATCH', `/admin/orgs/${br3.id}`, { parentId: sub.id }), 400);
    expectError(await call(who.admin, 'PATCH', '/admin/orgs/a-hq', { parentId: 'a-br1' }), 409);
    expectError(await call(who.admin, 'PATCH', `/admin/orgs/${br3.id}`, { parentId: 'b-hq' }), 404);
    expectError(await call(who.admin, 'DELETE', `/admin/orgs/${br3.id}`), 409);
    expectError(await call(who.admin, 'DELETE', '/admin/orgs/a-br2'), 409); // am2 works there
    ok(await call(who.admin, 'DELETE', `/admin/orgs/${sub.id}`));
    ok(await call(who.admin, 'DELETE', `/admin/orgs/${br3.id}`));
    // another bank's org tree and records
    expectError(await call(who.admin, 'GET', '/admin/orgs', { bankId: 'bank-b' }), 404);
    expectError(await call(who.admin, 'PATCH', '/admin/orgs/b-br1', { name: 'x' }), 404);
    expect(
      ok<{ items: Org[] }>(await call(who.union1, 'GET', '/admin/orgs', { bankId: 'bank-b' })).items.map(
        (o) => o.id,
      ),
    ).toEqual(['b-hq', 'b-br1']);
  });
});

describe('menus', () => {
  it('union admins change the tree, with validations; bank admins read their package only', async () => {
    const mine = ok<{ items: MenuItem[] }>(await call(who.admin, 'GET', '/admin/menus')).items.map(
      (m) => m.id,
    );
    expect(mine).not.toContain('m-admin-banks');
    expect(mine).toContain('b-app-approve');
    expectError(
      await call(who.admin, 'POST', '/admin/menus', {
        parentId: null,
        kind: 'directory',
        title: { 'zh-CN': 'x', 'en-US': 'x' },
      }),
      403,
    );
    const title = { 'zh-CN': '报表', 'en-US': 'Reports' };
    const dir = ok<MenuItem>(
      await call(who.union1, 'POST', '/admin/menus', {
        parentId: null,
        kind: 'directory',
        title,
        icon: 'BarChartOutlined',
      }),
    );
    expectError(
      await call(who.union1, 'POST', '/admin/menus', { parentId: dir.id, kind: 'page', title }),
      400,
    );
    expectError(
      await call(who.union1, 'POST', '/admin/menus', {
        parentId: dir.id,
        kind: 'button',
        title,
        permission: 'x:y',
      }),
      400,
    );
    expectError(
      await call(who.union1, 'POST', '/admin/menus', {
        parentId: dir.id,
        kind: 'page',
        title,
        app: 'mf-credit',
        route: '/credit',
        permission: 'report:read',
      }),
      409,
    );
    expectError(
      await call(who.union1, 'POST', '/admin/menus', { parentId: 'nope', kind: 'directory', title }),
      400,
    );
    const pg = ok<MenuItem>(
      await call(who.union1, 'POST', '/admin/menus', {
        parentId: dir.id,
        kind: 'page',
        title,
        app: 'mf-report',
        route: '/report',
        permission: 'report:read',
      }),
    );
    const btn = ok<MenuItem>(
      await call(who.union1, 'POST', '/admin/menus', {
        parentId: pg.id,
        kind: 'button',
        title,
        permission: 'report:export',
      }),
    );
    expectError(await call(who.union1, 'PATCH', `/admin/menus/${dir.id}`, { parentId: pg.id }), 400);
    expectError(await call(who.union1, 'PATCH', `/admin/menus/${btn.id}`, { kind: 'page' }), 400);
    expect(
      ok<MenuItem>(await call(who.union1, 'PATCH', `/admin/menus/${pg.id}`, { hidden: true })).hidden,
    ).toBe(true);
    const t0 = Date.now();
    const order = ok<{ items: MenuItem[] }>(
      await call(who.union1, 'POST', '/admin/menus/reorder', {
        parentId: 'm-credit-apps',
        ids: ['b-app-approve', 'b-app-submit', 'b-app-create'],
      }),
    );
    // the three named keep the order given, among the parent's other children
    expect(
      order.items
        .map((m) => m.id)
        .filter((id) => ['b-app-approve', 'b-app-submit', 'b-app-create'].includes(id)),
    ).toEqual(['b-app-approve', 'b-app-submit', 'b-app-create']);
    expect(await epoch(accessEpochKey.all)).toBeGreaterThanOrEqual(t0);
    expectError(
      await call(who.union1, 'POST', '/admin/menus/reorder', {
        parentId: 'm-credit-apps',
        ids: ['m-customer-list'],
      }),
      400,
    );
    expectError(await call(who.union1, 'DELETE', `/admin/menus/${dir.id}`), 409);
    for (const id of [btn.id, pg.id, dir.id]) ok(await call(who.union1, 'DELETE', `/admin/menus/${id}`));
    expectError(await call(who.union1, 'DELETE', `/admin/menus/${dir.id}`), 404);
  });
});

describe('banks', () => {
  it('the union adds a bank with its HQ and package; disabling it stops its users; bank admins cannot', async () => {
    expectError(await call(who.admin, 'GET', '/admin/banks'), 403);
    const bank = ok<{ id: string; menuIds: string[] }>(
      await call(who.union1, 'POST', '/admin/banks', {
        code: 'C001',
        name: '远山农商银行',
        hqName: '远山总行',
        menuIds: ['b-customer-create'],
      }),
    );
    // ancestors come with a node
    expect(bank.menuIds).toEqual(['b-customer-create', 'm-customer', 'm-customer-list']);
    expectError(
      await call(who.union1, 'POST', '/admin/banks', { code: 'C001', name: 'x', hqName: 'x' }),
      409,
    );
    expectError(
      await call(who.union1, 'POST', '/admin/banks', {
        code: 'C002',
        name: 'x',
        hqName: 'x',
        menuIds: ['m-admin-banks'],
      }),
      400,
    );
    const orgs = ok<{ items: Org[] }>(
      await call(who.union1, 'GET', '/admin/orgs', { bankId: bank.id }),
    ).items;
    expect(orgs).toMatchObject([{ kind: 'hq', name: '远山总行', path: `/${bank.id}/${bank.id}-hq/` }]);
    ok(await call(who.union1, 'PATCH', '/admin/banks/bank-b', { status: 'disabled' }));
    await expect(new PrincipalBuilder(platform.ds).build('u-bam1')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    ok(await call(who.union1, 'PATCH', '/admin/banks/bank-b', { status: 'active' }));
    expectError(await call(who.union1, 'PATCH', '/admin/banks/union', { status: 'disabled' }), 409);
    expectError(await call(who.union1, 'PATCH', '/admin/banks/nope', { name: 'x' }), 404);
  });
});

describe('audit export', () => {
  it('CSV with BOM, the list’s filters and bank scope; 403 without the permission', async () => {
    // wait for this file's admin changes to reach the chain
    const waitRows = async (sql: string, params: unknown[]) => {
      for (let i = 0; i < 100; i++) {
        const [r] = await platform.ds.query(sql, params);
        if (Number(r.n) > 0) return;
        await new Promise((res) => setTimeout(res, 50));
      }
    };
    await waitRows(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'platform.createRole' AND bank_id = 'union'",
      [],
    );
    await waitRows(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'platform.createRole' AND bank_id = 'bank-a'",
      [],
    );
    expectError(await call(who.am1, 'POST', '/audit/export', {}), 403);
    const out = ok<{
      csv: string;
      rows: number;
      total: number;
      nextCursor: string | null;
      filename: string;
    }>(await call(who.admin, 'POST', '/audit/export', { action: 'platform.createRole' }));
    expect(out.csv.startsWith('\uFEFFchain,seq,at,username,userId,bankId,')).toBe(true);
    const lines = out.csv.slice(1).trim().split('\r\n');
    expect(lines.length - 1).toBe(out.rows);
    expect(out.rows).toBeGreaterThan(0);
    expect(out.nextCursor).toBeNull();
    expect(out.total).toBe(out.rows);
    // the bank's own chain, numbered on its own
    expect(lines.slice(1).every((l) => l.startsWith('bank-a,'))).toBe(true);
    const [{ n }] = await platform.ds.query(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'platform.createRole' AND bank_id = 'bank-a'",
    );
    expect(out.rows).toBe(Number(n));
    expect(out.csv).not.toContain(',union,');
    expect(out.csv).toContain('测试角色');
    const all = ok<{ csv: string; rows: number }>(
      await call(who.union1, 'POST', '/audit/export', { action: 'platform.createRole' }),
    );
    expect(all.rows).toBeGreaterThan(out.rows);
    expect(all.csv).toContain('\r\nunion,');
    // a cursor is only what an export returned
    expectError(await call(who.admin, 'POST', '/audit/export', { cursor: 'bm90LWEtY3Vyc29y' }), 400);
    // the byte bound (one NATS message) splits the export into parts that add up to every record;
    // records keep arriving (the two exports' own): compare up to a fixed time once they are in
    // (am1's refusal, the two exports and the refused cursor)
    await waitRows("SELECT COUNT(*) >= 4 AS n FROM audit_log WHERE action = 'platform.exportAudit'", []);
    const to = new Date().toISOString();
    const whole = await platform.audit.export(who.union1, { to });
    expect(whole.nextCursor).toBeNull();
    let parts = 0;
    let joined = '';
    let next: string | null = null;
    do {
      const p = await platform.audit.export(who.union1, { to, ...(next ? { cursor: next } : {}) }, 2000);
      // a part holds at least one record, however big, so an export always ends
      if (p.rows > 1) expect(Buffer.byteLength(JSON.stringify(p.csv))).toBeLessThan(2000);
      // opaque: no sequence number of any chain
      if (p.nextCursor) expect(p.nextCursor).toMatch(/^[\w-]+$/);
      joined += p.csv;
      next = p.nextCursor;
      parts++;
    } while (next);
    expect(parts).toBeGreaterThan(1);
    expect(joined).toBe(whole.csv);
  });
});
