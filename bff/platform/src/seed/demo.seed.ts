import { type DataScope, Permissions as P } from '@zhanye/contracts';
import type { Logger } from '@zhanye/kit';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../identity/identity.service.ts';
import {
  grantDeclared,
  MENUS,
  seedAccessModel,
  UNION_ADMIN_ROLE,
  UNION_BANK,
  UNION_HQ,
  UNION_ONLY_MENUS,
} from './access.seed.ts';

/** The password of every demo user. Demo data only: never loaded outside `ZY_SEED_DEMO=1`. */
export const DEMO_PASSWORD = 'Zhanye@2026';

const banks = [
  { id: 'bank-a', code: 'A001', name: '青山农商银行' },
  { id: 'bank-b', code: 'B001', name: '绿水农商银行' },
];
const orgs = [
  { id: 'a-hq', bank: 'bank-a', parent: null, name: '青山农商银行总行', kind: 'hq', sort: 0 },
  { id: 'a-br1', bank: 'bank-a', parent: 'a-hq', name: '城关支行', kind: 'branch', sort: 1 },
  { id: 'a-br2', bank: 'bank-a', parent: 'a-hq', name: '河西支行', kind: 'branch', sort: 2 },
  // a business division at head office with its own credit chain (事业部制)
  { id: 'a-div', bank: 'bank-a', parent: 'a-hq', name: '普惠金融事业部', kind: 'division', sort: 3 },
  { id: 'b-hq', bank: 'bank-b', parent: null, name: '绿水农商银行总行', kind: 'hq', sort: 0 },
  { id: 'b-br1', bank: 'bank-b', parent: 'b-hq', name: '东关支行', kind: 'branch', sort: 1 },
] as const;

/** Menu ids (pages and buttons) as the apps and the shell check them. */
const BUSINESS_READ = ['m-customer-list', 'm-marketing-leads', 'm-credit-apps', 'm-risk-decisions'];

/**
 * Shared templates (bank NULL) as before, now granting menu nodes; `permissions` are API grants
 * outside menus. Effective permissions of the existing roles are what they were, plus the
 * administration pages for `admin`.
 */
const roles: {
  id: string;
  bank: string | null;
  name: string;
  scope: DataScope;
  menus: string[];
  permissions?: string[];
  orgs?: string[];
  /** Roles its holders may give users without holding their codes ("may assign"). */
  assigns?: string[];
}[] = [
  {
    id: 'account_manager',
    bank: null,
    name: '客户经理',
    scope: 'self',
    menus: [
      'm-customer-list',
      'b-customer-create',
      'm-marketing-leads',
      'b-lead-create',
      'm-credit-apps',
      'b-app-create',
      'b-app-submit',
    ],
  },
  {
    id: 'approver',
    bank: null,
    name: '审批岗',
    scope: 'bank',
    menus: ['m-customer-list', 'm-credit-apps', 'b-app-approve', 'm-risk-decisions'],
  },
  { id: 'branch_head', bank: null, name: '支行行长', scope: 'orgAndBelow', menus: BUSINESS_READ },
  {
    id: 'admin',
    bank: null,
    name: '系统管理员',
    scope: 'bank',
    menus: [
      ...BUSINESS_READ,
      'm-admin-releases',
      'b-release-manage',
      'b-release-approve',
      'm-admin-audit',
      'b-audit-export',
      'm-admin-users',
      'b-user-create',
      'b-user-update',
      'b-user-disable',
      'b-user-unlock',
      'b-user-reset',
      'm-admin-roles',
      'b-role-manage',
      'm-admin-menus',
      'm-admin-orgs',
      'b-org-manage',
      'm-admin-sessions',
      'b-session-revoke',
    ],
    // a bank's administrator staffs the bank with the business roles, without doing their work;
    // the developer role is not theirs to give
    assigns: ['account_manager', 'approver', 'branch_head', 'investigator', 'reviewer', 'credit_admin'],
  },
  {
    id: 'developer',
    bank: null,
    name: '开发人员',
    scope: 'bank',
    menus: BUSINESS_READ,
    permissions: [P.devOverride],
  },
  // the credit posts of 三台六岗 beyond the account manager and the approver
  {
    id: 'investigator',
    bank: null,
    name: '调查岗',
    scope: 'org',
    // the product's terms and investigation form are what they work on
    menus: ['m-customer-list', 'm-credit-apps', 'm-credit-todos', 'b-app-investigate', 'm-credit-products'],
  },
  {
    id: 'reviewer',
    bank: null,
    name: '审查岗',
    scope: 'bank',
    menus: [
      'm-customer-list',
      'm-credit-apps',
      'm-credit-todos',
      'b-app-review',
      'b-evidence-export',
      'm-risk-decisions',
      'm-credit-stats',
      'm-credit-products',
    ],
  },
  {
    id: 'credit_admin',
    bank: null,
    name: '信贷管理员',
    scope: 'bank',
    menus: [
      'm-credit-apps',
      'b-evidence-export',
      'm-credit-products',
      'b-product-manage',
      'm-credit-rules',
      'b-rule-manage',
      'm-credit-limits',
      'b-limit-manage',
      'b-limit-approve',
      'm-credit-stats',
      'm-credit-jobs',
    ],
  },
  // the risk console's decision flows: an analyst draws and tests, a manager publishes (四眼原则)
  {
    id: 'risk_analyst',
    bank: null,
    name: '风控分析岗',
    scope: 'bank',
    menus: [
      'm-customer-list',
      'm-risk-decisions',
      'm-risk-flows',
      'b-flow-edit',
      'm-risk-models',
      'm-risk-warnings',
      'm-risk-features',
      'b-feature-edit',
      'b-feature-compute',
      'm-risk-batch',
    ],
  },
  {
    id: 'risk_manager',
    bank: null,
    name: '风控管理岗',
    scope: 'bank',
    menus: [
      'm-customer-list',
      'm-risk-decisions',
      'm-risk-flows',
      'b-flow-edit',
      'b-flow-publish',
      'm-risk-models',
      'm-risk-warnings',
      'b-risk-warning-handle',
      'b-risk-warning-close',
      'b-risk-warning-rules',
      'm-risk-features',
      'b-feature-edit',
      'b-feature-compute',
      'm-risk-batch',
      'b-batch-create',
      'b-batch-control',
      'b-batch-export',
    ],
  },
  // the union's risk staff keep the standard flows every bank uses (union scope: `all`)
  {
    id: 'union_risk_analyst',
    bank: UNION_BANK,
    name: '省联社风控分析岗',
    scope: 'all',
    menus: [
      'm-risk-decisions',
      'm-risk-flows',
      'b-flow-edit',
      'm-risk-models',
      'm-risk-warnings',
      'm-risk-features',
    ],
  },
  {
    id: 'union_risk_manager',
    bank: UNION_BANK,
    name: '省联社风控管理岗',
    scope: 'all',
    menus: [
      'm-risk-decisions',
      'm-risk-flows',
      'b-flow-edit',
      'b-flow-publish',
      'm-risk-models',
      'b-model-manage',
      'm-risk-features',
    ],
  },
  // a bank's own role with a custom data scope: inspection of one branch from HQ
  {
    id: 'a_inspector',
    bank: 'bank-a',
    name: '稽核岗（城关）',
    scope: 'custom',
    menus: ['m-customer-list', 'm-credit-apps', 'm-risk-decisions'],
    orgs: ['a-br1'],
  },
];

/** username, display name, bank, org, role, post. */
export const demoUsers = [
  ['am1', '张伟', 'bank-a', 'a-br1', 'account_manager', 'p-account-manager'],
  ['am2', '刘洋', 'bank-a', 'a-br2', 'account_manager', 'p-account-manager'],
  ['approver1', '赵敏', 'bank-a', 'a-hq', 'approver', 'p-approver'],
  ['head1', '陈静', 'bank-a', 'a-br1', 'branch_head', 'p-branch-head'],
  ['admin', '王管理', 'bank-a', 'a-hq', 'admin', 'p-hq-manager'],
  // a second administrator, so that four-eyes release approval can be shown
  ['admin2', '李审核', 'bank-a', 'a-hq', 'admin', 'p-hq-manager'],
  // may point an app at a build on their own machine (developer override)
  ['dev1', '吴开发', 'bank-a', 'a-hq', 'developer', 'p-hq-manager'],
  ['bam1', '孙磊', 'bank-b', 'b-br1', 'account_manager', 'p-account-manager'],
  ['bapprover1', '周婷', 'bank-b', 'b-hq', 'approver', 'p-approver'],
  // sees the branch 城关 (custom data scope) from HQ
  ['inspector1', '郑稽核', 'bank-a', 'a-hq', 'a_inspector', 'p-reviewer'],
  // the credit desk of 三台六岗 and a business division's chain (事业部制)
  ['inv1', '孙调查', 'bank-a', 'a-br1', 'investigator', 'p-investigator'],
  ['inv2', '钱协查', 'bank-a', 'a-br1', 'investigator', 'p-investigator'],
  ['brapprover1', '吴审批', 'bank-a', 'a-br1', 'approver', 'p-approver'],
  ['reviewer1', '周审查', 'bank-a', 'a-hq', 'reviewer', 'p-reviewer'],
  ['creditadmin1', '郑信管', 'bank-a', 'a-hq', 'credit_admin', 'p-hq-manager'],
  ['divreviewer1', '冯审查', 'bank-a', 'a-div', 'reviewer', 'p-reviewer'],
  ['divapprover1', '何审批', 'bank-a', 'a-div', 'approver', 'p-approver'],
  // risk: decision flows (an analyst drafts and tests, a manager publishes someone else's version)
  ['riskanalyst1', '韩分析', 'bank-a', 'a-hq', 'risk_analyst', 'p-hq-manager'],
  ['riskmgr1', '褚风控', 'bank-a', 'a-hq', 'risk_manager', 'p-hq-manager'],
  ['unionrisk1', '卫联析', UNION_BANK, UNION_HQ, 'union_risk_analyst', 'p-union-admin'],
  ['unionriskmgr1', '蒋联控', UNION_BANK, UNION_HQ, 'union_risk_manager', 'p-union-admin'],
  // the union's administrator: banks, packages, the menu tree; reads every bank
  ['union1', '钱联社', UNION_BANK, UNION_HQ, UNION_ADMIN_ROLE, 'p-union-admin'],
] as const;

/** Bank packages: bank-a every node a bank may hold; bank-b without the risk console (its pages and buttons). */
const packages: Record<string, (menuId: string) => boolean> = {
  'bank-a': () => true,
  // (every node of the risk console: its pages `m-risk-*` and buttons `b-risk-*`, `b-flow-*`, `b-model-*`, `b-feature-*`, `b-batch-*`)
  'bank-b': (id) => id !== 'm-risk' && !/^(m-risk-|b-risk-|b-flow-|b-model-|b-feature-|b-batch-)/.test(id),
};

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
        "INSERT IGNORE INTO bank (id, code, name, status, created_at) VALUES (?, ?, ?, 'active', UTC_TIMESTAMP(3))",
        [b.id, b.code, b.name],
      );
    }
    for (const o of orgs) {
      await m.query(
        'INSERT IGNORE INTO org (id, bank_id, parent_id, path, name, kind, sort) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [o.id, o.bank, o.parent, orgPath(o.id), o.name, o.kind, o.sort],
      );
    }
    // the union, the standard menu tree and posts first: roles and packages refer to them
    await seedAccessModel(m);
    for (const r of roles) {
      await m.query(
        'INSERT IGNORE INTO role (id, bank_id, code, name, data_scope, mfa_required) VALUES (?, ?, ?, ?, ?, 0)',
        [r.id, r.bank, r.id, r.name, r.scope],
      );
      for (const menuId of r.menus) {
        await m.query('INSERT IGNORE INTO role_menu (role_id, menu_id) VALUES (?, ?)', [r.id, menuId]);
      }
      for (const p of r.permissions ?? []) {
        await m.query('INSERT IGNORE INTO role_permission (role_id, permission) VALUES (?, ?)', [r.id, p]);
      }
      for (const id of r.assigns ?? []) {
        await m.query('INSERT IGNORE INTO role_assignable (role_id, assignable_role_id) VALUES (?, ?)', [
          r.id,
          id,
        ]);
      }
      for (const orgId of r.orgs ?? []) {
        await m.query('INSERT IGNORE INTO role_org (role_id, org_id) VALUES (?, ?)', [r.id, orgId]);
      }
    }
    // the templates hold what each domain declares for them (pages added since the roles were written)
    await grantDeclared(m);
    for (const [bankId, holds] of Object.entries(packages)) {
      for (const { id: menuId } of MENUS) {
        if (!holds(menuId) || UNION_ONLY_MENUS.includes(menuId)) continue;
        await m.query('INSERT IGNORE INTO bank_menu (bank_id, menu_id) VALUES (?, ?)', [bankId, menuId]);
      }
    }
    for (const [username, name, bank, org, role, post] of demoUsers) {
      const id = `u-${username}`;
      await m.query(
        `INSERT IGNORE INTO user (id, bank_id, org_id, username, display_name, password_hash, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'active', UTC_TIMESTAMP(3))`,
        [id, bank, org, username, name, hash],
      );
      await m.query('INSERT IGNORE INTO user_role (user_id, role_id) VALUES (?, ?)', [id, role]);
      await m.query('INSERT IGNORE INTO user_post (user_id, post_id) VALUES (?, ?)', [id, post]);
    }
  });
  log.info({ banks: banks.length, users: demoUsers.length }, 'demo data loaded');
}
