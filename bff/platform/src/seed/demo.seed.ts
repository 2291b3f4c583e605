import { type DataScope, Permissions as P } from '@zhanye/contracts';
import type { Logger } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../identity/identity.service.ts';

/** The password of every demo user. Demo data only: never loaded outside `ZY_SEED_DEMO=1`. */
export const DEMO_PASSWORD = 'Zhanye@2026';

const banks = [
  { id: 'bank-a', code: 'A001', name: '青山农商银行' },
  { id: 'bank-b', code: 'B001', name: '绿水农商银行' },
];
const orgs = [
  { id: 'a-hq', bank: 'bank-a', parent: null, name: '青山农商银行总行', kind: 'hq' },
  { id: 'a-br1', bank: 'bank-a', parent: 'a-hq', name: '城关支行', kind: 'branch' },
  { id: 'a-br2', bank: 'bank-a', parent: 'a-hq', name: '河西支行', kind: 'branch' },
  { id: 'b-hq', bank: 'bank-b', parent: null, name: '绿水农商银行总行', kind: 'hq' },
  { id: 'b-br1', bank: 'bank-b', parent: 'b-hq', name: '东关支行', kind: 'branch' },
] as const;

const roles: { id: string; name: string; scope: DataScope; permissions: string[] }[] = [
  {
    id: 'account_manager',
    name: '客户经理',
    scope: 'self',
    permissions: [
      P.customerRead,
      P.customerCreate,
      P.leadRead,
      P.leadCreate,
      P.applicationRead,
      P.applicationCreate,
      P.applicationSubmit,
    ],
  },
  {
    id: 'approver',
    name: '审批岗',
    scope: 'bank',
    permissions: [P.customerRead, P.applicationRead, P.applicationApprove, P.decisionRead],
  },
  {
    id: 'branch_head',
    name: '支行行长',
    scope: 'orgAndBelow',
    permissions: [P.customerRead, P.leadRead, P.applicationRead, P.decisionRead],
  },
  {
    id: 'admin',
    name: '系统管理员',
    scope: 'bank',
    permissions: [
      P.customerRead,
      P.leadRead,
      P.applicationRead,
      P.decisionRead,
      P.releaseRead,
      P.releaseManage,
      P.releaseApprove,
      P.auditRead,
    ],
  },
  {
    id: 'developer',
    name: '开发人员',
    scope: 'bank',
    permissions: [P.customerRead, P.leadRead, P.applicationRead, P.decisionRead, P.devOverride],
  },
];

/** username, display name, bank, org, role. */
export const demoUsers = [
  ['am1', '张伟', 'bank-a', 'a-br1', 'account_manager'],
  ['am2', '刘洋', 'bank-a', 'a-br2', 'account_manager'],
  ['approver1', '赵敏', 'bank-a', 'a-hq', 'approver'],
  ['head1', '陈静', 'bank-a', 'a-br1', 'branch_head'],
  ['admin', '王管理', 'bank-a', 'a-hq', 'admin'],
  // a second administrator, so that four-eyes release approval can be shown
  ['admin2', '李审核', 'bank-a', 'a-hq', 'admin'],
  // may point an app at a build on their own machine (developer override)
  ['dev1', '吴开发', 'bank-a', 'a-hq', 'developer'],
  ['bam1', '孙磊', 'bank-b', 'b-br1', 'account_manager'],
  ['bapprover1', '周婷', 'bank-b', 'b-hq', 'approver'],
] as const;

const menus = [
  ['m-customer', null, 'directory', '客户中心', 'Customers', 'TeamOutlined', null, null, null, 10],
  [
    'm-customer-list',
    'm-customer',
    'page',
    '客户管理',
    'Customer list',
    null,
    'mf-customer',
    '/customer',
    P.customerRead,
    11,
  ],
  ['m-marketing', null, 'directory', '营销管理', 'Marketing', 'RiseOutlined', null, null, null, 20],
  [
    'm-marketing-leads',
    'm-marketing',
    'page',
    '线索管理',
    'Leads',
    null,
    'mf-marketing',
    '/marketing',
    P.leadRead,
    21,
  ],
  ['m-credit', null, 'directory', '零售信贷', 'Retail credit', 'BankOutlined', null, null, null, 30],
  [
    'm-credit-apps',
    'm-credit',
    'page',
    '授信申请',
    'Credit applications',
    null,
    'mf-credit',
    '/credit',
    P.applicationRead,
    31,
  ],
  ['m-risk', null, 'directory', '风控中心', 'Risk console', 'SafetyOutlined', null, null, null, 40],
  [
    'm-risk-decisions',
    'm-risk',
    'page',
    '决策记录',
    'Decisions',
    null,
    'mf-risk-console',
    '/risk',
    P.decisionRead,
    41,
  ],
  ['m-admin', null, 'directory', '系统管理', 'Administration', 'SettingOutlined', null, null, null, 90],
  // served by the shell itself, not a remote
  [
    'm-admin-releases',
    'm-admin',
    'page',
    '发布管理',
    'Releases',
    null,
    'shell',
    '/admin/releases',
    P.releaseRead,
    91,
  ],
] as const;

function orgPath(id: string): string {
  const chain: string[] = [];
  let cur: string | null = id;
  while (cur) {
    const o = orgs.find((x) => x.id === cur);
    if (!o) break;
    chain.unshift(o.id);
    cur = o.parent;
  }
  const bank = orgs.find((x) => x.id === id)?.bank;
  return `/${bank}/${chain.join('/')}/`;
}

/** Idempotent: running it again changes nothing that exists (passwords included). */
export async function seedDemo(ds: DataSource, log: Logger): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await ds.transaction(async (m) => {
    for (const b of banks) {
      await m.query(
        'INSERT IGNORE INTO bank (id, code, name, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))',
        [b.id, b.code, b.name],
      );
    }
    for (const o of orgs) {
      await m.query(
        'INSERT IGNORE INTO org (id, bank_id, parent_id, path, name, kind) VALUES (?, ?, ?, ?, ?, ?)',
        [o.id, o.bank, o.parent, orgPath(o.id), o.name, o.kind],
      );
    }
    for (const r of roles) {
      await m.query(
        'INSERT IGNORE INTO role (id, bank_id, code, name, data_scope) VALUES (?, NULL, ?, ?, ?)',
        [r.id, r.id, r.name, r.scope],
      );
      for (const p of r.permissions) {
        await m.query('INSERT IGNORE INTO role_permission (role_id, permission) VALUES (?, ?)', [r.id, p]);
      }
    }
    for (const [username, name, bank, org, role] of demoUsers) {
      const id = `u-${username}`;
      await m.query(
        `INSERT IGNORE INTO user (id, bank_id, org_id, username, display_name, password_hash, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'active', UTC_TIMESTAMP(3))`,
        [id, bank, org, username, name, hash],
      );
      await m.query('INSERT IGNORE INTO user_role (user_id, role_id) VALUES (?, ?)', [id, role]);
    }
    for (const row of menus) {
      await m.query(
        `INSERT IGNORE INTO menu (id, parent_id, kind, title_zh, title_en, icon, app, route, permission, sort)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [...row],
      );
    }
  });
  log.info({ banks: banks.length, users: demoUsers.length }, 'demo data loaded');
}
