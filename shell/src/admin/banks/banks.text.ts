import type { Locale } from '@zhanye/contracts';

const zh = {
  title: '银行管理',
  newBank: '新增银行',
  editBank: '编辑银行',
  code: '银行编码',
  codeHint: '2-16 位大写字母或数字，创建后不可修改',
  name: '银行名称',
  hqName: '总行机构名称',
  status: '状态',
  statuses: { active: '正常', disabled: '已停用' },
  users: '用户数',
  menus: '菜单包',
  menusCount: (n: number) => `${n} 项`,
  packageHint: '该银行可以使用的目录、页面和按钮；其管理员只能在此范围内授权。',
  created: '创建时间',
  disable: '停用',
  enable: '启用',
  disableConfirm: (name: string) => `停用「${name}」？该行用户将无法登录。`,
  empty: '暂无银行',
};

export type BanksText = typeof zh;

const en: BanksText = {
  title: 'Banks',
  newBank: 'New bank',
  editBank: 'Edit bank',
  code: 'Code',
  codeHint: '2-16 upper-case letters or digits; fixed once created',
  name: 'Name',
  hqName: 'Head office name',
  status: 'Status',
  statuses: { active: 'Active', disabled: 'Disabled' },
  users: 'Users',
  menus: 'Menu package',
  menusCount: (n) => `${n} items`,
  packageHint: 'The directories, pages and buttons this bank may use; its admins grant only within it.',
  created: 'Created',
  disable: 'Disable',
  enable: 'Enable',
  disableConfirm: (name) => `Disable “${name}”? Its users can no longer sign in.`,
  empty: 'No banks yet',
};

export const banksText: Record<Locale, BanksText> = { 'zh-CN': zh, 'en-US': en };
