import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  values: number[];
  /** Series with the same stack are stacked. */
  stack?: string;
  /** 1: the right-hand axis. */
  axis?: 0 | 1;
  /** The tooltip's words for a value (e.g. money formatted from its decimal string). */
  label?: (index: number) => string;
}

/**
 * A bar chart (echarts, only the bar chart's modules): categories along x, one or more series.
 * The default export, so the stats page loads it (and echarts) lazily.
 */
export default function BarChartView({
  categories,
  series,
  height = 280,
  horizontal = false,
}: {
  categories: string[];
  series: BarSeries[];
  height?: number;
  horizontal?: boolean;
}) {
  const twoAxes = series.some((s) => s.axis === 1);
  const category = { type: 'category', data: categories, axisLabel: { interval: 0, hideOverlap: true } };
  const values = twoAxes
    ? [{ type: 'value' }, { type: 'value', splitLine: { show: false } }]
    : { type: 'value' };
  const option = {
    grid: { left: 8, right: 8, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { top: 0 } : undefined,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (
        params: {
          seriesIndex: number;
          dataIndex: number;
          marker: string;
          seriesName: string;
          value: number;
        }[],
      ) => {
        const first = params[0];
        if (!first) return '';
        const lines = params.map((p) => {
          const s = series[p.seriesIndex];
          const v = s?.label ? s.label(p.dataIndex) : String(p.value);
          return `${p.marker}${p.seriesName}: ${v}`;
        });
        return [categories[first.dataIndex] ?? '', ...lines].join('<br/>');
      },
    },
    xAxis: horizontal ? values : category,
    yAxis: horizontal ? category : values,
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      stack: s.stack,
      barMaxWidth: 36,
      ...(twoAxes ? { [horizontal ? 'xAxisIndex' : 'yAxisIndex']: s.axis ?? 0 } : {}),
    })),
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} />;
}
