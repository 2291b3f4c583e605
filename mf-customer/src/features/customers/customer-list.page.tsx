import { formatTime, Link, LoadError, useDebounced, useLoad } from '@zhanye/app-kit/react';
import { type CustomerSummary, Permissions } from '@zhanye/contracts';
import { Button, Card, Input, Table, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useShell } from '../../lib/i18n.ts';
import { CustomerForm } from './customer.form.tsx';
import { listCustomers } from './customer.resource.ts';

const rowAttrs = { 'data-testid': 'customer-row' } as HTMLAttributes<HTMLElement>;

export function CustomerListPage() {
  const { api, can, basePath, t, lang } = useShell();
  const [draft, setDraft] = useState('');
  const q = useDebounced(draft.trim(), 300);
  const [paging, setPaging] = useState({ q, page: 1, pageSize: 20 });
  const page = paging.q === q ? paging.page : 1; // a new search starts on page 1
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CustomerSummary>();
  const list = useLoad(
    (signal) => listCustomers(api, { q: q || undefined, page, pageSize: paging.pageSize }, signal),
    [api, q, page, paging.pageSize],
  );

  const items = list.data?.items ?? [];
  const rows = created && !q && !items.some((c) => c.id === created.id) ? [created, ...items] : items;
  const columns: TableColumnsType<CustomerSummary> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (name, c) => <Link to={`${basePath}/${c.id}`}>{name}</Link>,
    },
    { title: t('field.idNumber'), dataIndex: 'idNumberMasked' },
    { title: t('field.phone'), dataIndex: 'phoneMasked' },
    {
      title: t('field.segment'),
      dataIndex: 'segment',
      render: (s: CustomerSummary['segment']) => <Tag>{t(`segment.${s}`)}</Tag>,
    },
    { title: t('field.owner'), dataIndex: 'ownerName' },
    { title: t('field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
  ];

  return (
    <Card
      title={t('customers')}
      extra={
        can(Permissions.customerCreate) && (
          <Button type="primary" data-testid="customer-new" onClick={() => setCreating(true)}>
            {t('customer.new')}
          </Button>
        )
      }
    >
      <Input
        type="search"
        data-testid="customer-search"
        allowClear
        placeholder={t('customer.search')}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      {list.error !== undefined && <LoadError error={list.error} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        columns={columns}
        onRow={() => rowAttrs}
        pagination={{
          current: page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setPaging({ q, page, pageSize }),
        }}
      />
      {creating && (
        <CustomerForm
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated(c);
            setDraft('');
            list.reload();
          }}
        />
      )}
    </Card>
  );
}
