import type { Locale } from '@zhanye/contracts';

/** Words every admin page uses; each page adds its own table (`<page>.text.ts`). */
const zh = {
  /** The language of these words (for helpers that take a locale). */
  locale: 'zh-CN' as Locale,
  ok: '确定',
  cancel: '取消',
  save: '保存',
  create: '新建',
  edit: '编辑',
  delete: '删除',
  actions: '操作',
  refresh: '刷新',
  search: '查询',
  reset: '重置',
  done: '操作成功',
  required: '必填',
  yes: '是',
  no: '否',
  all: '全部',
  confirmDelete: (name: string) => `确定删除「${name}」？`,
  total: (n: number) => `共 ${n} 条`,
};

export type CommonText = typeof zh;

const en: CommonText = {
  locale: 'en-US',
  ok: 'OK',
  cancel: 'Cancel',
  save: 'Save',
  create: 'New',
  edit: 'Edit',
  delete: 'Delete',
  actions: 'Actions',
  refresh: 'Refresh',
  search: 'Search',
  reset: 'Reset',
  done: 'Done',
  required: 'Required',
  yes: 'Yes',
  no: 'No',
  all: 'All',
  confirmDelete: (name) => `Delete “${name}”?`,
  total: (n) => `${n} in total`,
};

export const commonText: Record<Locale, CommonText> = { 'zh-CN': zh, 'en-US': en };
