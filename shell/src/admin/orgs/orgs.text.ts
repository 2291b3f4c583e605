import type { Locale } from '@zhanye/contracts';

const zh = {
  title: '机构管理',
  kinds: { hq: '总行', branch: '支行', subbranch: '分理处', division: '事业部' },
  addChild: '新增下级机构',
  rename: '重命名',
  move: '移动',
  name: '机构名称',
  kind: '机构类型',
  parent: '上级机构',
  sort: '排序',
  users: (n: number) => `${n} 人`,
  pick: '在树中选择一个机构。',
  selected: '已选机构',
  hqFixed: '总行不能移动或删除。',
  empty: '暂无机构',
};

export type OrgsText = typeof zh;

const en: OrgsText = {
  title: 'Orgs',
  kinds: { hq: 'Head office', branch: 'Branch', subbranch: 'Sub-branch', division: 'Business division' },
  addChild: 'Add sub-org',
  rename: 'Rename',
  move: 'Move',
  name: 'Name',
  kind: 'Kind',
  parent: 'Parent',
  sort: 'Order',
  users: (n) => `${n} users`,
  pick: 'Pick an org in the tree.',
  selected: 'Selected org',
  hqFixed: 'The head office cannot move or be deleted.',
  empty: 'No orgs yet',
};

export const orgsText: Record<Locale, OrgsText> = { 'zh-CN': zh, 'en-US': en };
