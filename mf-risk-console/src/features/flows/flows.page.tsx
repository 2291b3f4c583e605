import { formatTime, LoadError, useLoad } from '@zhanye/app-kit/react';
import type { FlowOwner, FlowSummary } from '@zhanye/contracts';
import { Card, Flex, Input, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../lib/page-header.tsx';
import { CanaryText, OwnerTag, ReleaseText } from './flow.parts.tsx';
import { listFlows } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';

const rowAttrs = (f: FlowSummary) =>
  ({ 'data-testid': 'flow-row', 'data-name': f.name }) as HTMLAttributes<HTMLElement>;

/** 决策流: every flow the bank uses (the union's standard ones and its own), filterable. */
export function FlowsPage() {
  const { api, t, lang } = useFlowsText();
  const list = useLoad((signal) => listFlows(api, signal), [api]);
  const [query, setQuery] = useState('');
  const [owner, setOwner] = useState<FlowOwner | 'all'>('all');
  const q = query.trim().toLowerCase();
  const rows = (list.data?.items ?? []).filter(
    (f) =>
      (owner === 'all' || f.owner === owner) &&
      (!q || f.name.toLowerCase().includes(q) || f.title.toLowerCase().includes(q)),
  );

  const columns: TableColumnsType<FlowSummary> = [
    {
      title: t('field.title'),
      dataIndex: 'title',
      render: (title: string, f) => (
        <Flex vertical>
          <Link to={`/flows/${f.name}`} data-testid="flow-link">
            {title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {f.description}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('field.name'),
      dataIndex: 'name',
      width: 200,
      render: (n: string) => <Typography.Text type="secondary">{n}</Typography.Text>,
    },
    {
      title: t('field.owner'),
      dataIndex: 'owner',
      render: (o: FlowOwner, f) => (
        <Flex gap={4} wrap>
          <OwnerTag owner={o} />
          {f.answering && <Tag color="green">{t('flows.answering')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('field.stable'),
      key: 'stable',
      width: 110,
      render: (_, f) => <ReleaseText release={f.release} />,
    },
    {
      title: t('field.canary'),
      key: 'canary',
      width: 120,
      render: (_, f) => <CanaryText release={f.release} />,
    },
    {
      title: t('field.updatedAt'),
      dataIndex: 'updatedAt',
      width: 180,
      render: (v: string) => formatTime(v, lang),
    },
  ];

  return (
    <>
      <PageHeader crumbs={[{ title: t('app') }, { title: t('flows') }]} title={t('flows')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input
            type="search"
            allowClear
            data-testid="flow-search"
            placeholder={t('flows.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            style={{ maxWidth: 320 }}
          />
          <Segmented<FlowOwner | 'all'>
            value={owner}
            onChange={setOwner}
            options={[
              { value: 'all', label: t('all') },
              { value: 'union', label: t('owner.union') },
              { value: 'bank', label: t('owner.bank') },
            ]}
          />
        </Flex>
        {list.error !== undefined && <LoadError error={list.error} />}
        <Table
          rowKey={(f) => `${f.owner}:${f.name}`}
          size="middle"
          loading={list.loading}
          dataSource={rows}
          columns={columns}
          onRow={rowAttrs}
          pagination={false}
          locale={{ emptyText: t('flows.empty') }}
        />
      </Card>
    </>
  );
}
