import { defineText } from '@zhanye/app-kit/react';
import { sharedEn, sharedZh } from '../../lib/words.ts';

const zhCN = {
  ...sharedZh,
  stats: '授信统计',
  range: '受理日期',
  'chart.byStatus': '各状态申请数',
  'chart.byProduct': '各产品申请',
  'chart.byBranch': '各机构申请与批准',
  'chart.approvalRate': '批准率',
  'chart.daysPerStep': '各环节平均用时',
  'series.count': '申请笔数',
  'series.amount': '申请金额（万元）',
  'series.approved': '已批准',
  'series.notApproved': '未批准',
  'series.days': '平均天数',
  'rate.none': '暂无已决申请',
  'rate.hint': '已批准 ÷（已批准 + 已拒绝）',
  days: '{n} 天（{count} 笔）',
  count: '{n} 笔',
  empty: '该期间没有数据',
  reload: '刷新',
};

const enUS: Record<keyof typeof zhCN, string> = {
  ...sharedEn,
  stats: 'Credit statistics',
  range: 'Taken between',
  'chart.byStatus': 'Applications by status',
  'chart.byProduct': 'Applications by product',
  'chart.byBranch': 'Applications and approvals by branch',
  'chart.approvalRate': 'Approval rate',
  'chart.daysPerStep': 'Average days per step',
  'series.count': 'Applications',
  'series.amount': 'Amount (10k CNY)',
  'series.approved': 'Approved',
  'series.notApproved': 'Not approved',
  'series.days': 'Average days',
  'rate.none': 'Nothing decided yet',
  'rate.hint': 'Approved ÷ (approved + rejected)',
  days: '{n} days ({count} applications)',
  count: '{n} applications',
  empty: 'No data for this period',
  reload: 'Refresh',
};

export const { translator, useShell } = defineText({ 'zh-CN': zhCN, 'en-US': enUS });
