import { formatTime } from '@zhanye/app-kit/react';
import type { CreditApplication, PrescreenOutcome } from '@zhanye/contracts';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useShell } from './applications.text.ts';
import { BureauReportSlot, QueryBureauSlot, QueryLogSlot } from './bureau.slots.tsx';

const OUTCOME_COLOR: Record<PrescreenOutcome, string> = {
  pass: 'success',
  refer: 'warning',
  refuse: 'error',
};

function Reasons({ reasons }: { reasons: string[] }) {
  const { t } = useShell();
  if (!reasons.length) return <Typography.Text type="secondary">{t('prescreen.noReasons')}</Typography.Text>;
  return (
    <Space wrap>
      {reasons.map((r) => (
        // a reason the app has no words for is the risk engine's own sentence
        <Tag key={r}>{t.opt(`reason.${r}`) ?? r}</Tag>
      ))}
    </Space>
  );
}

/** 征信与准入: the pre-screen, admission (and a manual admission's reason), the bureau report. */
export function BureauTab({
  application: a,
  onQueried,
}: {
  application: CreditApplication;
  onQueried(): void;
}) {
  const { t, lang } = useShell();
  const manual = a.admission?.manual;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('prescreen.title')}>
        {a.prescreen ? (
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'outcome',
                label: t('prescreen.title'),
                children: (
                  <Tag
                    color={OUTCOME_COLOR[a.prescreen.outcome]}
                    data-testid="prescreen-outcome"
                    data-outcome={a.prescreen.outcome}
                  >
                    {t(`outcome.${a.prescreen.outcome}`)}
                  </Tag>
                ),
              },
              {
                key: 'reasons',
                label: t('prescreen.reasons'),
                children: <Reasons reasons={a.prescreen.reasons} />,
              },
            ]}
          />
        ) : (
          <Typography.Text type="secondary" data-testid="prescreen-outcome" data-outcome="">
            {t('prescreen.none')}
          </Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('admission.title')}>
        {a.admission ? (
          <div data-testid="admission-outcome" data-outcome={a.admission.outcome}>
            <Space orientation="vertical">
              <Tag color={OUTCOME_COLOR[a.admission.outcome]}>{t(`outcome.${a.admission.outcome}`)}</Tag>
              <Reasons reasons={a.admission.reasons} />
              {manual && (
                <Typography.Text data-testid="admission-manual">
                  {t('admission.manual', { name: manual.name, at: formatTime(manual.at, lang) })}
                  {' · '}
                  {t('admission.reason', { reason: manual.reason })}
                </Typography.Text>
              )}
            </Space>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('admission.none')}</Typography.Text>
        )}
      </Card>
      <Card
        size="small"
        title={t('bureau.report')}
        extra={
          a.actions.includes('queryBureau') && (
            <QueryBureauSlot applicationId={a.id} customerName={a.customerName} onQueried={onQueried} />
          )
        }
      >
        <BureauReportSlot reportId={a.bureauReportId} />
      </Card>
      <QueryLogSlot customerId={a.customerId} refresh={a.version} />
    </Space>
  );
}
