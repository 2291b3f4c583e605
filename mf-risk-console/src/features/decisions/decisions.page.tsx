import { formatTime, LoadError, useDebounced, useLoad } from '@zhanye/app-kit/react';
import type { OutputOf, riskApi } from '@zhanye/contracts';
import { Input, Table, type TableColumnsType, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link } from 'react-router';
import { useShell } from '../../lib/i18n.ts';
import { RiskNav } from '../../lib/risk.nav.tsx';
import { graphTitles } from '../graphs/graph.resource.ts';
import { listDecisions } from './decision.resource.ts';
import { OutcomeTag } from './outcome.tag.tsx';
import { SubjectLink } from './subject.link.tsx';

type Run = OutputOf<typeof riskApi.listDecisions>['items'][number];
const rowAttrs = (r: Run) =>
  ({ 'data-testid': 'decision-row', 'data-id': r.id }) as HTMLAttributes<HTMLElement>;

/** A run's short number: the first 8 characters of its id, as on the detail page. */
export const runNumber = (id: string) => id.slice(0, 8).toUpperCase();

/** Decision runs, newest first, filterable by the business reference they decided on. */
export function DecisionsPage() {
  const { api, t, lang } = useShell();
  const [draft, setDraft] = useState('');
  const subjectRef = useDebounced(draft.trim(), 300);
  const [paging, setPaging] = useState({ subjectRef, page: 1, pageSize: 20 });
  const page = paging.subjectRef === subjectRef ? paging.page : 1; // a new filter starts on page 1
  const list = useLoad(
    (signal) =>
      listDecisions(api, { subjectRef: subjectRef || undefined, page, pageSize: paging.pageSize }, signal),
    [api, subjectRef, page, paging.pageSize],
  );
  const titles = useLoad((signal) => graphTitles(api, signal), [api]);

  const columns: TableColumnsType<Run> = [
    {
      title: t('field.id'),
      dataIndex: 'id',
      render: (id: string) => (
        <Link to={`/decisions/${id}`}>
          <Typography.Text code>{runNumber(id)}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('field.graph'),
      key: 'graph',
      render: (_, r) =>
        `${titles.data?.get(r.graphKey) ?? t('unknown')} · ${t('version', { n: r.graphVersion })}`,
    },
    {
      title: t('field.subject'),
      key: 'subject',
      render: (_, r) => <SubjectLink subjectRef={r.subjectRef} />,
    },
    { title: t('field.outcome'), dataIndex: 'outcome', render: (_, r) => <OutcomeTag outcome={r.outcome} /> },
    { title: t('field.requestedBy'), dataIndex: 'requestedByName', render: (n: string) => n || t('unknown') },
    { title: t('field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
  ];

  return (
    <>
      <RiskNav active="decisions" />
      <Input
        type="search"
        data-testid="decision-search"
        allowClear
        placeholder={t('decision.search')}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      {list.error !== undefined && <LoadError error={list.error} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        onRow={rowAttrs}
        pagination={{
          current: page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setPaging({ subjectRef, page, pageSize }),
        }}
      />
    </>
  );
}
