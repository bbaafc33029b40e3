/**
 * Power-user curve over time: at each month end, the share of the window's active customers
 * with at least d active days, one line per threshold d.
 *
 * Why lines and not a months × days heatmap: most customers sit at 1–2 days, so a heatmap's
 * colour scale is spent on the first columns and the engaged tail (the point of the chart) fades
 * to one colour. "Share with ≥ d days" is cumulative, so each line moves smoothly, the lines never
 * cross, and a rising line reads directly as "more power users".
 */
import type { EChartsCoreOption } from 'echarts/core';
import { formatPercent, formatPeriod } from '../i18n/format';
import type { LnessHistogram } from '../metrics/lness';
import { categoryAxis, maxOf, percentTicks, valueAxis } from './axis';
import { gridBox, hollowPoint, legendBox, lineDensity, seriesColor, themeOf, tooltipBox } from './theme';
import { orDash } from './tooltip';
import type { ChartContext } from './types';
import { withUnit } from './units';

export interface PowerUserChartLabels {
  /** x-axis name, e.g. "Month end". */
  month: string;
  /** y-axis name; the builder appends " (%)". */
  share: string;
  /** Unit word in the series names "≥ 7 days". */
  days: string;
}

/** Default thresholds: a quarter, half and three quarters of the window (7, 14, 21 of L28), at least 2. */
export function defaultThresholds(windowDays: number): number[] {
  const picks = [0.25, 0.5, 0.75].map((f) => Math.max(2, Math.round(windowDays * f)));
  return [...new Set(picks)].filter((d) => d <= windowDays);
}

/** Share of the histogram's customers with at least `d` active days; null when nobody was active. */
export function shareAtLeast(h: LnessHistogram, d: number): number | null {
  if (h.customers === 0) return null;
  const above = h.bins.reduce((s, b) => (b.days >= d ? s + b.customers : s), 0);
  return above / h.customers;
}

export function powerUserChartOption(
  histograms: LnessHistogram[],
  labels: PowerUserChartLabels,
  ctx: ChartContext,
  thresholds: number[] = defaultThresholds(histograms[0]?.windowDays ?? 28),
): EChartsCoreOption {
  const t = themeOf(ctx);
  const months = histograms.map((h) => formatPeriod(ctx.locale, h.anchor, 'month'));
  const lines = thresholds.map((d) => histograms.map((h) => shareAtLeast(h, d)));
  const max = maxOf(lines.flat());
  const series = thresholds.map((d, i) => {
    const color = seriesColor(t, i);
    return {
      name: `≥ ${d} ${labels.days}`,
      type: 'line',
      ...lineDensity(histograms.length),
      lineStyle: { width: 2, color },
      itemStyle: { color },
      // Hollow symbols mark anchors whose window starts before the data does.
      data: (lines[i] ?? []).map((v, k) => (histograms[k]?.complete === false ? { value: v, ...hollowPoint(ctx, color, 7) } : v)),
    };
  });
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(),
    legend: legendBox(t, series.map((s) => s.name)),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', valueFormatter: orDash((v) => formatPercent(ctx.locale, v)) }),
    xAxis: categoryAxis(t, labels.month, months),
    yAxis: valueAxis(t, withUnit(labels.share, '%'), { min: 0, formatter: percentTicks(ctx.locale, max) }),
    series,
  };
}
