import { formatMoney, formatTime, LoadError, useLoad } from '@zhanye/app-kit/react';
import { Permissions } from '@zhanye/contracts';
import { Button, Card, Descriptions, Empty, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { LimitFigures, LimitKindTag, LimitStatusTag } from './limit.parts.tsx';
import { type LimitOp, LimitOperationModal } from './limit-operation.modal.tsx';
import { type Entry, getLimit, type Limit } from './limits.resource.ts';
import { useLimitsText } from './limits.text.ts';

/** A limit: its figures as a stacked bar, details, sub-limits, ledger, and the operations. */
export function LimitDetailPage() {
  const { id = '' } = useParams();
  const { api, can, t, lang } = useLimitsText();
  const detail = useLoad((signal) => getLimit(api, id, signal), [api, id]);
  const [op, setOp] = useState<LimitOp>();
  const limit = detail.data?.limit;
  const money = (v: string) => formatMoney(v, lang);
  const open = limit && (limit.status === 'active' || limit.status === 'frozen');

  const actions = limit && open && can(Permissions.limitManage) && (
    <Space wrap>
      {limit.status === 'active' && (
        <Button data-testid="limit-freeze" onClick={() => setOp('freeze')}>
          {t('op.freeze')}
        </Button>
      )}
      {limit.frozen !== '0.00' && (
        <Button data-testid="limit-unfreeze" onClick={() => setOp('unfreeze')}>
          {t('op.unfreeze')}
        </Button>
      )}
      <Button data-testid="limit-adjust" onClick={() => setOp('adjust')}>
        {t('op.adjust')}
      </Button>
      {!limit.parentId && (
        <Button data-testid="limit-transfer" onClick={() => setOp('transfer')}>
          {t('op.transfer')}
        </Button>
      )}
      <Button danger data-testid="limit-cancel" onClick={() => setOp('cancel')}>
        {t('op.cancel')}
      </Button>
    </Space>
  );

  const subColumns: TableColumnsType<Limit> = [
    {
      title: t('field.product'),
      dataIndex: 'productName',
      render: (n: string | null, l) => <Link to={`/limits/${l.id}`}>{n ?? ''}</Link>,
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
  ];
  const entryColumns: TableColumnsType<Entry> = [
    { title: t('ledger.at'), dataIndex: 'at', render: (v: string) => formatTime(v, lang) },
    { title: t('ledger.kind'), dataIndex: 'kind', render: (k: Entry['kind']) => t(`entry.${k}`) },
    { title: t('ledger.amount'), dataIndex: 'amount', align: 'right', render: money },
    {
      title: t('ledger.after'),
      dataIndex: 'after',
      render: (a: Entry['after']) => `${money(a.used)} / ${money(a.frozen)} / ${money(a.available)}`,
    },
    { title: t('ledger.by'), dataIndex: 'byName' },
    { title: t('ledger.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '' },
  ];

  return (
    <div data-testid="limit-detail">
      <Link to="/limits">← {t('back')}</Link>
      {detail.error !== undefined ? (
        <LoadError error={detail.error} reasons={{ NOT_FOUND: t('notFound') }} />
      ) : (
        <Card
          title={limit && `${limit.customerName} · ${limit.productName ?? t(`kind.${limit.kind}`)}`}
          extra={actions}
          loading={!limit}
          style={{ marginBlock: 12 }}
        >
          {limit && (
            <>
              <LimitFigures limit={limit} />
              <Descriptions
                style={{ marginTop: 16 }}
                column={{ xs: 1, md: 2, xl: 3 }}
                items={[
                  { key: 'kind', label: t('field.kind'), children: <LimitKindTag kind={limit.kind} /> },
                  {
                    key: 'status',
                    label: t('field.status'),
                    children: <LimitStatusTag status={limit.status} />,
                  },
                  {
                    key: 'validity',
                    label: t('field.validity'),
                    children: `${limit.validFrom} ~ ${limit.validTo}`,
                  },
                  { key: 'owner', label: t('field.owner'), children: limit.ownerName },
                  { key: 'org', label: t('field.org'), children: limit.orgName },
                  { key: 'renewals', label: t('field.renewals'), children: limit.renewals },
                  ...(limit.parentId
                    ? [
                        {
                          key: 'parent',
                          label: t('field.parent'),
                          children: <Link to={`/limits/${limit.parentId}`}>{t('kind.comprehensive')}</Link>,
                        },
                      ]
                    : []),
                  ...(limit.applicationId && can(Permissions.applicationRead)
                    ? [
                        {
                          key: 'application',
                          label: t('field.application'),
                          children: <Link to={`/${limit.applicationId}`}>{t('fromApplication')}</Link>,
                        },
                      ]
                    : []),
                ]}
              />
            </>
          )}
        </Card>
      )}
      {limit?.kind === 'comprehensive' && (
        <Card title={t('subLimits')} style={{ marginBottom: 12 }}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={detail.data?.subLimits ?? []}
            columns={subColumns}
          />
        </Card>
      )}
      {limit && (
        <Card title={t('ledger')}>
          <Table
            rowKey="id"
            size="small"
            data-testid="limit-ledger"
            dataSource={detail.data?.entries ?? []}
            columns={entryColumns}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('ledger.empty')} /> }}
          />
        </Card>
      )}
      {op && limit && (
        <LimitOperationModal
          op={op}
          limit={limit}
          onClose={() => setOp(undefined)}
          onDone={() => {
            setOp(undefined);
            detail.reload();
          }}
        />
      )}
    </div>
  );
}
