/** Retention curve: the size-weighted average of complete cells, bold, over thin per-cohort lines. */
import type { EChartsCoreOption } from 'echarts/core';
import { formatPercent, formatPeriod } from '../i18n/format';
import type { Grain } from '../metrics/types';
import { palette, type ChartContext } from './types';
import { gridBox } from './theme';

export interface CurveInput {
  grain: Grain;
  average: { offset: number; value: number | null }[];
  /** Per-cohort complete points; the builder shows the most recent `maxCohorts`. */
  cohorts: { start: string; points: { offset: number; value: number | null }[] }[];
  valueLabel: string;
  maxCohorts?: number;
}

export function retentionCurveOption(input: CurveInput, ctx: ChartContext): EChartsCoreOption {
  const p = ctx.dark ? palette.dark : palette.light;
  const shown = input.cohorts.slice(-(input.maxCohorts ?? 12));
  const pct = (v: number) => formatPercent(ctx.locale, v, 0);
  return {
    animation: false,
    textStyle: { color: p.text },
    grid: gridBox(32),
    legend: { top: 0, data: [ctx.t('cohorts.average')], textStyle: { color: p.text } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPercent(ctx.locale, v) : '–'),
    },
    xAxis: {
      type: 'value',
      name: ctx.t('cohorts.offset'),
      nameLocation: 'middle',
      nameGap: 28,
      minInterval: 1,
      axisLabel: { color: p.muted },
      splitLine: { lineStyle: { color: p.grid } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { color: p.muted, formatter: pct },
      splitLine: { lineStyle: { color: p.grid } },
    },
    series: [
      ...shown.map((c) => ({
        name: formatPeriod(ctx.locale, c.start, input.grain),
        type: 'line',
        data: c.points.filter((pt) => pt.value !== null).map((pt) => [pt.offset, pt.value]),
        showSymbol: false,
        lineStyle: { width: 1, color: p.muted, opacity: 0.35 },
        itemStyle: { color: p.muted },
        emphasis: { focus: 'series' },
        z: 1,
      })),
      {
        name: ctx.t('cohorts.average'),
        type: 'line',
        data: input.average.filter((pt) => pt.value !== null).map((pt) => [pt.offset, pt.value]),
        lineStyle: { width: 3, color: p.accent },
        itemStyle: { color: p.accent },
        symbolSize: 6,
        z: 3,
      },
    ],
  };
}
