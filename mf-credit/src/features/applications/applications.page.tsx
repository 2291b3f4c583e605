import { formatAmount, formatTime, Link, LoadError, useLoad } from '@zhanye/app-kit/react';
import { ApplicationStatus, type CreditApplication, Permissions } from '@zhanye/contracts';
import { Button, Card, Segmented, Table, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useShell } from '../../lib/i18n.ts';
import { type ApplicationFilter, listApplications } from './application.resource.ts';
import { StatusTag } from './status.tag.tsx';

const rowAttrs = (a: CreditApplication) =>
  ({ 'data-testid': 'application-row', 'data-id': a.id }) as HTMLAttributes<HTMLElement>;

export function ApplicationsPage() {
  const { api, can, navigate, basePath, t, lang } = useShell();
  const [filter, setFilter] = useState<ApplicationFilter>({ page: 1, pageSize: 20 });
  const list = useLoad((signal) => listApplications(api, filter, signal), [api, filter]);

  const columns: TableColumnsType<CreditApplication> = [
    {
      title: t('field.customer'),
      dataIndex: 'customerName',
      render: (n, a) => <Link to={`${basePath}/${a.id}`}>{n}</Link>,
    },
    {
      title: t('field.product'),
      dataIndex: 'productCode',
      render: (p: string) => t.opt(`product.${p}`) ?? t('field.product'),
    },
    {
      title: t('field.amountYuan'),
      dataIndex: 'amount',
      align: 'right',
      render: (v: string) => formatAmount(v),
    },
    { title: t('field.term'), dataIndex: 'termMonths', render: (n: number) => t('months', { n }) },
    {
      title: t('field.status'),
      dataIndex: 'status',
      render: (s: ApplicationStatus) => <StatusTag status={s} />,
    },
    { title: t('field.createdBy'), dataIndex: 'createdByName' },
    { title: t('field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
  ];
  const statuses = [
    { value: '', label: t('all') },
    ...ApplicationStatus.options.map((s) => ({ value: s, label: t(`status.${s}`) })),
  ];

  return (
    <Card
      title={t('applications')}
      extra={
        can(Permissions.applicationCreate) && (
          <Button type="primary" data-testid="application-new" onClick={() => navigate(`${basePath}/new`)}>
            {t('application.new')}
          </Button>
        )
      }
    >
      <Segmented
        data-testid="application-status-filter"
        options={statuses}
        value={filter.status ?? ''}
        onChange={(v) =>
          setFilter((f) => ({ ...f, status: (v || undefined) as ApplicationStatus | undefined, page: 1 }))
        }
        style={{ marginBottom: 16 }}
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
          current: filter.page,
          pageSize: filter.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
    </Card>
  );
}
