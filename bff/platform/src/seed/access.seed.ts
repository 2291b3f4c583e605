import { allPermissions, Permissions as P } from '@zhanye/contracts';
import type { EntityManager } from 'typeorm';

/** The union (the provincial credit union above the banks): every menu, every bank in reach. */
export const UNION_BANK = 'union';
export const UNION_HQ = 'union-hq';
export const UNION_ADMIN_ROLE = 'union_admin';

type MenuSeed = readonly [
  id: string,
  parent: string | null,
  kind: 'directory' | 'page' | 'button',
  titleZh: string,
  titleEn: string,
  icon: string | null,
  app: string | null,
  route: string | null,
  permission: string | null,
  sort: number,
];

const page = (
  id: string,
  parent: string,
  zh: string,
  en: string,
  icon: string | null,
  app: string,
  route: string,
  permission: string,
  sort: number,
): MenuSeed => [id, parent, 'page', zh, en, icon, app, route, permission, sort];
const button = (
  id: string,
  parent: string,
  zh: string,
  en: string,
  permission: string,
  sort: number,
): MenuSeed => [id, parent, 'button', zh, en, null, null, null, permission, sort];
const dir = (id: string, zh: string, en: string, icon: string, sort: number): MenuSeed => [
  id,
  null,
  'directory',
  zh,
  en,
  icon,
  null,
  null,
  null,
  sort,
];

/**
 * The standard menu tree: directories, the pages the apps and the shell serve, and the buttons
 * whose codes the apps check (`can(...)`) and the APIs require. Ids are stable: roles and packages
 * refer to them.
 */
export const MENUS: readonly MenuSeed[] = [
  dir('m-customer', '客户中心', 'Customers', 'TeamOutlined', 10),
  page(
    'm-customer-list',
    'm-customer',
    '客户管理',
    'Customer list',
    'IdcardOutlined',
    'mf-customer',
    '/customer',
    P.customerRead,
    11,
  ),
  button('b-customer-create', 'm-customer-list', '新建客户', 'New customer', P.customerCreate, 1),
  dir('m-marketing', '营销管理', 'Marketing', 'RiseOutlined', 20),
  page(
    'm-marketing-leads',
    'm-marketing',
    '线索管理',
    'Leads',
    'AimOutlined',
    'mf-marketing',
    '/marketing',
    P.leadRead,
    21,
  ),
  button('b-lead-create', 'm-marketing-leads', '新建线索', 'New lead', P.leadCreate, 1),
  dir('m-credit', '零售信贷', 'Retail credit', 'BankOutlined', 30),
  page(
    'm-credit-apps',
    'm-credit',
    '授信申请',
    'Credit applications',
    'FileTextOutlined',
    'mf-credit',
    '/credit',
    P.applicationRead,
    31,
  ),
  button('b-app-create', 'm-credit-apps', '新建申请', 'New application', P.applicationCreate, 1),
  button('b-app-submit', 'm-credit-apps', '提交审批', 'Submit', P.applicationSubmit, 2),
  button('b-app-approve', 'm-credit-apps', '审批', 'Approve or reject', P.applicationApprove, 3),
  dir('m-risk', '风控中心', 'Risk console', 'SafetyOutlined', 40),
  page(
    'm-risk-decisions',
    'm-risk',
    '决策记录',
    'Decisions',
    'AuditOutlined',
    'mf-risk-console',
    '/risk',
    P.decisionRead,
    41,
  ),
  dir('m-admin', '系统管理', 'Administration', 'SettingOutlined', 90),
  page(
    'm-admin-users',
    'm-admin',
    '用户管理',
    'Users',
    'UserOutlined',
    'shell',
    '/admin/users',
    P.userRead,
    92,
  ),
  button('b-user-create', 'm-admin-users', '新增用户', 'Add user', P.userCreate, 1),
  button('b-user-update', 'm-admin-users', '修改用户', 'Edit user', P.userUpdate, 2),
  button('b-user-disable', 'm-admin-users', '停用/启用', 'Disable / enable', P.userDisable, 3),
  button('b-user-unlock', 'm-admin-users', '解锁', 'Unlock', P.userUnlock, 4),
  button('b-user-reset', 'm-admin-users', '重置密码/MFA', 'Reset password / MFA', P.userReset, 5),
  page(
    'm-admin-roles',
    'm-admin',
    '角色管理',
    'Roles',
    'SafetyCertificateOutlined',
    'shell',
    '/admin/roles',
    P.roleRead,
    93,
  ),
  button('b-role-manage', 'm-admin-roles', '维护角色', 'Manage roles', P.roleManage, 1),
  page(
    'm-admin-menus',
    'm-admin',
    '菜单管理',
    'Menus',
    'MenuOutlined',
    'shell',
    '/admin/menus',
    P.menuRead,
    94,
  ),
  button('b-menu-manage', 'm-admin-menus', '维护菜单', 'Manage menus', P.menuManage, 1),
  page(
    'm-admin-orgs',
    'm-admin',
    '机构管理',
    'Organisations',
    'ApartmentOutlined',
    'shell',
    '/admin/orgs',
    P.orgRead,
    95,
  ),
  button('b-org-manage', 'm-admin-orgs', '维护机构', 'Manage organisations', P.orgManage, 1),
  page(
    'm-admin-banks',
    'm-admin',
    '法人行社',
    'Banks',
    'BankOutlined',
    'shell',
    '/admin/banks',
    P.bankRead,
    96,
  ),
  button('b-bank-manage', 'm-admin-banks', '维护法人行社', 'Manage banks', P.bankManage, 1),
  page(
    'm-admin-sessions',
    'm-admin',
    '在线会话',
    'Sessions',
    'DesktopOutlined',
    'shell',
    '/admin/sessions',
    P.sessionRead,
    97,
  ),
  button('b-session-revoke', 'm-admin-sessions', '强制下线', 'End session', P.sessionRevoke, 1),
  page(
    'm-admin-audit',
    'm-admin',
    '审计日志',
    'Audit log',
    'FileSearchOutlined',
    'shell',
    '/admin/audit',
    P.auditRead,
    98,
  ),
  button('b-audit-export', 'm-admin-audit', '导出', 'Export', P.auditExport, 1),
  page(
    'm-admin-releases',
    'm-admin',
    '发布管理',
    'Releases',
    'CloudUploadOutlined',
    'shell',
    '/admin/releases',
    P.releaseRead,
    91,
  ),
  button('b-release-manage', 'm-admin-releases', '发布操作', 'Manage releases', P.releaseManage, 1),
  button('b-release-approve', 'm-admin-releases', '发布审批', 'Approve releases', P.releaseApprove, 2),
];

/** Menu nodes only the union may hold: no bank's package includes them. */
export const UNION_ONLY_MENUS = ['m-admin-banks', 'b-bank-manage', 'b-menu-manage'] as const;

/** The system posts (shared by every bank): what a person does in the credit process. */
export const POSTS = [
  ['p-account-manager', 'account_manager', '客户经理', 'Account manager', 1],
  ['p-investigator', 'investigator', '调查岗', 'Investigator', 2],
  ['p-reviewer', 'reviewer', '审查岗', 'Reviewer', 3],
  ['p-approver', 'approver', '审批岗', 'Approver', 4],
  ['p-disbursement-checker', 'disbursement_checker', '放款审核岗', 'Disbursement checker', 5],
  ['p-post-loan-officer', 'post_loan_officer', '贷后管理岗', 'Post-loan officer', 6],
  ['p-branch-head', 'branch_head', '支行行长', 'Branch head', 7],
  ['p-hq-manager', 'hq_manager', '总行管理岗', 'HQ manager', 8],
  ['p-union-admin', 'union_admin', '省联社管理员', 'Union administrator', 9],
] as const;

/**
 * The standard menu tree and posts, and the union with its administrator role (every menu node,
 * every permission). Idempotent (`INSERT IGNORE`): a node an administrator changed keeps the change.
 */
export async function seedAccessModel(m: EntityManager): Promise<void> {
  for (const row of MENUS) {
    await m.query(
      `INSERT IGNORE INTO menu (id, parent_id, kind, title_zh, title_en, icon, app, route, permission, sort)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...row],
    );
  }
  for (const [id, code, zh, en, sort] of POSTS) {
    await m.query(
      'INSERT IGNORE INTO post (id, bank_id, code, title_zh, title_en, sort) VALUES (?, NULL, ?, ?, ?, ?)',
      [id, code, zh, en, sort],
    );
  }
  await m.query(
    "INSERT IGNORE INTO bank (id, code, name, status, created_at) VALUES (?, 'UNION', '省农村信用社联合社', 'active', UTC_TIMESTAMP(3))",
    [UNION_BANK],
  );
  await m.query(
    "INSERT IGNORE INTO org (id, bank_id, parent_id, path, name, kind, sort) VALUES (?, ?, NULL, ?, '省联社', 'hq', 0)",
    [UNION_HQ, UNION_BANK, `/${UNION_BANK}/${UNION_HQ}/`],
  );
  await m.query(
    "INSERT IGNORE INTO role (id, bank_id, code, name, data_scope, mfa_required) VALUES (?, ?, ?, '省联社管理员', 'all', 0)",
    [UNION_ADMIN_ROLE, UNION_BANK, UNION_ADMIN_ROLE],
  );
  await m.query('INSERT IGNORE INTO role_menu (role_id, menu_id) SELECT ?, id FROM menu', [UNION_ADMIN_ROLE]);
  await grantUnionAdminEveryCode(m);
}

/**
 * The union holds every menu anyway; every code as an API grant too, so the union administrator
 * keeps every permission whatever happens to the menu tree. Run at every start as well: a code a
 * later release adds reaches the union administrator, who can then grant it (nobody grants a code
 * they lack, `admin/grants.ts`). Nothing happens before the union exists.
 */
export async function grantUnionAdminEveryCode(m: Pick<EntityManager, 'query'>): Promise<void> {
  await m.query(
    `INSERT IGNORE INTO role_permission (role_id, permission)
     SELECT r.id, p.code FROM role r
       JOIN (${allPermissions.map(() => 'SELECT ? AS code').join(' UNION ALL ')}) p
      WHERE r.id = ?`,
    [...allPermissions, UNION_ADMIN_ROLE],
  );
}
