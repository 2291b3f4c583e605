import { formatMoney, formatTime, LoadError, useConfirm, useLoad, useShowError } from '@zhanye/app-kit/react';
import { Permissions } from '@zhanye/contracts';
import { App, Button, Card, Drawer, Segmented, Space, Table, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { listProducts, type ProductItem, productVersions, retireProduct } from './catalogue.resource.ts';
import { RouteTabs } from './catalogue.tabs.tsx';
import { useCatalogueText } from './catalogue.text.ts';
import { ProductForm } from './product.form.tsx';

type Status = 'active' | 'retired' | 'all';

/** Words for a product's terms, shared by the list and the versions. */
function useTermColumns(): TableColumnsType<ProductItem> {
  const { t, lang } = useCatalogueText();
  return [
    { title: t('field.kind'), dataIndex: 'kind', render: (k: string) => t.opt(`kind.${k}`) ?? k },
    {
      title: t('field.guaranteeTypes'),
      dataIndex: 'guaranteeTypes',
      render: (g: string[]) => g.map((x) => <Tag key={x}>{t.opt(`guarantee.${x}`) ?? x}</Tag>),
    },
    {
      title: t('field.amount'),
      render: (_, p) =>
        t('range', { from: formatMoney(p.minAmount, lang), to: formatMoney(p.maxAmount, lang) }),
    },
    {
      title: t('field.term'),
      render: (_, p) =>
        t('range', { from: t('months', { n: p.minTermMonths }), to: t('months', { n: p.maxTermMonths }) }),
    },
    {
      title: t('field.rateBounds'),
      render: (_, p) =>
        `${t.opt(`tenor.${p.lprTenor}`) ?? p.lprTenor} ${t('range', {
          from: t('bps', { n: p.floorBps >= 0 ? `+${p.floorBps}` : p.floorBps }),
          to: t('bps', { n: p.ceilingBps >= 0 ? `+${p.ceilingBps}` : p.ceilingBps }),
        })}`,
    },
  ];
}

/** The bank's products: on offer, retired, versions; a credit admin adds, changes and retires them. */
export function ProductsPage() {
  const { api, can, t, lang } = useCatalogueText();
  const { message } = App.useApp();
  const confirm = useConfirm();
  const showError = useShowError({ PRODUCT_RETIRED: t('product.isRetired') });
  const [status, setStatus] = useState<Status>('active');
  const [editing, setEditing] = useState<ProductItem | null | undefined>(undefined);
  const [versionsOf, setVersionsOf] = useState<ProductItem>();
  const list = useLoad((signal) => listProducts(api, status, signal), [api, status]);
  const manage = can(Permissions.productManage);
  const termColumns = useTermColumns();

  const retire = async (p: ProductItem) => {
    const yes = await confirm({
      title: t('product.retireTitle', { name: p.name }),
      content: t('product.retireContent'),
      okText: t('product.retire'),
      cancelText: t('cancel'),
      danger: true,
    });
    if (!yes) return;
    try {
      await retireProduct(api, p.id);
      message.success(t('product.retired'));
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<ProductItem> = [
    { title: t('field.name'), dataIndex: 'name' },
    ...termColumns,
    {
      title: t('field.version'),
      dataIndex: 'version',
      render: (v: number, p) => (
        <Space>
          {`V${v}`}
          {p.status === 'retired' && <Tag>{t('status.retired')}</Tag>}
        </Space>
      ),
    },
    { title: t('field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
    {
      title: t('field.actions'),
      render: (_, p) => (
        <Space size={0}>
          <Button type="link" onClick={() => setVersionsOf(p)}>
            {t('product.versions')}
          </Button>
          {manage && p.status === 'active' && (
            <>
              <Button type="link" onClick={() => setEditing(p)} data-testid="product-revise">
                {t('product.revise')}
              </Button>
              <Button type="link" danger onClick={() => retire(p)}>
                {t('product.retire')}
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('page.products')}
      extra={
        manage && (
          <Button type="primary" onClick={() => setEditing(null)} data-testid="product-new">
            {t('product.new')}
          </Button>
        )
      }
    >
      <RouteTabs
        items={[
          { path: '/products', label: t('tab.products') },
          { path: '/products/lpr', label: t('tab.lpr') },
        ]}
      />
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        options={(['active', 'retired', 'all'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
        style={{ marginBottom: 16 }}
      />
      {list.error !== undefined && <LoadError error={list.error} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        onRow={() => ({ 'data-testid': 'product-row' }) as HTMLAttributes<HTMLElement>}
        pagination={false}
        locale={{ emptyText: t('product.empty') }}
        expandable={{
          expandedRowRender: (p) => <FormSummary product={p} />,
        }}
      />
      {editing !== undefined && (
        <ProductForm
          product={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
      {versionsOf && <VersionsDrawer product={versionsOf} onClose={() => setVersionsOf(undefined)} />}
    </Card>
  );
}

/** A product's description and investigation form, under its row. */
function FormSummary({ product }: { product: ProductItem }) {
  const { t, lang } = useCatalogueText();
  return (
    <div>
      {product.description && <p>{product.description}</p>}
      <p>
        <strong>{t('field.repaymentMethods')}：</strong>
        {product.repaymentMethods.map((m) => t.opt(`repay.${m}`) ?? m).join('、')}
      </p>
      <p>
        <strong>{t('field.investigationForm')}：</strong>
        {t('form.fields', { n: product.investigationForm.length })}
      </p>
      <Space wrap>
        {product.investigationForm.map((f) => (
          <Tag key={f.key} color={f.required ? 'processing' : undefined}>
            {`${t.opt(`section.${f.section}`) ?? f.section} · ${f.label[lang]}`}
          </Tag>
        ))}
      </Space>
    </div>
  );
}

function VersionsDrawer({ product, onClose }: { product: ProductItem; onClose(): void }) {
  const { api, t, lang } = useCatalogueText();
  const versions = useLoad((signal) => productVersions(api, product.id, signal), [api, product.id]);
  const termColumns = useTermColumns();
  return (
    <Drawer open size={1100} title={t('product.versionsOf', { name: product.name })} onClose={onClose}>
      {versions.error !== undefined && <LoadError error={versions.error} />}
      <Table
        rowKey="version"
        size="small"
        loading={versions.loading}
        dataSource={versions.data?.items ?? []}
        pagination={false}
        expandable={{ expandedRowRender: (p) => <FormSummary product={p} /> }}
        columns={[
          { title: t('field.version'), dataIndex: 'version', render: (v: number) => `V${v}` },
          { title: t('field.name'), dataIndex: 'name' },
          ...termColumns,
          { title: t('field.createdBy'), dataIndex: 'createdByName' },
          { title: t('field.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
        ]}
      />
    </Drawer>
  );
}
