import { defineText } from '@zhanye/app-kit/react';
import { sharedEn, sharedZh } from '../../lib/words.ts';

/** 定时作业's words: each job by its name, its schedule, how its last run went. */
const zhCN = {
  ...sharedZh,
  jobs: '定时作业',
  'jobs.hint': '定时作业对所有银行统一运行；各行可查看运行情况，由省联社运维人员手工补跑。',
  'job.name': '作业',
  'job.schedule': '运行时间',
  'job.last': '最近一次',
  'job.outcome': '结果',
  'job.detail': '说明',
  'job.duration': '耗时',
  'job.next': '下次运行',
  'job.run': '立即运行',
  'job.runAgain': '重新运行',
  'job.cancel': '取消',
  'job.confirm': '立即运行“{name}”（今天的批次）？它会处理所有银行的数据；今天已成功运行过则不会重复。',
  'job.ran': '已运行：{detail}',
  'job.already': '今天的批次已运行过',
  'job.running': '正在由另一个实例运行',
  'job.never': '尚未运行',
  'outcome.ok': '成功',
  'outcome.failed': '失败',
  'outcome.running': '运行中',
  'name.credit.limit-renewal': '额度到期自动续授信',
  'cron.daily': '每天 {time}',
  reload: '刷新',
};

const enUS: Record<keyof typeof zhCN, string> = {
  ...sharedEn,
  jobs: 'Scheduled jobs',
  'jobs.hint':
    'Scheduled jobs run for every bank at once; banks see how they went, the union’s operators run one by hand.',
  'job.name': 'Job',
  'job.schedule': 'Runs',
  'job.last': 'Last run',
  'job.outcome': 'Outcome',
  'job.detail': 'Detail',
  'job.duration': 'Took',
  'job.next': 'Next run',
  'job.run': 'Run now',
  'job.runAgain': 'Run again',
  'job.cancel': 'Cancel',
  'job.confirm':
    'Run “{name}” now (today’s period)? It works on every bank’s data; if today’s run already succeeded it does nothing.',
  'job.ran': 'Ran: {detail}',
  'job.already': 'Today’s period has already run',
  'job.running': 'Another copy is running it',
  'job.never': 'Not run yet',
  'outcome.ok': 'Succeeded',
  'outcome.failed': 'Failed',
  'outcome.running': 'Running',
  'name.credit.limit-renewal': 'Automatic renewal of expiring limits',
  'cron.daily': 'Daily at {time}',
  reload: 'Refresh',
};

export const { translator, useShell } = defineText({ 'zh-CN': zhCN, 'en-US': enUS });
