import { formatAmount, formatTime, LoadError, useDebounced, useLoad } from '@zhanye/app-kit/react';
import {
  ApplicationState,
  type ApplicationStatus,
  ApplicationVariant,
  type CreditApplication,
  Permissions,
} from '@zhanye/contracts';
import { Button, Card, DatePicker, Flex, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type ApplicationQuery, listApplications, listOrgs, listProducts } from '../../lib/credit.api.ts';
import { errorReasons } from '../../lib/words.ts';
import { useShell } from './applications.text.ts';
import { StatusTag } from './status.tag.tsx';
import { SupplementDrawer } from './supplement.drawer.tsx';

type Filter = Omit<ApplicationQuery, 'q' | 'page' | 'pageSize'>;

const rowAttrs = (a: CreditApplication) =>
  ({ 'data-testid': 'application-row', 'data-id': a.id }) as HTMLAttributes<HTMLElement>;

/** 授信申请: the applications in the caller's data scope, filtered and paged on the server. */
export function ApplicationsPage() {
  const { api, can, t, lang } = useShell();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<Filter>(() => ({
    customerId: params.get('customerId') ?? undefined,
  }));
  const [draft, setDraft] = useState('');
  const q = useDebounced(draft.trim(), 300);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [supplementing, setSupplementing] = useState(false);
  const [rangeKey, setRangeKey] = useState(0);

  const query: ApplicationQuery = { ...filter, q: q || undefined, ...paging };
  const list = useLoad((signal) => listApplications(api, query, signal), [api, filter, q, paging]);
  const products = useLoad((signal) => listProducts(api, signal).catch(() => ({ items: [] })), [api]);
  const orgs = useLoad(
    (signal) =>
      can(Permissions.orgRead)
        ? listOrgs(api, signal).catch(() => ({ items: [] }))
        : Promise.resolve({ items: [] }),
    [api, can],
  );
  const reasons = useMemo(() => errorReasons(t), [t]);

  const set = (change: Partial<Filter>) => {
    setFilter((f) => ({ ...f, ...change }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<CreditApplication> = [
    {
      title: t('field.customer'),
      dataIndex: 'customerName',
      render: (name: string, a) => <Link to={`/${a.id}`}>{name || a.number}</Link>,
    },
    {
      title: t('field.number'),
      dataIndex: 'number',
      render: (n: string | null) => n ?? t('detail.draftNumber'),
    },
    { title: t('field.product'), dataIndex: 'productName' },
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
    {
      title: t('field.variant'),
      dataIndex: 'variant',
      render: (v: CreditApplication['variant']) => (v ? t(`variant.${v}`) : t('variant.none')),
    },
    { title: t('field.org'), dataIndex: 'orgName' },
    { title: t('field.owner'), dataIndex: 'ownerName' },
    { title: t('field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
  ];

  const toolbar = (
    <Space>
      {can(Permissions.applicationSupplement) && (
        <Button data-testid="application-supplement" onClick={() => setSupplementing(true)}>
          {t('application.supplement')}
        </Button>
      )}
      {can(Permissions.applicationCreate) && (
        <Button type="primary" data-testid="application-new" onClick={() => navigate('/new')}>
          {t('application.new')}
        </Button>
      )}
    </Space>
  );

  return (
    <Card title={t('applications')} extra={toolbar}>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="application-search"
          allowClear
          placeholder={t('search')}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          style={{ width: 240 }}
        />
        <Select
          data-testid="application-status-filter"
          allowClear
          placeholder={t('filter.status')}
          value={filter.status}
          onChange={(status?: ApplicationStatus) => set({ status })}
          options={ApplicationState.options.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          style={{ width: 160 }}
        />
        <Select
          data-testid="application-variant-filter"
          allowClear
          placeholder={t('filter.variant')}
          value={filter.variant}
          onChange={(variant?: Filter['variant']) => set({ variant })}
          options={ApplicationVariant.options.map((v) => ({ value: v, label: t(`variant.${v}`) }))}
          style={{ width: 150 }}
        />
        <Select
          data-testid="application-product-filter"
          allowClear
          placeholder={t('filter.product')}
          value={filter.productCode}
          onChange={(productCode?: string) => set({ productCode })}
          options={(products.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
          style={{ width: 180 }}
        />
        {(orgs.data?.items.length ?? 0) > 0 && (
          <Select
            data-testid="application-org-filter"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filter.branch')}
            value={filter.orgId}
            onChange={(orgId?: string) => set({ orgId })}
            options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            style={{ width: 180 }}
          />
        )}
        <DatePicker.RangePicker
          key={rangeKey}
          data-testid="application-created-filter"
          placeholder={[t('filter.created'), t('filter.created')]}
          onChange={(_, [from, to]) => set({ from: from || undefined, to: to || undefined })}
        />
        <Button
          onClick={() => {
            setFilter({});
            setDraft('');
            setRangeKey((k) => k + 1);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        >
          {t('filter.reset')}
        </Button>
      </Flex>
      {list.error !== undefined && <LoadError error={list.error} reasons={reasons} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        onRow={rowAttrs}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      {supplementing && (
        <SupplementDrawer
          products={products.data?.items ?? []}
          onClose={() => setSupplementing(false)}
          onCreated={(a) => {
            setSupplementing(false);
            navigate(`/${a.id}`);
          }}
        />
      )}
    </Card>
  );
}
