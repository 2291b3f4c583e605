import { formatMoney, LoadError, useDebounced, useLoad } from '@zhanye/app-kit/react';
import { LimitStatus, Permissions } from '@zhanye/contracts';
import { Button, Card, Flex, Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LimitKindTag, LimitStatusTag } from './limit.parts.tsx';
import { type Limit, listLimits } from './limits.resource.ts';
import { useLimitsText } from './limits.text.ts';

const rowAttrs = { 'data-testid': 'limit-row' } as HTMLAttributes<HTMLElement>;

/** 额度管理: the limits in the user's data scope, searchable, by status, paged. */
export function LimitListPage() {
  const { api, can, t, lang } = useLimitsText();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = LimitStatus.safeParse(params.get('status')).data;
  // from the overview: one customer's limits
  const customerId = params.get('customerId') ?? undefined;
  const [draft, setDraft] = useState(params.get('q') ?? '');
  const q = useDebounced(draft.trim(), 300);
  const [paging, setPaging] = useState({ key: '', page: 1, pageSize: 20 });
  const filterKey = `${q}|${status ?? ''}|${customerId ?? ''}`;
  const page = paging.key === filterKey ? paging.page : 1; // new filters start on page 1
  const list = useLoad(
    (signal) =>
      listLimits(api, { q: q || undefined, status, customerId, page, pageSize: paging.pageSize }, signal),
    [api, q, status, customerId, page, paging.pageSize],
  );

  const money = (v: string) => formatMoney(v, lang);
  const columns: TableColumnsType<Limit> = [
    {
      title: t('field.customer'),
      dataIndex: 'customerName',
      render: (name: string, l) => <Link to={`/limits/${l.id}`}>{name}</Link>,
    },
    {
      title: t('field.product'),
      dataIndex: 'productName',
      render: (name: string | null, l) => name ?? <LimitKindTag kind={l.kind} />,
    },
    { title: t('field.granted'), dataIndex: 'granted', align: 'right', render: money },
    { title: t('field.used'), dataIndex: 'used', align: 'right', render: money },
    { title: t('field.frozen'), dataIndex: 'frozen', align: 'right', render: money },
    { title: t('field.available'), dataIndex: 'available', align: 'right', render: money },
    {
      title: t('field.status'),
      dataIndex: 'status',
      render: (s: Limit['status']) => <LimitStatusTag status={s} />,
    },
    { title: t('field.validTo'), dataIndex: 'validTo' },
    { title: t('field.owner'), dataIndex: 'ownerName' },
    { title: t('field.org'), dataIndex: 'orgName' },
  ];

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const customerName = customerId ? list.data?.items[0]?.customerName : undefined;

  return (
    <Card
      title={t('title')}
      extra={
        <Space>
          <Button data-testid="limit-overview" onClick={() => navigate('/limits/overview')}>
            {t('nav.overview')}
          </Button>
          {(can(Permissions.limitApprove) || can(Permissions.limitManage)) && (
            <Button data-testid="limit-adjustments" onClick={() => navigate('/limits/adjustments')}>
              {t('nav.adjustments')}
            </Button>
          )}
        </Space>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input
          type="search"
          data-testid="limit-search"
          allowClear
          placeholder={t('search')}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          style={{ maxWidth: 320 }}
        />
        <Select
          data-testid="limit-status-filter"
          allowClear
          placeholder={t('filter.allStatuses')}
          value={status}
          onChange={(s?: string) => setParam('status', s)}
          style={{ width: 160 }}
          options={LimitStatus.options.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        {customerId && (
          <Tag closable data-testid="limit-customer-filter" onClose={() => setParam('customerId', undefined)}>
            {t('field.customer')}：{customerName ?? '…'}
          </Tag>
        )}
      </Flex>
      {list.error !== undefined && <LoadError error={list.error} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        onRow={() => rowAttrs}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, pageSize) => setPaging({ key: filterKey, page: p, pageSize }),
        }}
      />
    </Card>
  );
}
