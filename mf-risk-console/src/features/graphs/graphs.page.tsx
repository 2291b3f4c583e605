import { formatTime, LoadError, useLoad } from '@zhanye/app-kit/react';
import type { OutputOf, riskApi } from '@zhanye/contracts';
import { Table, type TableColumnsType, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useShell } from '../../lib/i18n.ts';
import { RiskNav } from '../../lib/risk.nav.tsx';
import { listGraphs } from './graph.resource.ts';

type Graph = OutputOf<typeof riskApi.listGraphs>['items'][number];
const rowAttrs = { 'data-testid': 'graph-row' } as HTMLAttributes<HTMLElement>;

/** Stored decision graphs and their versions. */
export function GraphsPage() {
  const { api, t, lang } = useShell();
  const list = useLoad((signal) => listGraphs(api, signal), [api]);
  const columns: TableColumnsType<Graph> = [
    { title: t('field.graph'), dataIndex: 'title' },
    { title: t('field.version'), dataIndex: 'version', render: (n: number) => t('version', { n }) },
    {
      title: t('field.active'),
      dataIndex: 'active',
      render: (a: boolean) => <Tag color={a ? 'success' : 'default'}>{t(a ? 'active' : 'inactive')}</Tag>,
    },
    { title: t('field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
  ];
  return (
    <>
      <RiskNav active="graphs" />
      {list.error !== undefined && <LoadError error={list.error} />}
      <Table
        rowKey={(g) => `${g.key}@${g.version}`}
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        onRow={() => rowAttrs}
        pagination={false}
      />
    </>
  );
}
