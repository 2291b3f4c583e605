import { formatMoney, formatTime, LoadError, useConfirm, useLoad, useShowError } from '@zhanye/app-kit/react';
import { SubmitKey } from '@zhanye/app-kit/submit-key';
import { type BureauQuery, type BureauReport, Permissions } from '@zhanye/contracts';
import { Alert, App, Button, Card, Descriptions, Empty, Spin, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { getReport, listQueries, queryReport } from './bureau.resource.ts';
import { useBureauText } from './bureau.text.ts';

/** The score's band: the colour a credit desk reads first. */
const scoreColor = (score: number) => (score >= 700 ? 'success' : score >= 550 ? 'warning' : 'error');

/**
 * A bureau report (征信报告) as the credit desk reads it: score, loans and balance, overdue history,
 * recent queries, the blacklist; a simulated report says so. Pass the report, or its id to load it.
 */
export function BureauReportView({ report, reportId }: { report?: BureauReport; reportId?: string | null }) {
  const { api, t } = useBureauText();
  const loaded = useLoad(
    async (signal) => (report || !reportId ? (report ?? null) : getReport(api, reportId, signal)),
    [api, report, reportId],
  );
  const r = report ?? loaded.data ?? null;
  return (
    <Card
      title={t('report.title')}
      size="small"
      extra={r?.source === 'simulator' && <Tag color="processing">{t('report.simulated')}</Tag>}
    >
      {loaded.error !== undefined && <LoadError error={loaded.error} />}
      {!r && loaded.loading && <Spin />}
      {!r && !loaded.loading && loaded.error === undefined && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('report.none')} />
      )}
      {r && <ReportDescriptions report={r} />}
    </Card>
  );
}

function ReportDescriptions({ report: r }: { report: BureauReport }) {
  const { t, lang } = useBureauText();
  return (
    <>
      {r.source === 'simulator' && (
        <Alert type="info" showIcon title={t('report.simulatedNote')} style={{ marginBottom: 12 }} />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        data-testid="bureau-report"
        items={[
          {
            key: 'score',
            label: t('report.score'),
            children: <Tag color={scoreColor(r.score)}>{r.score}</Tag>,
          },
          { key: 'loans', label: t('report.loans'), children: r.loans },
          { key: 'outstanding', label: t('report.outstanding'), children: formatMoney(r.outstanding, lang) },
          {
            key: 'overdue',
            label: t('report.overdueAccounts'),
            children:
              r.overdueAccounts > 0 ? <Tag color="warning">{r.overdueAccounts}</Tag> : r.overdueAccounts,
          },
          {
            key: 'maxOverdue',
            label: t('report.maxOverdueDays'),
            children: t('report.days', { n: r.maxOverdueDays }),
          },
          { key: 'queries', label: t('report.queries'), children: r.queriesLast6Months },
          {
            key: 'blacklisted',
            label: t('report.blacklisted'),
            children: r.blacklisted ? <Tag color="error">{t('report.yes')}</Tag> : t('report.no'),
          },
          { key: 'reference', label: t('report.reference'), children: r.reference },
          { key: 'queriedAt', label: t('report.queriedAt'), children: formatTime(r.queriedAt, lang) },
          { key: 'summary', label: t('report.summary'), children: r.summary, span: 'filled' },
        ]}
      />
    </>
  );
}

/**
 * "Query the bureau" for an application: confirmed first (the query is logged with the customer);
 * refused with words when the customer has no valid authorisation for loan approval.
 */
export function QueryBureauButton({
  applicationId,
  customerName,
  onQueried,
}: {
  applicationId: string;
  customerName: string;
  onQueried(report: BureauReport): void;
}) {
  const { api, can, t } = useBureauText();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const showError = useShowError({ NO_AUTHORIZATION: t('reason.NO_AUTHORIZATION') });
  const [key] = useState(() => new SubmitKey());
  const [busy, setBusy] = useState(false);
  if (!can(Permissions.bureauQuery)) return null;
  const run = async () => {
    const sure = await confirm({
      title: t('report.queryTitle', { name: customerName }),
      content: t('report.queryContent'),
      okText: t('report.query'),
      cancelText: t('cancel'),
    });
    if (!sure) return;
    setBusy(true);
    try {
      const report = await queryReport(api, applicationId, key.current);
      key.settle();
      message.success(t('report.queried'));
      onQueried(report);
    } catch (e) {
      key.settle(e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={run} loading={busy} data-testid="bureau-query">
      {t('report.query')}
    </Button>
  );
}

/** A customer's bureau queries (征信查询记录): who, why, when. */
export function BureauQueryLog({ customerId, refresh }: { customerId: string; refresh?: unknown }) {
  const { api, t, lang } = useBureauText();
  const list = useLoad((signal) => listQueries(api, customerId, signal), [api, customerId, refresh]);
  const columns: TableColumnsType<BureauQuery> = [
    { title: t('queries.at'), dataIndex: 'at', render: (v: string) => formatTime(v, lang) },
    { title: t('queries.by'), dataIndex: 'queriedByName' },
    { title: t('queries.reason'), dataIndex: 'reason' },
  ];
  return (
    <Card title={t('queries.title')} size="small">
      {list.error !== undefined && <LoadError error={list.error} />}
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('queries.empty') }}
      />
    </Card>
  );
}
