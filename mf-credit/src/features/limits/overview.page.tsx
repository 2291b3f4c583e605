import { formatMoney, LoadError, moneyUnit, useLoad } from '@zhanye/app-kit/react';
import { money } from '@zhanye/contracts';
import { Card, Empty, Segmented, Table, type TableColumnsType } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { limitOverview, type OverviewRow } from './limits.resource.ts';
import { useLimitsText } from './limits.text.ts';

// only what the chart draws (a stacked bar), not all of echarts
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const TOP = 15;
const COLORS = { used: '#fa8c16', frozen: '#1677ff', available: '#52c41a' } as const;

/** 额度概览: granted, used, frozen and available per customer or per branch, a stacked bar chart and a table. */
export default function LimitOverviewPage() {
  const { api, t, lang } = useLimitsText();
  const [by, setBy] = useState<'customer' | 'branch'>('branch');
  const data = useLoad((signal) => limitOverview(api, by, signal), [api, by]);
  const rows = data.data?.rows ?? [];
  const fmt = (v: string) => formatMoney(v, lang);

  const option = useMemo(() => {
    const top = rows.slice(0, TOP);
    // the chart's axis needs numbers: ten-thousands of yuan, for display only (the table shows the exact amounts)
    const wan = (v: string) => money(v).div(10000).toDecimalPlaces(2).toNumber();
    const series = (['used', 'frozen', 'available'] as const).map((k) => ({
      name: t(`field.${k}`),
      type: 'bar' as const,
      stack: 'limit',
      itemStyle: { color: COLORS[k] },
      data: top.map((r) => wan(r[k])),
    }));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, bottom: 28, top: 36, containLabel: true },
      xAxis: {
        type: 'value',
        name: lang === 'zh-CN' ? '万元' : `10k ${moneyUnit(lang)}`,
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: { type: 'category', inverse: true, data: top.map((r) => r.name) },
      series,
    };
  }, [rows, t, lang]);

  const columns: TableColumnsType<OverviewRow> = [
    {
      title: t('overview.name'),
      dataIndex: 'name',
      render: (name: string, r: OverviewRow) =>
        by === 'customer' ? <Link to={`/limits?customerId=${encodeURIComponent(r.key)}`}>{name}</Link> : name,
    },
    { title: t('overview.limits'), dataIndex: 'limits', align: 'right' },
    { title: t('field.granted'), dataIndex: 'granted', align: 'right', render: fmt },
    { title: t('field.used'), dataIndex: 'used', align: 'right', render: fmt },
    { title: t('field.frozen'), dataIndex: 'frozen', align: 'right', render: fmt },
    { title: t('field.available'), dataIndex: 'available', align: 'right', render: fmt },
  ];

  return (
    <div>
      <Link to="/limits">← {t('back')}</Link>
      <Card
        title={t('title.overview')}
        style={{ marginTop: 12 }}
        extra={
          <Segmented
            data-testid="overview-by"
            value={by}
            onChange={(v) => setBy(v as 'customer' | 'branch')}
            options={[
              { value: 'branch', label: t('overview.byBranch') },
              { value: 'customer', label: t('overview.byCustomer') },
            ]}
          />
        }
      >
        {data.error !== undefined && <LoadError error={data.error} />}
        {rows.length > 0 ? (
          <Card type="inner" title={t('overview.chart')} style={{ marginBottom: 16 }}>
            <ReactEChartsCore
              echarts={echarts}
              option={option}
              notMerge
              style={{ height: Math.max(200, Math.min(rows.length, TOP) * 32 + 60) }}
            />
          </Card>
        ) : (
          !data.loading && <Empty description={t('overview.empty')} />
        )}
        <Table
          rowKey="key"
          size="middle"
          loading={data.loading}
          dataSource={rows}
          columns={columns}
          data-testid="overview-table"
        />
      </Card>
    </div>
  );
}
