/** Segment comparison: retention curves overlaid per segment, and one KPI (or several of the same unit) per segment as bars. */
import type { EChartsCoreOption } from 'echarts/core';
import { formatInt, formatMoney, formatNumber, formatPercent } from '../i18n/format';
import type { SegmentKpi } from '../metrics/segments';
import { categoryAxis, intTicks, maxOf, moneyTicks, percentCeiling, percentTicks, valueAxis } from './axis';
import { gridBox, legendBox, seriesColor, themeOf, tooltipBox } from './theme';
import { orDash, tipNumber } from './tooltip';
import type { ChartContext } from './types';
import { currencySymbol, DEFAULT_CURRENCY, withUnit } from './units';

export interface SegmentCurve {
  segment: string;
  points: { offset: number; value: number | null }[];
}

export interface SegmentCurvesLabels {
  /** x-axis name, e.g. "Months since first purchase". */
  offset: string;
  /** y-axis name; the builder appends " (%)". */
  retention: string;
}

export function segmentCurvesOption(segments: SegmentCurve[], labels: SegmentCurvesLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const max = percentCeiling(maxOf(segments.flatMap((s) => s.points.map((p) => p.value))));
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(),
    legend: legendBox(t, segments.map((s) => s.segment)),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', valueFormatter: orDash((v) => formatPercent(ctx.locale, v)) }),
    xAxis: valueAxis(t, labels.offset, { min: 0, minInterval: 1, nameGap: 30, splitLine: false }),
    yAxis: valueAxis(t, withUnit(labels.retention, '%'), { min: 0, max, formatter: percentTicks(ctx.locale, max) }),
    series: segments.map((s, i) => {
      const color = seriesColor(t, i);
      const data = s.points.filter((p) => p.value !== null).map((p) => [p.offset, p.value]);
      return {
        name: s.segment,
        type: 'line',
        data,
        symbol: 'circle',
        showSymbol: data.length <= 40,
        symbolSize: 5,
        lineStyle: { width: 2, color },
        itemStyle: { color },
        emphasis: { focus: 'series' },
      };
    }),
  };
}

export type SegmentKpiKey = 'customers' | 'repeatRate' | 'crrLast' | 'gapMedianDays' | 'clvMean';
type Unit = 'count' | 'percent' | 'days' | 'money';

const UNIT: Record<SegmentKpiKey, Unit> = { customers: 'count', repeatRate: 'percent', crrLast: 'percent', gapMedianDays: 'days', clvMean: 'money' };

export interface SegmentKpiInput {
  kpis: SegmentKpi[];
  /** KPIs drawn side by side per segment; they must share a unit (e.g. repeat rate and CRR). */
  metrics: SegmentKpiKey[];
  currency?: string;
}

export interface SegmentKpiLabels {
  /** Axis name of the segments, e.g. "Channel". */
  segment: string;
  /** Value axis name; the builder appends " (%)" or the currency symbol where the unit is one. */
  value: string;
  /** Series name per KPI drawn. */
  metrics: Partial<Record<SegmentKpiKey, string>>;
}

/** Bars stay labelled with their values up to this many; beyond, the tooltip carries them. */
const MAX_VALUE_LABELS = 24;

export function segmentKpiOption(input: SegmentKpiInput, labels: SegmentKpiLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const units = new Set(input.metrics.map((m) => UNIT[m]));
  if (units.size > 1) throw new Error(`segment KPIs of different units cannot share an axis: ${input.metrics.join(', ')}`);
  const unit: Unit = units.values().next().value ?? 'count';
  const currency = input.currency ?? DEFAULT_CURRENCY;
  const max = maxOf(input.kpis.flatMap((k) => input.metrics.map((m) => k[m])));
  const negative = input.kpis.some((k) => input.metrics.some((m) => (k[m] ?? 0) < 0));
  const tick: Record<Unit, (v: number) => string> = {
    count: intTicks(ctx.locale),
    percent: percentTicks(ctx.locale, max),
    days: (v) => formatNumber(ctx.locale, v, 1),
    money: moneyTicks(ctx.locale),
  };
  const exact: Record<Unit, (v: number) => string> = {
    count: (v) => formatInt(ctx.locale, v),
    percent: (v) => formatPercent(ctx.locale, v),
    days: (v) => formatNumber(ctx.locale, v, 1),
    money: (v) => formatMoney(ctx.locale, v, currency),
  };
  const axisName = unit === 'percent' ? withUnit(labels.value, '%') : unit === 'money' ? withUnit(labels.value, currencySymbol(currency)) : labels.value;
  const showValues = input.kpis.length * input.metrics.length <= MAX_VALUE_LABELS;
  const names = input.metrics.map((m) => labels.metrics[m] ?? m);
  const valueLabel = (p: { value?: unknown }) => {
    const v = tipNumber(p.value);
    return v === null ? '' : exact[unit](v);
  };
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(input.metrics.length > 1 ? 40 : 16, { right: 64 }),
    ...(input.metrics.length > 1 ? { legend: legendBox(t, names) } : {}),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: orDash(exact[unit]) }),
    // Horizontal bars: segment names can be long and stay readable on the vertical axis.
    yAxis: categoryAxis(t, labels.segment, input.kpis.map((k) => k.segment), { inverse: true, everyLabel: true, labelWidth: 140, nameAt: 'start', nameGap: 8 }),
    // Negative values (CRR in a tiny segment, mean CLV net of refunds) get ECharts' own lower bound.
    xAxis: valueAxis(t, axisName, { ...(negative ? {} : { min: 0 }), nameGap: 30, formatter: tick[unit] }),
    series: input.metrics.map((m, i) => ({
      name: names[i],
      type: 'bar',
      barMaxWidth: 28,
      itemStyle: { color: seriesColor(t, i) },
      label: { show: showValues, position: 'right', color: t.text, fontSize: 11, formatter: valueLabel },
      data: input.kpis.map((k) => k[m]),
    })),
  };
}
