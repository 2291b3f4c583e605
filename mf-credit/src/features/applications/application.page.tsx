import { formatMoney, LoadError, useLoad } from '@zhanye/app-kit/react';
import type { CreditApplication } from '@zhanye/contracts';
import { Card, Descriptions, Flex, Skeleton, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { getApplication } from '../../lib/credit.api.ts';
import { errorReasons } from '../../lib/words.ts';
import { ApplicationActions } from './application.actions.tsx';
import { useShell } from './applications.text.ts';
import { ApprovalTab } from './approval.tab.tsx';
import { BureauTab } from './bureau.tab.tsx';
import { EditDrawer } from './edit.drawer.tsx';
import { EvidenceTab } from './evidence.tab.tsx';
import { InvestigationTab } from './investigation.tab.tsx';
import { StatusTag } from './status.tag.tsx';
import { SummaryTab } from './summary.tab.tsx';

type TabKey = 'summary' | 'bureau' | 'investigation' | 'approval' | 'evidence';

/** One application: its header, the buttons for what the caller may do now, a tab per step. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  return <ApplicationDetail key={id} id={id} />;
}

function ApplicationDetail({ id }: { id: string }) {
  const { api, t, lang } = useShell();
  const loaded = useLoad((signal) => getApplication(api, id, signal), [api, id]);
  const reasons = useMemo(() => errorReasons(t), [t]);
  const [tab, setTab] = useState<TabKey>('summary');
  const [editing, setEditing] = useState(false);
  const a = loaded.data;

  const changed = (next: CreditApplication) => {
    loaded.setData(next);
    setEditing(false);
  };

  if (!a)
    return (
      <Card>
        <Link to="/">← {t('detail.back')}</Link>
        {loaded.error !== undefined ? (
          <LoadError error={loaded.error} reasons={reasons} />
        ) : (
          <Skeleton active />
        )}
      </Card>
    );

  const tabs = [
    { key: 'summary', label: t('tab.summary'), children: <SummaryTab application={a} /> },
    {
      key: 'bureau',
      label: t('tab.bureau'),
      children: <BureauTab application={a} onQueried={loaded.reload} />,
    },
    {
      key: 'investigation',
      label: t('tab.investigation'),
      children: (
        <InvestigationTab key={a.version} application={a} onChanged={changed} onStale={loaded.reload} />
      ),
    },
    { key: 'approval', label: t('tab.approval'), children: <ApprovalTab application={a} /> },
    {
      key: 'evidence',
      label: t('tab.evidence'),
      children: <EvidenceTab application={a} version={`${a.status}|${a.version}`} />,
    },
  ];

  return (
    <div data-testid="application-detail" data-id={a.id}>
      <Link to="/">← {t('detail.back')}</Link>
      {loaded.error !== undefined && <LoadError error={loaded.error} reasons={reasons} />}
      <Card style={{ marginBlock: 12 }}>
        <Flex justify="space-between" align="start" wrap gap={16}>
          <div>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {a.customerName}
              <span style={{ marginInlineStart: 12 }}>
                <StatusTag status={a.status} testId="application-status" />
              </span>
            </Typography.Title>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 4 }}
              items={[
                { key: 'number', label: t('field.number'), children: a.number ?? t('detail.draftNumber') },
                { key: 'product', label: t('field.product'), children: a.productName },
                {
                  key: 'amount',
                  label: t('field.amount'),
                  children: <span data-testid="application-amount-value">{formatMoney(a.amount, lang)}</span>,
                },
                {
                  key: 'variant',
                  label: t('field.variant'),
                  children: (
                    <span data-testid="application-variant" data-variant={a.variant ?? ''}>
                      {a.variant ? t(`variant.${a.variant}`) : t('variant.none')}
                    </span>
                  ),
                },
              ]}
            />
          </div>
          <ApplicationActions
            application={a}
            onChanged={changed}
            onStale={loaded.reload}
            onOpen={(form) => {
              if (form === 'edit') setEditing(true);
              else setTab(form === 'investigate' ? 'investigation' : 'bureau');
            }}
          />
        </Flex>
      </Card>
      <Card>
        <Tabs activeKey={tab} onChange={(k) => setTab(k as TabKey)} items={tabs} />
      </Card>
      {editing && (
        <EditDrawer
          application={a}
          onClose={() => setEditing(false)}
          onChanged={changed}
          onStale={loaded.reload}
        />
      )}
    </div>
  );
}
