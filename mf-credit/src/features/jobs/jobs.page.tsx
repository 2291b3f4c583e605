import { formatTime, LoadError, useConfirm, useLoad, useShowError } from '@zhanye/app-kit/react';
import { creditJobsApi, Permissions } from '@zhanye/contracts';
import { Alert, App, Button, Card, Space, Table, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { errorReasons } from '../../lib/words.ts';
import { useShell } from './jobs.text.ts';

type Job = Awaited<ReturnType<typeof loadJobs>>['items'][number];
type Api = ReturnType<typeof useShell>['api'];

const loadJobs = (api: Api, signal?: AbortSignal) => api.call(creditJobsApi.listJobs, {}, { signal });

/** `[s] m h * * *` as words ("每天 01:30", the bank's time); anything else as written. */
function schedule(cron: string, daily: (time: string) => string) {
  const m = /^(?:\d{1,2} )?(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(cron.trim());
  return m ? daily(`${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`) : cron;
}

const rowAttrs = (job: Job) =>
  ({ 'data-testid': 'job-row', 'data-name': job.name }) as HTMLAttributes<HTMLElement>;

/** 定时作业: credit's scheduled jobs, their last and next run; the union's operators run one now. */
export function JobsPage() {
  const { api, can, t, lang, user } = useShell();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const reasons = useMemo(() => errorReasons(t), [t]);
  const showError = useShowError(reasons);
  const jobs = useLoad((signal) => loadJobs(api, signal), [api]);
  const [running, setRunning] = useState<string>();
  // the jobs work for every bank: only the union's operators start one by hand
  const mayRun = can(Permissions.jobManage) && user.bankId === 'union';
  const nameOf = (name: string) => t.opt(`name.${name}`) ?? t('job.name');

  const run = async (job: Job) => {
    const again = job.last?.outcome === 'failed';
    const ok = await confirm({
      title: again ? t('job.runAgain') : t('job.run'),
      content: t('job.confirm', { name: nameOf(job.name) }),
      okText: again ? t('job.runAgain') : t('job.run'),
      cancelText: t('job.cancel'),
    });
    if (!ok) return;
    setRunning(job.name);
    try {
      const out = await api.call(creditJobsApi.runJob, { name: job.name, again });
      if (out.state === 'ran') message.success(t('job.ran', { detail: out.detail ?? '' }));
      else message.info(out.state === 'done' ? t('job.already') : t('job.running'));
    } catch (e) {
      showError(e);
    } finally {
      setRunning(undefined);
    }
    jobs.reload();
  };

  const columns: TableColumnsType<Job> = [
    { title: t('job.name'), dataIndex: 'name', render: (n: string) => nameOf(n) },
    {
      title: t('job.schedule'),
      dataIndex: 'cron',
      render: (c: string) => schedule(c, (time) => t('cron.daily', { time })),
    },
    {
      title: t('job.last'),
      key: 'last',
      render: (_, j) => (j.last ? formatTime(j.last.startedAt, lang) : t('job.never')),
    },
    {
      title: t('job.outcome'),
      key: 'outcome',
      render: (_, j) =>
        !j.last ? (
          '—'
        ) : j.last.outcome === null ? (
          <Tag color="processing">{t('outcome.running')}</Tag>
        ) : (
          <Tag color={j.last.outcome === 'ok' ? 'success' : 'error'} data-testid="job-outcome">
            {t(`outcome.${j.last.outcome}`)}
          </Tag>
        ),
    },
    { title: t('job.detail'), key: 'detail', render: (_, j) => j.last?.detail ?? '—' },
    {
      title: t('job.duration'),
      key: 'duration',
      render: (_, j) => (j.last?.durationMs == null ? '—' : `${(j.last.durationMs / 1000).toFixed(1)} s`),
    },
    {
      title: t('job.next'),
      dataIndex: 'nextRun',
      render: (v: string | null) => (v ? formatTime(v, lang) : '—'),
    },
    ...(mayRun
      ? [
          {
            title: '',
            key: 'run',
            render: (_: unknown, j: Job) => (
              <Button size="small" data-testid="job-run" loading={running === j.name} onClick={() => run(j)}>
                {j.last?.outcome === 'failed' ? t('job.runAgain') : t('job.run')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card title={t('jobs')} extra={<Button onClick={jobs.reload}>{t('reload')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t('jobs.hint')} />
        {jobs.error !== undefined && <LoadError error={jobs.error} reasons={reasons} />}
        <Table
          rowKey="name"
          size="middle"
          loading={jobs.loading}
          dataSource={jobs.data?.items ?? []}
          columns={columns}
          onRow={rowAttrs}
          pagination={false}
        />
      </Space>
    </Card>
  );
}
