import type { Locale } from '@zhanye/contracts';

const zhCN = {
  'app.crashed': '风控模块出错了',
  'error.unexpected': '出现意外错误，请稍后重试',
  'error.unavailable': '服务暂不可用，请稍后重试',
  decisions: '决策记录',
  graphs: '决策流',
  back: '返回决策记录',
  decision: '决策',
  'decision.search': '按业务编号筛选',
  'outcome.pass': '通过',
  'outcome.refer': '转人工审核',
  'outcome.refuse': '拒绝',
  'field.id': '决策编号',
  'field.graph': '决策流',
  'field.version': '版本',
  'field.title': '名称',
  'field.subject': '业务编号',
  'field.outcome': '结果',
  'field.requestedBy': '发起方',
  'field.createdAt': '时间',
  'field.active': '状态',
  active: '生效中',
  inactive: '未生效',
  reasons: '原因',
  'reasons.none': '无',
  input: '输入',
  output: '输出',
  trace: '执行轨迹',
  'trace.empty': '没有执行轨迹',
};
type Key = keyof typeof zhCN;

const enUS: Record<Key, string> = {
  'app.crashed': 'The risk console failed',
  'error.unexpected': 'Something went wrong, please try again',
  'error.unavailable': 'Service unavailable, please try again later',
  decisions: 'Decision runs',
  graphs: 'Decision graphs',
  back: 'Back to decision runs',
  decision: 'Decision',
  'decision.search': 'Filter by subject reference',
  'outcome.pass': 'Pass',
  'outcome.refer': 'Refer',
  'outcome.refuse': 'Refuse',
  'field.id': 'Decision',
  'field.graph': 'Graph',
  'field.version': 'Version',
  'field.title': 'Title',
  'field.subject': 'Subject',
  'field.outcome': 'Outcome',
  'field.requestedBy': 'Requested by',
  'field.createdAt': 'Time',
  'field.active': 'Status',
  active: 'Active',
  inactive: 'Inactive',
  reasons: 'Reasons',
  'reasons.none': 'None',
  input: 'Input',
  output: 'Output',
  trace: 'Trace',
  'trace.empty': 'No trace recorded',
};

/** `t('rule.required', { field: '姓名' })`; `t.opt(key)` for keys built at run time (undefined if unknown). */
export function translator(locale: Locale) {
  const dict: Record<string, string> = locale === 'en-US' ? enUS : zhCN;
  const t = (key: Key, vars: Record<string, string | number> = {}) =>
    dict[key]!.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
  return Object.assign(t, { opt: (key: string): string | undefined => dict[key] });
}
export type Translate = ReturnType<typeof translator>;
