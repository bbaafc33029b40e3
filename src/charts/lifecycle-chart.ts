/**
 * Growth accounting per period: new, returning and resurrecting customers stacked above zero,
 * dormant ones (active last period, not this one) drawn below zero, so the bar height above minus
 * below shows whether the active base grew.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { formatInt, formatPeriod } from '../i18n/format';
import type { Grain } from '../metrics/types';
import { categoryAxis, valueAxis } from './axis';
import { gridBox, legendBox, themeOf, tooltipBox } from './theme';
import { orDash } from './tooltip';
import type { ChartContext } from './types';

/** One period of the lifecycle metric. `dormant` is a count (≥ 0); the chart negates it. */
export interface LifecyclePeriod {
  periodStart: string;
  new: number;
  returning: number;
  resurrecting: number;
  dormant: number;
  complete: boolean;
}

export interface LifecycleChartInput {
  grain: Grain;
  periods: LifecyclePeriod[];
}

export interface LifecycleChartLabels {
  period: string;
  /** y-axis name, e.g. "Customers". */
  customers: string;
  new: string;
  returning: string;
  resurrecting: string;
  dormant: string;
}

type Part = 'new' | 'returning' | 'resurrecting' | 'dormant';

/** Fixed roles, not series order: green grows, blue keeps, amber comes back, red is lost. */
const COLOUR_INDEX: Record<Part, number> = { new: 5, returning: 0, resurrecting: 2, dormant: 1 };

export function lifecycleChartOption(input: LifecycleChartInput, labels: LifecycleChartLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const int = (v: number) => formatInt(ctx.locale, Math.abs(v));
  const parts: Part[] = ['new', 'returning', 'resurrecting', 'dormant'];
  const series = parts.map((part) => {
    const color = t.series[COLOUR_INDEX[part]] ?? t.accent;
    const sign = part === 'dormant' ? -1 : 1;
    return {
      name: labels[part],
      type: 'bar',
      // One stack: ECharts stacks positive and negative values separately ('samesign'), so dormant hangs below zero.
      stack: 'lifecycle',
      barMaxWidth: 40,
      itemStyle: { color },
      emphasis: { focus: 'series' },
      data: input.periods.map((p) => {
        const value = sign * Math.abs(p[part]) || 0; // no -0 in the data
        return p.complete ? value : { value, itemStyle: { color, opacity: 0.45, borderColor: t.muted, borderType: 'dashed', borderWidth: 1 } };
      }),
      ...(part === 'dormant'
        ? { markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: t.muted, type: 'solid', width: 1 }, data: [{ yAxis: 0 }] } }
        : {}),
    };
  });
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(),
    legend: legendBox(t, parts.map((p) => labels[p])),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: orDash(int) }),
    // The category axis sits at the bottom, not at zero, so its labels stay clear of the dormant bars.
    xAxis: categoryAxis(t, labels.period, input.periods.map((p) => formatPeriod(ctx.locale, p.periodStart, input.grain)), { onZero: false }),
    // Counts below zero are still counts: the ticks show their size.
    yAxis: valueAxis(t, labels.customers, { formatter: int }),
    series,
  };
}
