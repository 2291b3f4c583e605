import { formatTime, Link, LoadError, useLoad } from '@zhanye/app-kit/react';
import { Permissions } from '@zhanye/contracts';
import { Button, Card, Descriptions, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { useShell } from '../../lib/i18n.ts';
import { getCustomer, getTimeline } from './customer.resource.ts';
import { CustomerTimeline } from './customer-timeline.panel.tsx';

/** Customer 360: header and journey timeline, with the next steps the user may take. */
export function Customer360Page({ id }: { id: string }) {
  const { api, can, navigate, bus, basePath, t, lang } = useShell();
  const head = useLoad((signal) => getCustomer(api, id, signal), [api, id]);
  const timeline = useLoad((signal) => getTimeline(api, id, signal), [api, id]);
  const c = head.data?.customer;

  useEffect(() => {
    if (c) bus.emit('customer.selected', { customerId: c.id, name: c.name });
  }, [bus, c]);

  const actions = (
    <Space>
      {can(Permissions.leadCreate) && (
        <Button data-testid="customer-new-lead" onClick={() => navigate(`/marketing?customerId=${id}`)}>
          {t('action.lead')}
        </Button>
      )}
      {can(Permissions.applicationCreate) && (
        <Button
          type="primary"
          data-testid="customer-apply-credit"
          onClick={() => navigate(`/credit/new?customerId=${id}`)}
        >
          {t('action.credit')}
        </Button>
      )}
    </Space>
  );

  return (
    <div data-testid="customer-360">
      <Link to={basePath}>← {t('back')}</Link>
      {head.error !== undefined ? (
        <LoadError error={head.error} reasons={{ NOT_FOUND: t('customer.notFound') }} />
      ) : (
        <Card title={c?.name} extra={c && actions} loading={!c} style={{ marginBlock: 12 }}>
          {c && (
            <Descriptions
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: 'name', label: t('field.name'), children: c.name },
                { key: 'idNumber', label: t('field.idNumber'), children: c.idNumberMasked },
                { key: 'phone', label: t('field.phone'), children: c.phoneMasked },
                {
                  key: 'segment',
                  label: t('field.segment'),
                  children: <Tag>{t(`segment.${c.segment}`)}</Tag>,
                },
                { key: 'owner', label: t('field.owner'), children: c.ownerName },
                { key: 'created', label: t('field.createdAt'), children: formatTime(c.createdAt, lang) },
              ]}
            />
          )}
        </Card>
      )}
      <Card title={t('timeline')} loading={timeline.loading && !timeline.data}>
        {timeline.error !== undefined && <LoadError error={timeline.error} />}
        <div data-testid="customer-timeline">
          <CustomerTimeline entries={timeline.data?.items ?? []} />
        </div>
      </Card>
    </div>
  );
}
