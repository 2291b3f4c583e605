import type { DataScope, Locale } from '@zhanye/contracts';

const zh = {
  title: '角色管理',
  newRole: '新建角色',
  editRole: '编辑角色',
  name: '角色名称',
  code: '角色编码',
  codeHint: '小写字母开头，可含数字和 _ . : -，创建后不可修改',
  dataScope: '数据范围',
  scopes: {
    self: '仅本人',
    org: '本机构',
    custom: '自定义机构',
    orgAndBelow: '本机构及以下',
    bank: '全行',
    all: '全联社（只读）',
  } satisfies Record<DataScope, string>,
  customOrgs: '可见机构',
  customOrgsRequired: '自定义范围至少选择一个机构',
  mfaRequired: '要求双因素认证',
  mfaHint: '持有该角色的用户登录时必须使用动态验证码',
  menus: '菜单与按钮权限',
  permissions: '菜单以外的接口权限',
  permissionsHint: '例如 platform:dev-override；只能授予你自己拥有的权限',
  assignable: '可分配的角色',
  assignableHint:
    '持有本角色的管理员可以把这些角色分配给用户，无需自己拥有其权限；只能选择你自己可分配的角色',
  users: '用户数',
  template: '内置模板',
  empty: '暂无角色',
};

export type RolesText = typeof zh;

const en: RolesText = {
  title: 'Roles',
  newRole: 'New role',
  editRole: 'Edit role',
  name: 'Name',
  code: 'Code',
  codeHint: 'Starts with a lower-case letter; digits and _ . : - allowed; fixed once created',
  dataScope: 'Data scope',
  scopes: {
    self: 'Own records',
    org: 'Own org',
    custom: 'Chosen orgs',
    orgAndBelow: 'Own org and below',
    bank: 'Whole bank',
    all: 'Every bank (read-only)',
  },
  customOrgs: 'Visible orgs',
  customOrgsRequired: 'Pick at least one org for a custom scope',
  mfaRequired: 'Requires MFA',
  mfaHint: 'Holders must sign in with a one-time code',
  menus: 'Menus and buttons',
  permissions: 'API permissions outside menus',
  permissionsHint: 'e.g. platform:dev-override; you can only grant what you hold yourself',
  assignable: 'Roles it may assign',
  assignableHint:
    'Holders of this role may give these roles to users without holding their rights; you can only pick roles you may assign yourself',
  users: 'Users',
  template: 'Built-in template',
  empty: 'No roles yet',
};

export const rolesText: Record<Locale, RolesText> = { 'zh-CN': zh, 'en-US': en };
