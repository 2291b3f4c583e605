import type { Locale } from '@zhanye/contracts';

/** Menu words shared by the roles, banks and menus pages. */
const zh = {
  kinds: { directory: '目录', page: '页面', button: '按钮', hidden: '隐藏' },
  linked: '父子联动（勾选页面即包含其按钮）',
};
export type MenuText = typeof zh;
const en: MenuText = {
  kinds: { directory: 'Directory', page: 'Page', button: 'Button', hidden: 'Hidden' },
  linked: 'Linked (ticking a page includes its buttons)',
};
export const menuText: Record<Locale, MenuText> = { 'zh-CN': zh, 'en-US': en };
