/** LTV curves: cumulative revenue per customer by periods since first purchase; thin lines per cohort, bold size-weighted average. */
import type { EChartsCoreOption } from 'echarts/core';
import { formatMoney, formatPeriod } from '../i18n/format';
import type { Grain } from '../metrics/types';
import type { Ltv } from '../metrics/value';
import { moneyTicks, valueAxis } from './axis';
import { gridBox, legendBox, themeOf, tooltipBox } from './theme';
import { orDash } from './tooltip';
import type { ChartContext } from './types';
import { currencySymbol, DEFAULT_CURRENCY, withUnit } from './units';

export interface LtvChartInput extends Ltv {
  grain: Grain;
  currency?: string;
  /** The most recent cohorts drawn as thin lines (default 12); the average uses all. */
  maxCohorts?: number;
}

export interface LtvChartLabels {
  /** x-axis name, e.g. "Months since first purchase". */
  offset: string;
  /** y-axis name; the builder appends the currency symbol, e.g. "Revenue per customer (€)". */
  value: string;
  /** Name of the bold line, e.g. "Average (complete periods)". */
  average: string;
}

export function ltvChartOption(input: LtvChartInput, labels: LtvChartLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const currency = input.currency ?? DEFAULT_CURRENCY;
  // Only complete cells: a period still running would bend every recent curve down.
  const byCohort = new Map<string, [number, number][]>();
  for (const c of input.cells) {
    if (!c.complete) continue;
    const pts = byCohort.get(c.cohort) ?? [];
    pts.push([c.offset, c.cumulativePerCustomer]);
    byCohort.set(c.cohort, pts);
  }
  const shown = [...byCohort].sort((a, b) => a[0].localeCompare(b[0])).slice(-(input.maxCohorts ?? 12));
  const money = (v: number) => formatMoney(ctx.locale, v, currency);
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(),
    legend: legendBox(t, [labels.average]),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', valueFormatter: orDash(money) }),
    xAxis: valueAxis(t, labels.offset, { min: 0, minInterval: 1, nameGap: 30, splitLine: false }),
    yAxis: valueAxis(t, withUnit(labels.value, currencySymbol(currency)), { min: 0, formatter: moneyTicks(ctx.locale) }),
    series: [
      ...shown.map(([cohort, pts]) => ({
        name: formatPeriod(ctx.locale, cohort, input.grain),
        type: 'line',
        data: pts.sort((a, b) => a[0] - b[0]),
        showSymbol: false,
        lineStyle: { width: 1, color: t.muted, opacity: 0.4 },
        itemStyle: { color: t.muted },
        emphasis: { focus: 'series' },
        z: 1,
      })),
      {
        name: labels.average,
        type: 'line',
        data: input.average.map((p) => [p.offset, p.cumulativePerCustomer]),
        symbol: 'circle',
        showSymbol: input.average.length <= 40,
        symbolSize: 6,
        lineStyle: { width: 3, color: t.accent },
        itemStyle: { color: t.accent },
        z: 3,
      },
    ],
  };
}
