import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  values: number[];
  stack?: string;
}

/**
 * The batch run's charts (echarts, bar and pie modules only): the default export, so the run page
 * loads it (and echarts) only when a finished run shows its summary.
 */
export default function BatchChart({
  kind,
  categories,
  series,
  height = 260,
}: {
  kind: 'bar' | 'pie';
  categories: string[];
  series: BarSeries[];
  height?: number;
}) {
  const option =
    kind === 'pie'
      ? {
          tooltip: { trigger: 'item' },
          legend: { bottom: 0 },
          series: [
            {
              type: 'pie',
              radius: ['40%', '70%'],
              data: categories.map((name, i) => ({ name, value: series[0]?.values[i] ?? 0 })),
            },
          ],
        }
      : {
          grid: { left: 8, right: 8, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
          legend: series.length > 1 ? { top: 0 } : undefined,
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, hideOverlap: true } },
          yAxis: { type: 'value' },
          series: series.map((s) => ({
            type: 'bar',
            name: s.name,
            data: s.values,
            stack: s.stack,
            barMaxWidth: 36,
          })),
        };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} />;
}
