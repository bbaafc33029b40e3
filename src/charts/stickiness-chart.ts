/** Stickiness per month: DAU/MAU and WAU/MAU lines; months only partly inside the data get hollow symbols. */
import type { EChartsCoreOption } from 'echarts/core';
import { formatPercent, formatPeriod } from '../i18n/format';
import type { StickinessMonth } from '../metrics/stickiness';
import { categoryAxis, maxOf, percentTicks, valueAxis } from './axis';
import { DENSE_POINTS, gridBox, hollowPoint, legendBox, seriesColor, themeOf, tooltipBox } from './theme';
import { axisTip, type TipParam } from './tooltip';
import type { ChartContext } from './types';
import { withUnit } from './units';

export interface StickinessChartLabels {
  month: string;
  /** y-axis name; the builder appends " (%)". */
  ratio: string;
  dauMau: string;
  wauMau: string;
  /** Note in the tooltip of an incomplete month. */
  incomplete: string;
}

export function stickinessChartOption(months: StickinessMonth[], labels: StickinessChartLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  // Long histories hide the ordinary symbols but keep the hollow ones: the incomplete months stay marked.
  const dense = months.length > DENSE_POINTS;
  const max = maxOf(months.flatMap((m) => [m.dauMau, m.wauMau]));
  const line = (name: string, pick: (m: StickinessMonth) => number | null, color: string) => ({
    name,
    type: 'line',
    connectNulls: false,
    showSymbol: true,
    symbol: dense ? 'none' : 'circle',
    symbolSize: 5,
    lineStyle: { width: 2, color },
    itemStyle: { color },
    data: months.map((m) => (m.complete ? pick(m) : { value: pick(m), ...hollowPoint(ctx, color, 9) })),
  });
  const pct = (v: number) => formatPercent(ctx.locale, v);
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(),
    legend: legendBox(t, [labels.dauMau, labels.wauMau]),
    tooltip: tooltipBox(t, ctx.dark, {
      trigger: 'axis',
      formatter: (params: TipParam | TipParam[]) => {
        const i = Array.isArray(params) ? params[0]?.dataIndex : params.dataIndex;
        const incomplete = i !== undefined && months[i]?.complete === false;
        return axisTip(params, pct, incomplete ? labels.incomplete : '');
      },
    }),
    xAxis: categoryAxis(t, labels.month, months.map((m) => formatPeriod(ctx.locale, m.month, 'month'))),
    yAxis: valueAxis(t, withUnit(labels.ratio, '%'), { min: 0, formatter: percentTicks(ctx.locale, max) }),
    series: [line(labels.dauMau, (m) => m.dauMau, seriesColor(t, 0)), line(labels.wauMau, (m) => m.wauMau, seriesColor(t, 2))],
  };
}
