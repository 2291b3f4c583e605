import type { Locale } from '@zhanye/contracts';

const zh = {
  title: '审计日志',
  user: '用户',
  action: '动作',
  result: '结果',
  period: '时间范围',
  chain: '链',
  unionChain: '联社（*）',
  seq: '序号',
  at: '时间',
  target: '对象',
  status: '状态码',
  service: '服务',
  requestId: '请求号',
  input: '输入',
  before: '变更前',
  after: '变更后',
  nothing: '无',
  verify: '校验哈希链',
  verifyOk: (n: number) => `哈希链完整：已校验 ${n} 条记录。`,
  verifyBroken: (seq: number | undefined, reason: string | undefined, chain?: string | undefined) =>
    `哈希链${chain ? ` ${chain} ` : ''}在第 ${seq ?? '?'} 条记录处断裂${reason ? `：${reason}` : ''}。`,
  export: '导出 CSV',
  exported: (n: number) => `已导出 ${n} 条记录`,
  empty: '没有符合条件的记录',
};

export type AuditText = typeof zh;

const en: AuditText = {
  title: 'Audit log',
  user: 'User',
  action: 'Action',
  result: 'Result',
  period: 'Period',
  chain: 'Chain',
  unionChain: 'Union (*)',
  seq: 'Seq',
  at: 'At',
  target: 'Target',
  status: 'Status',
  service: 'Service',
  requestId: 'Request',
  input: 'Input',
  before: 'Before',
  after: 'After',
  nothing: 'none',
  verify: 'Verify the hash chain',
  verifyOk: (n) => `The chain holds: ${n} records checked.`,
  verifyBroken: (seq, reason, chain) =>
    `The chain${chain ? ` ${chain}` : ''} breaks at record ${seq ?? '?'}${reason ? `: ${reason}` : ''}.`,
  export: 'Export CSV',
  exported: (n) => `${n} records exported`,
  empty: 'No record matches',
};

export const auditText: Record<Locale, AuditText> = { 'zh-CN': zh, 'en-US': en };
