import { formatTime, LoadError, useLoad } from '@zhanye/app-kit/react';
import type { FlowRunSummary, Locale } from '@zhanye/contracts';
import { Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link } from 'react-router';
import { OutcomeText } from './flow.parts.tsx';
import { listRuns } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';

const runRow = (r: FlowRunSummary) =>
  ({ 'data-testid': 'flow-run-row', 'data-id': r.id }) as HTMLAttributes<HTMLElement>;

/** A run's short number: the first 8 characters of its id, as on the run's page. */
export const runNumber = (id: string) => id.slice(0, 8).toUpperCase();

/** 决策记录 of a flow, newest first: this version's, or every version's. */
export function RunsTab({ name, version, lang }: { name: string; version: number; lang: Locale }) {
  const { api, t } = useFlowsText();
  const [which, setWhich] = useState<'this' | 'all'>('this');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useLoad((signal) => listRuns(api, { name, ...page }, signal), [api, name, page]);
  const rows = (list.data?.items ?? []).filter((r) => which === 'all' || r.version === version);
  const columns: TableColumnsType<FlowRunSummary> = [
    {
      title: t('run.title', { n: '' }).trim(),
      dataIndex: 'id',
      render: (id: string) => (
        <Link to={`/runs/${id}`} data-testid="flow-run-link">
          <Typography.Text code>{runNumber(id)}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('field.version'),
      dataIndex: 'version',
      render: (n: number, r) => (
        <>
          {t('version', { n })} {r.canary && <Tag color="processing">{t('run.canary')}</Tag>}
        </>
      ),
    },
    {
      title: t('run.outcome'),
      dataIndex: 'outcome',
      render: (o: string | null) => <OutcomeText outcome={o} />,
    },
    {
      title: t('run.latency'),
      dataIndex: 'latencyMs',
      render: (ms: number) => t('run.ms', { ms: ms.toFixed(1) }),
    },
    { title: t('run.requestedBy'), dataIndex: 'requestedByName' },
    { title: t('field.at'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
  ];
  return (
    <div data-testid="runs-tab">
      <Segmented<'this' | 'all'>
        style={{ marginBottom: 12 }}
        value={which}
        onChange={setWhich}
        options={[
          { value: 'this', label: t('version', { n: version }) },
          { value: 'all', label: t('tab.versions') },
        ]}
      />
      {list.error !== undefined && <LoadError error={list.error} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        columns={columns}
        onRow={runRow}
        locale={{ emptyText: t('runs.empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </div>
  );
}
