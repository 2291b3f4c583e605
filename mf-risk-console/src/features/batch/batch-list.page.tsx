import { formatTime, LoadError, useLoad } from '@zhanye/app-kit/react';
import { BatchRunStatus, Permissions } from '@zhanye/contracts';
import { Button, Card, Empty, Flex, Progress, Select, Space, Table, type TableColumnsType } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { flowText, populationText, RunStatusTag } from './batch.parts.tsx';
import { listRuns } from './batch.resource.ts';
import { useBatchText } from './batch.text.ts';

type Row = NonNullable<Awaited<ReturnType<typeof listRuns>>>['items'][number];
const rowAttrs = { 'data-testid': 'batch-row' } as HTMLAttributes<HTMLElement>;

/** 批量授信: the bank's runs, newest first, by status. */
export function BatchListPage() {
  const { api, can, t, lang } = useBatchText();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = BatchRunStatus.safeParse(params.get('status')).data;
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useLoad(
    (signal) => listRuns(api, { status, page: paging.page, pageSize: paging.pageSize }, signal),
    [api, status, paging],
  );
  const columns: TableColumnsType<Row> = [
    {
      title: t('field.flow'),
      dataIndex: 'flowName',
      render: (_: string, r) => <Link to={`/batch/${r.id}`}>{flowText(r.flowName, r.flowVersion, t)}</Link>,
    },
    { title: t('field.population'), render: (_, r) => populationText(r, t) },
    { title: t('field.asOf'), dataIndex: 'asOf' },
    {
      title: t('field.status'),
      dataIndex: 'status',
      render: (s: Row['status']) => <RunStatusTag status={s} />,
    },
    {
      title: t('field.progress'),
      render: (_, r) => (
        <Progress
          size="small"
          style={{ minWidth: 140 }}
          percent={r.total ? Math.floor((r.processed / r.total) * 100) : 100}
          status={r.status === 'failed' ? 'exception' : undefined}
        />
      ),
    },
    { title: t('approvedCount'), dataIndex: 'approved', align: 'right' },
    { title: t('field.createdBy'), dataIndex: 'createdByName' },
    { title: t('field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
  ];
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('app') }, { title: t('title') }]}
        title={t('title')}
        extra={
          <Space>
            <Button onClick={list.reload}>{t('reload')}</Button>
            {can(Permissions.batchCreate) && (
              <Button type="primary" data-testid="batch-new" onClick={() => navigate('/batch/new')}>
                {t('new')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            data-testid="batch-status-filter"
            allowClear
            placeholder={t('filter.allStatuses')}
            value={status}
            onChange={(s?: string) => {
              const next = new URLSearchParams(params);
              if (s) next.set('status', s);
              else next.delete('status');
              setParams(next, { replace: true });
            }}
            style={{ width: 160 }}
            options={BatchRunStatus.options.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
        </Flex>
        {list.error !== undefined && <LoadError error={list.error} />}
        <Table
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          onRow={() => rowAttrs}
          locale={{ emptyText: <Empty description={t('empty')} /> }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
