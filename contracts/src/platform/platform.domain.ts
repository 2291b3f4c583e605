import { defineDomain, menuButton, menuDirectory, menuPage } from '../domain.ts';
import { adminApi } from './admin.routes.ts';
import { auditApi } from './audit.routes.ts';
import { auditRecorded } from './audit.schema.ts';
import { orgMoved } from './org.events.ts';
import { platformPermissions as P } from './platform.permissions.ts';
import { accountApi, authApi, platformApi } from './platform.routes.ts';
import {
  authenticateCall,
  colleaguesCall,
  endSessionCall,
  mfaSetupCall,
  mfaVerifyCall,
  orgTreeCall,
  passwordStepCall,
  refreshSessionCall,
  registerReleaseCall,
  sessionPrincipalCall,
} from './platform.subjects.ts';
import { SESSION_BUCKETS } from './session.schema.ts';

const shellPage = (
  id: string,
  title: readonly [string, string],
  icon: string,
  route: string,
  permission: string,
  sort: number,
  unionOnly?: boolean,
) => menuPage(id, 'm-admin', title, { icon, app: 'shell', route, permission, sort, unionOnly });

/**
 * The platform: identity, sessions, orgs, roles, menus, the release registry and the audit trail.
 * Its administration pages are the shell's own. `authApi` is the gateway's `/api/auth/*` (sign-in
 * steps), answered by the platform through internal calls.
 */
export const platformDomain = defineDomain({
  name: 'platform',
  title: { zh: '系统管理', en: 'Administration' },
  apis: { auth: authApi, platform: platformApi, account: accountApi, admin: adminApi, audit: auditApi },
  permissions: P,
  answers: [
    authenticateCall,
    mfaSetupCall,
    mfaVerifyCall,
    passwordStepCall,
    refreshSessionCall,
    sessionPrincipalCall,
    endSessionCall,
    registerReleaseCall,
    orgTreeCall,
    colleaguesCall,
  ],
  events: [orgMoved],
  consumes: [{ durable: 'platform-audit', event: auditRecorded }],
  nats: { discovery: true, kv: { write: Object.keys(SESSION_BUCKETS) } },
  menus: [
    menuDirectory('m-admin', ['系统管理', 'Administration'], 'SettingOutlined', 90),
    shellPage('m-admin-users', ['用户管理', 'Users'], 'UserOutlined', '/admin/users', P.userRead, 92),
    menuButton('b-user-create', 'm-admin-users', ['新增用户', 'Add user'], P.userCreate, 1),
    menuButton('b-user-update', 'm-admin-users', ['修改用户', 'Edit user'], P.userUpdate, 2),
    menuButton('b-user-disable', 'm-admin-users', ['停用/启用', 'Disable / enable'], P.userDisable, 3),
    menuButton('b-user-unlock', 'm-admin-users', ['解锁', 'Unlock'], P.userUnlock, 4),
    menuButton('b-user-reset', 'm-admin-users', ['重置密码/MFA', 'Reset password / MFA'], P.userReset, 5),
    shellPage(
      'm-admin-roles',
      ['角色管理', 'Roles'],
      'SafetyCertificateOutlined',
      '/admin/roles',
      P.roleRead,
      93,
    ),
    menuButton('b-role-manage', 'm-admin-roles', ['维护角色', 'Manage roles'], P.roleManage, 1),
    shellPage('m-admin-menus', ['菜单管理', 'Menus'], 'MenuOutlined', '/admin/menus', P.menuRead, 94),
    menuButton('b-menu-manage', 'm-admin-menus', ['维护菜单', 'Manage menus'], P.menuManage, 1, true),
    shellPage(
      'm-admin-orgs',
      ['机构管理', 'Organisations'],
      'ApartmentOutlined',
      '/admin/orgs',
      P.orgRead,
      95,
    ),
    menuButton('b-org-manage', 'm-admin-orgs', ['维护机构', 'Manage organisations'], P.orgManage, 1),
    shellPage('m-admin-banks', ['法人行社', 'Banks'], 'BankOutlined', '/admin/banks', P.bankRead, 96, true),
    menuButton('b-bank-manage', 'm-admin-banks', ['维护法人行社', 'Manage banks'], P.bankManage, 1, true),
    shellPage(
      'm-admin-sessions',
      ['在线会话', 'Sessions'],
      'DesktopOutlined',
      '/admin/sessions',
      P.sessionRead,
      97,
    ),
    menuButton('b-session-revoke', 'm-admin-sessions', ['强制下线', 'End session'], P.sessionRevoke, 1),
    shellPage(
      'm-admin-audit',
      ['审计日志', 'Audit log'],
      'FileSearchOutlined',
      '/admin/audit',
      P.auditRead,
      98,
    ),
    menuButton('b-audit-export', 'm-admin-audit', ['导出', 'Export'], P.auditExport, 1),
    shellPage(
      'm-admin-releases',
      ['发布管理', 'Releases'],
      'CloudUploadOutlined',
      '/admin/releases',
      P.releaseRead,
      91,
    ),
    menuButton('b-release-manage', 'm-admin-releases', ['发布操作', 'Manage releases'], P.releaseManage, 1),
    menuButton(
      'b-release-approve',
      'm-admin-releases',
      ['发布审批', 'Approve releases'],
      P.releaseApprove,
      2,
    ),
  ],
});
