import type { Locale } from '@zhanye/contracts';

/** Words every admin page uses; each page adds its own table (`<page>.text.ts`). */
const zh = {
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
  forbidden: '你没有执行此操作的权限。',
  conflict: '操作与当前数据冲突。',
  notFound: '记录不存在或已被删除。',
  invalid: '请检查填写的内容。',
  unavailable: '服务暂时不可用，请稍后重试。',
  unexpected: '发生意外错误，请稍后重试。',
  total: (n: number) => `共 ${n} 条`,
};

export type CommonText = typeof zh;

const en: CommonText = {
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
  forbidden: 'You are not allowed to do this.',
  conflict: 'This conflicts with the current data.',
  notFound: 'The record does not exist (any more).',
  invalid: 'Please check the fields.',
  unavailable: 'The service is unavailable; please try again.',
  unexpected: 'Something unexpected went wrong; please try again.',
  total: (n) => `${n} in total`,
};

export const commonText: Record<Locale, CommonText> = { 'zh-CN': zh, 'en-US': en };
