import type { Locale } from '@zhanye/contracts';

const zh = {
  title: '菜单管理',
  tree: '菜单树',
  dragHint: '拖动节点可调整顺序或改变上级。',
  addRoot: '新增顶级目录',
  addChild: '新增下级',
  moveUp: '上移',
  moveDown: '下移',
  detail: '节点详情',
  pick: '在左侧选择一个节点。',
  newNode: '新增菜单节点',
  parent: '上级节点',
  root: '（顶级）',
  kind: '类型',
  titleZh: '中文名称',
  titleEn: '英文名称',
  icon: '图标',
  app: '应用',
  appHint: 'shell 或 mf-xxx',
  route: '路由',
  routeHint: '如 /credit/applications',
  permission: '权限标识',
  permissionHint: '页面与按钮必填，如 customer:create',
  hidden: '隐藏（仍授予权限，但不显示在菜单中）',
  empty: '暂无菜单',
};

export type MenusText = typeof zh;

const en: MenusText = {
  title: 'Menus',
  tree: 'Menu tree',
  dragHint: 'Drag a node to reorder it or give it another parent.',
  addRoot: 'New top-level directory',
  addChild: 'Add child',
  moveUp: 'Move up',
  moveDown: 'Move down',
  detail: 'Node',
  pick: 'Pick a node on the left.',
  newNode: 'New menu node',
  parent: 'Parent',
  root: '(top level)',
  kind: 'Kind',
  titleZh: 'Chinese title',
  titleEn: 'English title',
  icon: 'Icon',
  app: 'App',
  appHint: 'shell or mf-xxx',
  route: 'Route',
  routeHint: 'e.g. /credit/applications',
  permission: 'Permission code',
  permissionHint: 'Required for pages and buttons, e.g. customer:create',
  hidden: 'Hidden (still grants its permission, not shown in the menu)',
  empty: 'No menus yet',
};

export const menusText: Record<Locale, MenusText> = { 'zh-CN': zh, 'en-US': en };
