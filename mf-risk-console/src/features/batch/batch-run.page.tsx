import {
  formatMoney,
  formatTime,
  LoadError,
  useConfirm,
  useLoad,
  useNotice,
  useShowError,
} from '@zhanye/app-kit/react';
import { type BatchProgress, type BatchSummary, Permissions } from '@zhanye/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Progress,
  Result,
  Row,
  Segmented,
  Skeleton,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
} from 'antd';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { etaText, flowText, populationText, RunStatusTag, RunSteps } from './batch.parts.tsx';
import {
  type BatchRun,
  commandRun,
  exportRun,
  getProgress,
  getRun,
  getSummary,
  listResults,
} from './batch.resource.ts';
import { useBatchText } from './batch.text.ts';

/** echarts comes with the first chart of a finished run, not with the app. */
const BatchChart = lazy(() => import('./bar.chart.tsx'));

const LIVE = new Set(['queued', 'running', 'paused', 'cancelling']);
/** How often a live run's progress is read (until the gateway's push channel carries it). */
/** Progress arrives as pushed notices; a slow read covers a lost one. */
const POLL_MS = 10_000;

function ChartCard({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const { t } = useBatchText();
  return (
    <Card size="small" title={title} data-testid="batch-chart" style={{ height: '100%' }}>
      {empty ? (
        <Empty description={t('none')} />
      ) : (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>{children}</Suspense>
      )}
    </Card>
  );
}

function SummaryCharts({ s }: { s: BatchSummary }) {
  const { t, lang } = useBatchText();
  const band = (b: BatchSummary['limitHistogram'][number]) =>
    b.to === null
      ? t('band.over', { from: formatMoney(b.from, lang).replace(/\s*(元|CNY)$/, '') })
      : t('band.upTo', {
          from: formatMoney(b.from, lang).replace(/\s*(元|CNY)$/, ''),
          to: formatMoney(b.to, lang).replace(/\s*(元|CNY)$/, ''),
        });
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <ChartCard title={t('chart.outcome')} empty={s.total === 0}>
          <BatchChart
            kind="pie"
            categories={[t('chart.approved'), t('chart.refused')]}
            series={[{ name: t('chart.count'), values: [s.approved, s.refused] }]}
          />
        </ChartCard>
      </Col>
      <Col xs={24} lg={16}>
        <ChartCard title={t('chart.limits')} empty={s.approved === 0}>
          <BatchChart
            kind="bar"
            categories={s.limitHistogram.map(band)}
            series={[{ name: t('chart.count'), values: s.limitHistogram.map((b) => b.count) }]}
          />
        </ChartCard>
      </Col>
      <Col xs={24} lg={8}>
        <ChartCard title={t('chart.grades')} empty={s.grades.length === 0}>
          <BatchChart
            kind="bar"
            categories={s.grades.map((g) => g.grade || t('none'))}
            series={[{ name: t('chart.count'), values: s.grades.map((g) => g.count) }]}
          />
        </ChartCard>
      </Col>
      <Col xs={24} lg={16}>
        <ChartCard title={t('chart.byBranch')} empty={s.byBranch.length === 0}>
          <BatchChart
            kind="bar"
            categories={s.byBranch.map((b) => b.orgName ?? t('none'))}
            series={[
              { name: t('chart.approved'), stack: 'n', values: s.byBranch.map((b) => b.approved) },
              { name: t('chart.refused'), stack: 'n', values: s.byBranch.map((b) => b.refused) },
            ]}
          />
        </ChartCard>
      </Col>
    </Row>
  );
}

type ResultRow = NonNullable<Awaited<ReturnType<typeof listResults>>>['items'][number];

function Results({ run }: { run: BatchRun }) {
  const { api, t, lang } = useBatchText();
  const [approved, setApproved] = useState<'yes' | 'no' | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useLoad(
    (signal) => listResults(api, { id: run.id, approved, ...paging }, signal),
    [api, run.id, run.processed, approved, paging],
  );
  const columns: TableColumnsType<ResultRow> = [
    { title: t('field.customer'), dataIndex: 'customerRef' },
    { title: t('field.approved'), dataIndex: 'approved', render: (v: boolean) => (v ? t('yes') : t('no')) },
    {
      title: t('field.limit'),
      dataIndex: 'limit',
      align: 'right',
      render: (v: string, r) => (r.approved ? formatMoney(v, lang) : t('none')),
    },
    {
      title: t('field.spread'),
      dataIndex: 'spreadBps',
      align: 'right',
      render: (v: number | null) => (v === null ? t('none') : t('bps', { n: v })),
    },
    { title: t('field.grade'), dataIndex: 'grade', render: (v: string | null) => v || t('none') },
    { title: t('field.reason'), dataIndex: 'reason', render: (v: string | null) => v || t('none') },
  ];
  return (
    <Card
      size="small"
      title={t('results')}
      extra={
        <Segmented
          value={approved ?? 'all'}
          onChange={(v) => {
            setApproved(v === 'all' ? undefined : (v as 'yes' | 'no'));
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'all', label: t('results.all') },
            { value: 'yes', label: t('results.approved') },
            { value: 'no', label: t('results.refused') },
          ]}
        />
      }
    >
      {list.error !== undefined && <LoadError error={list.error} />}
      <Table
        rowKey="customerRef"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </Card>
  );
}

function download(file: { filename: string; mime: string; base64: string }) {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One batch run: where it is, live progress while it runs, its actions, and its charts and results when done. */
export function BatchRunPage() {
  const { id = '' } = useParams();
  const { api, can, t, lang } = useBatchText();
  const navigate = useNavigate();
  const confirm = useConfirm();
  const showError = useShowError();
  const loaded = useLoad((signal) => getRun(api, id, signal), [api, id]);
  const run = loaded.data;
  const [progress, setProgress] = useState<BatchProgress | undefined>();
  const [busy, setBusy] = useState(false);
  const [parts, setParts] = useState(1);
  const live = run ? LIVE.has(run.status) : false;

  // live progress: pushed by the copies working on the run (risk.batch.progress); the run itself
  // again when its status moves
  useNotice('risk.batch.progress', (n) => {
    if (!run || n.data.runId !== run.id) return;
    const p = n.data as unknown as BatchProgress;
    setProgress(p);
    if (p.status !== run.status) loaded.reload();
  });
  useEffect(() => {
    if (!run || !live) return;
    const ctrl = new AbortController();
    const timer = setInterval(() => {
      getProgress(api, run.id, ctrl.signal).then(
        (p) => {
          setProgress(p);
          if (p.status !== run.status) loaded.reload();
        },
        () => undefined,
      );
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      ctrl.abort();
    };
  }, [api, run, live, loaded.reload]);

  const done = run?.status === 'done';
  const summary = useLoad(
    (signal) => (done && run ? getSummary(api, run.id, signal) : Promise.resolve(undefined)),
    [api, run?.id, done],
  );

  if (loaded.error !== undefined && !run) {
    return (
      <Card>
        <Result
          status="404"
          subTitle={t('notFound')}
          extra={<Button onClick={() => navigate('/batch')}>{t('back')}</Button>}
        />
      </Card>
    );
  }
  if (!run) return <Card loading />;
  const p = progress && progress.status === run.status ? progress : run.progress;
  const percent = p.total ? Math.floor((p.processed / p.total) * 100) : 100;

  const act = async (command: 'pause' | 'resume' | 'cancel') => {
    const ok = await confirm({
      title: t(`confirm.${command}.title`),
      content: t(`confirm.${command}.content`),
      okText: t(`action.${command}`),
      cancelText: t('keep'),
      danger: command === 'cancel',
    });
    if (!ok) return;
    setBusy(true);
    try {
      loaded.setData(await commandRun(api, command, run));
    } catch (e) {
      showError(e);
      loaded.reload();
    } finally {
      setBusy(false);
    }
  };
  const doExport = async (part: number) => {
    setBusy(true);
    try {
      const file = await exportRun(api, run.id, part);
      setParts(file.parts);
      download(file);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="batch-run">
      <PageHeader
        crumbs={[{ title: t('app') }, { title: t('title'), to: '/batch' }, { title: t('title.run') }]}
        title={flowText(run.flowName, run.flowVersion, t)}
        tags={<RunStatusTag status={run.status} />}
        extra={
          <Space wrap>
            <Button onClick={() => navigate('/batch')}>{t('back')}</Button>
            {run.actions.map((c) => (
              <Button
                key={c}
                danger={c === 'cancel'}
                loading={busy}
                data-testid={`batch-${c}`}
                onClick={() => act(c)}
              >
                {t(`action.${c}`)}
              </Button>
            ))}
            {done && run.approved > 0 && can(Permissions.batchExport) && (
              <>
                {Array.from({ length: parts }, (_, i) => i + 1).map((part) => (
                  <Button
                    key={`part-${part}`}
                    loading={busy}
                    data-testid="batch-export"
                    onClick={() => doExport(part)}
                  >
                    {parts > 1 ? t('action.exportPart', { n: part }) : t('action.export')}
                  </Button>
                ))}
              </>
            )}
          </Space>
        }
      />
      <Card>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('field.flow')}>
            {flowText(run.flowName, run.flowVersion, t)}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.population')}>{populationText(run, t)}</Descriptions.Item>
          <Descriptions.Item label={t('field.asOf')}>{run.asOf}</Descriptions.Item>
          <Descriptions.Item label={t('field.createdBy')}>{run.createdByName}</Descriptions.Item>
          <Descriptions.Item label={t('field.createdAt')}>
            {formatTime(run.createdAt, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.finishedAt')}>
            {run.finishedAt ? formatTime(run.finishedAt, lang) : t('none')}
          </Descriptions.Item>
        </Descriptions>
        <div style={{ marginTop: 16 }}>
          <RunSteps status={run.status} />
        </div>
      </Card>
      {run.emptyPopulation ? (
        <Alert type="info" showIcon message={t('emptyPopulation')} data-testid="batch-empty" />
      ) : (
        <Card size="small" title={t('field.progress')}>
          <Progress
            percent={percent}
            data-testid="batch-progress"
            status={
              run.status === 'failed' ? 'exception' : live && run.status !== 'paused' ? 'active' : undefined
            }
          />
          <Flex gap={32} wrap style={{ marginTop: 12 }}>
            <Statistic
              title={t('processed')}
              value={t('of', { done: p.processed.toLocaleString(lang), total: p.total.toLocaleString(lang) })}
            />
            <Statistic title={t('approvedCount')} value={p.approved} data-testid="batch-approved" />
            <Statistic title={t('refusedCount')} value={p.refused} />
            <Statistic
              title={t('rate')}
              value={t('rate.value', { n: Math.round(p.ratePerSec).toLocaleString(lang) })}
            />
            <Statistic title={t('eta')} value={etaText(p.etaSeconds, t)} />
            {summary.data && (
              <Statistic title={t('limitTotal')} value={formatMoney(summary.data.limitTotal, lang)} />
            )}
          </Flex>
        </Card>
      )}
      {done && run.total > 0 ? (
        summary.data ? (
          <SummaryCharts s={summary.data} />
        ) : summary.error !== undefined ? (
          <LoadError error={summary.error} />
        ) : (
          <Skeleton active />
        )
      ) : (
        !run.emptyPopulation && <Alert type="info" message={t('chart.summaryLater')} />
      )}
      {run.processed > 0 && <Results run={run} />}
    </Space>
  );
}
