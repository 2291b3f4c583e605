import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface DailySeries {
  name: string;
  /** Approval rate in percent per day (null: no verdicts that day). */
  rates: (number | null)[];
  runs: number[];
}

/**
 * A model's monitoring charts: approval rate per day as lines (one per flow version, left axis) over
 * runs per day as stacked bars (right axis). The default export: loaded lazily with echarts.
 */
export default function ApprovalChart({
  days,
  series,
  rateName,
  runsName,
  height = 300,
}: {
  days: string[];
  series: DailySeries[];
  rateName: string;
  runsName: string;
  height?: number;
}) {
  const option = {
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days },
    yAxis: [
      { type: 'value', name: rateName, min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      { type: 'value', name: runsName, splitLine: { show: false } },
    ],
    series: [
      ...series.map((s) => ({
        type: 'bar',
        name: `${s.name} ${runsName}`,
        data: s.runs,
        stack: 'runs',
        yAxisIndex: 1,
        barMaxWidth: 24,
        itemStyle: { opacity: 0.35 },
      })),
      ...series.map((s) => ({
        type: 'line',
        name: `${s.name} ${rateName}`,
        data: s.rates,
        connectNulls: true,
        yAxisIndex: 0,
      })),
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} />;
}
