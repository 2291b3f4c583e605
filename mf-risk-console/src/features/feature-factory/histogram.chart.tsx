import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/**
 * A feature's distribution as a bar chart (echarts, only the bar chart's modules). The default
 * export, so the feature page loads it (and echarts) lazily.
 */
export default function HistogramChart({
  labels,
  counts,
  name,
  height = 300,
}: {
  labels: string[];
  counts: number[];
  name: string;
  height?: number;
}) {
  const option = {
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', name, data: counts, barMaxWidth: 36 }],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} />;
}
