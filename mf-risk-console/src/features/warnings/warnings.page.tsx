import { formatTime, LoadError, useLoad, useNotice } from '@zhanye/app-kit/react';
import { Permissions, Severities, SignalKinds, WarningStatuses } from '@zhanye/contracts';
import { App, Button, Card, Empty, Flex, Form, Select, Table, type TableColumnsType, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link } from 'react-router';
import { listWarnings, type WarningFilter, type WarningItem } from './warning.resource.ts';
import { KindText, SeverityTag, StatusTag, scorePercent } from './warning.tags.tsx';
import { useWarningText } from './warnings.text.ts';

const rowAttrs = (w: WarningItem) =>
  ({ 'data-testid': 'warning-row', 'data-id': w.id, 'data-status': w.status }) as HTMLAttributes<HTMLElement>;

type Filters = Pick<WarningFilter, 'status' | 'severity' | 'kind' | 'direct'>;

/** 风险预警: the warnings in the caller's scope, newest first, with filters. */
export function WarningsPage() {
  const { api, t, lang, can } = useWarningText();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useLoad(
    (signal) => listWarnings(api, { ...filters, page: paging.page, pageSize: paging.pageSize }, signal),
    [api, filters, paging],
  );
  const { notification } = App.useApp();
  // a warning raised on one of the caller's customers: shown at once, the list re-read
  useNotice('risk.warning', (n) => {
    list.reload();
    if (n.type !== 'risk.warning.raised') return;
    const d = n.data as { customerName?: string; kind?: WarningItem['kind'] };
    notification.warning({
      key: String((n.data as { warningId?: string }).warningId ?? ''),
      title: t('live.new', {
        name: d.customerName || t('unknownCustomer'),
        kind: d.kind ? t(`kind.${d.kind}`) : '',
      }),
      ...({ 'data-testid': 'warning-live' } as object),
    });
  });
  const options = <K extends string>(values: readonly K[], label: (v: K) => string) =>
    values.map((v) => ({ value: v, label: label(v) }));

  const columns: TableColumnsType<WarningItem> = [
    {
      title: t('field.customer'),
      dataIndex: 'customerName',
      render: (_, w) => (
        <Link to={`/warnings/${w.id}`} data-testid="warning-link">
          {w.customerName || t('unknownCustomer')}
        </Link>
      ),
    },
    {
      title: t('field.source'),
      key: 'source',
      render: (_, w) =>
        w.depth === 0
          ? t('source.direct')
          : t('source.relation', { name: w.hitName || t('unknownCustomer'), n: w.depth }),
    },
    { title: t('field.kind'), dataIndex: 'kind', render: (_, w) => <KindText kind={w.kind} /> },
    {
      title: t('field.severity'),
      dataIndex: 'severity',
      render: (_, w) => <SeverityTag severity={w.severity} />,
    },
    { title: t('field.score'), dataIndex: 'score', align: 'right', render: (s: string) => scorePercent(s) },
    { title: t('field.manager'), dataIndex: 'managerName', render: (n: string) => n || t('unassigned') },
    { title: t('field.status'), dataIndex: 'status', render: (_, w) => <StatusTag status={w.status} /> },
    { title: t('field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
  ];

  return (
    <Flex vertical gap={16} data-testid="warnings-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('warnings')}
        </Typography.Title>
        {can(Permissions.warningRead) && (
          <Link to={`/warnings/rules`}>
            <Button data-testid="warning-rules-link">{t('rules')}</Button>
          </Link>
        )}
      </Flex>
      <Card size="small">
        <Form
          layout="inline"
          onValuesChange={(_, all: Filters) => {
            setFilters(Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Filters);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        >
          <Form.Item name="status" label={t('filter.status')}>
            <Select
              allowClear
              style={{ width: 120 }}
              data-testid="filter-status"
              options={options(WarningStatuses, (v) => t(`status.${v}`))}
            />
          </Form.Item>
          <Form.Item name="severity" label={t('filter.severity')}>
            <Select
              allowClear
              style={{ width: 100 }}
              options={options(Severities, (v) => t(`severity.${v}`))}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('filter.kind')}>
            <Select allowClear style={{ width: 150 }} options={options(SignalKinds, (v) => t(`kind.${v}`))} />
          </Form.Item>
          <Form.Item name="direct" label={t('filter.direct')}>
            <Select
              allowClear
              style={{ width: 130 }}
              options={options(['true', 'false'] as const, (v) => t(`direct.${v}`))}
            />
          </Form.Item>
        </Form>
      </Card>
      {list.error !== undefined && <LoadError error={list.error} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        onRow={rowAttrs}
        locale={{ emptyText: <Empty description={t('list.empty')} /> }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </Flex>
  );
}
