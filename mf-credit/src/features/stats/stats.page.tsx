import { formatMoney, LoadError, useLoad } from '@zhanye/app-kit/react';
import { money } from '@zhanye/contracts';
import { Button, Card, Col, DatePicker, Empty, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { creditStats } from '../../lib/credit.api.ts';
import { errorReasons } from '../../lib/words.ts';
import { useShell } from './stats.text.ts';

/** echarts is loaded with the first chart, not with the app. */
const BarChart = lazy(() => import('./bar.chart.tsx'));

function ChartCard({
  name,
  title,
  empty,
  children,
}: {
  name: string;
  title: string;
  empty: boolean;
  children: ReactNode;
}) {
  const { t } = useShell();
  return (
    <Card size="small" title={title} data-testid="stats-chart" data-chart={name} style={{ height: '100%' }}>
      {empty ? (
        <Empty description={t('empty')} />
      ) : (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>{children}</Suspense>
      )}
    </Card>
  );
}

/** Yuan (decimal string) in 10k yuan, for a chart's bar only (the tooltip shows the exact amount). */
const tenThousands = (amount: string) => money(amount).dividedBy(10_000).toDecimalPlaces(2).toNumber();

/** 授信统计: applications by status, product and branch, the approval rate, days per step. */
export function StatsPage() {
  const { api, t, lang } = useShell();
  const reasons = useMemo(() => errorReasons(t), [t]);
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const stats = useLoad((signal) => creditStats(api, range, signal), [api, range]);
  const s = stats.data;

  const rate = s?.approvalRate ? money(s.approvalRate).times(100).toFixed(1) : null;

  return (
    <Card
      title={t('stats')}
      extra={
        <Space>
          <DatePicker.RangePicker
            data-testid="stats-range"
            placeholder={[t('range'), t('range')]}
            onChange={(_, [from, to]) => setRange({ from: from || undefined, to: to || undefined })}
          />
          <Button onClick={stats.reload}>{t('reload')}</Button>
        </Space>
      }
    >
      {stats.error !== undefined && <LoadError error={stats.error} reasons={reasons} />}
      {!s ? (
        stats.loading && <Skeleton active />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Card
              size="small"
              title={t('chart.approvalRate')}
              data-testid="stats-approval-rate"
              style={{ height: '100%' }}
            >
              <Statistic
                value={rate ?? '—'}
                suffix={rate ? '%' : undefined}
                styles={{ content: { fontSize: 40 } }}
              />
              <Typography.Text type="secondary">{rate ? t('rate.hint') : t('rate.none')}</Typography.Text>
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            <ChartCard name="byStatus" title={t('chart.byStatus')} empty={s.byStatus.length === 0}>
              <BarChart
                categories={s.byStatus.map((r) => t(`status.${r.status}`))}
                series={[{ name: t('series.count'), values: s.byStatus.map((r) => r.count) }]}
              />
            </ChartCard>
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard name="byProduct" title={t('chart.byProduct')} empty={s.byProduct.length === 0}>
              <BarChart
                categories={s.byProduct.map((r) => r.productName)}
                series={[
                  { name: t('series.count'), values: s.byProduct.map((r) => r.count) },
                  {
                    name: t('series.amount'),
                    axis: 1,
                    values: s.byProduct.map((r) => tenThousands(r.amount)),
                    label: (i) => formatMoney(s.byProduct[i]?.amount ?? '0', lang),
                  },
                ]}
              />
            </ChartCard>
          </Col>
          <Col xs={24} lg={12}>
            <ChartCard name="byBranch" title={t('chart.byBranch')} empty={s.byBranch.length === 0}>
              <BarChart
                categories={s.byBranch.map((r) => r.orgName)}
                series={[
                  { name: t('series.approved'), stack: 'n', values: s.byBranch.map((r) => r.approved) },
                  {
                    name: t('series.notApproved'),
                    stack: 'n',
                    values: s.byBranch.map((r) => Math.max(0, r.count - r.approved)),
                  },
                ]}
              />
            </ChartCard>
          </Col>
          <Col xs={24}>
            <ChartCard name="daysPerStep" title={t('chart.daysPerStep')} empty={s.daysPerStep.length === 0}>
              <BarChart
                horizontal
                categories={s.daysPerStep.map((r) => t(`status.${r.state}`))}
                series={[
                  {
                    name: t('series.days'),
                    values: s.daysPerStep.map((r) => Number(r.avgDays)),
                    label: (i) => {
                      const r = s.daysPerStep[i];
                      return r ? t('days', { n: r.avgDays, count: r.count }) : '';
                    },
                  },
                ]}
              />
            </ChartCard>
          </Col>
        </Row>
      )}
    </Card>
  );
}
