/** CRR and churn rate per period, with the contract's benchmark lines at 80 % and 85 %. */
import type { EChartsCoreOption } from 'echarts/core';
import { formatPercent, formatPeriod } from '../i18n/format';
import { CRR_BENCHMARKS, type CrrResult } from '../metrics/crr';
import type { Grain } from '../metrics/types';
import { categoryAxis, maxOf, percentCeiling, percentTicks, valueAxis } from './axis';
import { gridBox, legendBox, lineDensity, seriesColor, themeOf, tooltipBox } from './theme';
import { orDash } from './tooltip';
import type { ChartContext } from './types';
import { withUnit } from './units';

export interface CrrChartInput extends CrrResult {
  grain: Grain;
}

export interface CrrChartLabels {
  /** x-axis name, e.g. "Period". */
  period: string;
  /** y-axis name; the builder appends " (%)". */
  rate: string;
  crr: string;
  churnRate: string;
  /** Benchmark names shown on the reference lines: 80 % and 85 %. */
  good: string;
  target: string;
}

export function crrChartOption(input: CrrChartInput, labels: CrrChartLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const periods = input.periods;
  // CRR exceeds 100 % when reactivated customers outnumber the churned ones; keep them on the chart.
  const max = percentCeiling(maxOf(periods.map((p) => p.crr)));
  // And below 0 % with periods longer than W (the panel says why); keep those on the chart too.
  const lowest = Math.min(0, ...periods.map((p) => p.crr ?? 0));
  const min = lowest < 0 ? Math.floor(lowest * 10 + 1e-9) / 10 : 0;
  const pct = (v: number) => formatPercent(ctx.locale, v, 1);
  const benchmarkName = { good: labels.good, target: labels.target } as const;
  // Two lines 5 points apart: one label above its line, the other below, so they never overlap.
  const benchmarkLines = CRR_BENCHMARKS.map((b) => ({
    name: benchmarkName[b.label],
    yAxis: b.value,
    label: {
      formatter: `${benchmarkName[b.label]} ${formatPercent(ctx.locale, b.value, 0)}`,
      position: b.label === 'target' ? 'insideEndTop' : 'insideEndBottom',
      color: t.muted,
    },
  }));
  const line = (name: string, values: (number | null)[], color: string, extra: Record<string, unknown> = {}) => ({
    name,
    type: 'line',
    data: values,
    connectNulls: false,
    ...lineDensity(values.length),
    lineStyle: { width: 2, color },
    itemStyle: { color },
    ...extra,
  });
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(),
    legend: legendBox(t, [labels.crr, labels.churnRate]),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', valueFormatter: orDash(pct) }),
    xAxis: categoryAxis(t, labels.period, periods.map((p) => formatPeriod(ctx.locale, p.periodStart, input.grain))),
    yAxis: valueAxis(t, withUnit(labels.rate, '%'), { min, max, formatter: percentTicks(ctx.locale, max) }),
    series: [
      line(labels.crr, periods.map((p) => p.crr), seriesColor(t, 0), {
        z: 3,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 1, color: t.muted },
          data: benchmarkLines,
        },
      }),
      line(labels.churnRate, periods.map((p) => p.churnRate), seriesColor(t, 1)),
    ],
  };
}
