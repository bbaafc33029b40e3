/**
 * Lness histogram: customers by the number of days they were active in the window.
 * One histogram draws counts as bars. Several (segment comparison) draw shares as lines:
 * segments differ in size, so only shares compare, and with up to 30 bins a line per segment
 * reads better than 30 groups of thin bars.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { formatInt, formatPercent } from '../i18n/format';
import type { LnessHistogram } from '../metrics/lness';
import { categoryAxis, intTicks, maxOf, percentTicks, valueAxis } from './axis';
import { gridBox, legendBox, seriesColor, themeOf, tooltipBox } from './theme';
import { escapeHtml, marker, tipList, type TipParam } from './tooltip';
import type { ChartContext } from './types';
import { withUnit } from './units';

export interface NamedHistogram {
  /** Segment value or any series name; shown in the legend when there are several. */
  name: string;
  histogram: LnessHistogram;
}

export interface LnessChartLabels {
  /** x-axis name, e.g. "Days active in the last 28 days". */
  days: string;
  /** y-axis name for counts, e.g. "Customers". */
  customers: string;
  /** y-axis name for shares; the builder appends " (%)". */
  share: string;
}

interface BinDatum {
  value: number | null;
  customers: number;
  share: number | null;
}

export function lnessChartOption(histograms: NamedHistogram[], labels: LnessChartLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const compare = histograms.length > 1;
  const n = histograms.reduce((m, h) => Math.max(m, h.histogram.bins.length), 0);
  const days = Array.from({ length: n }, (_, i) => String(i + 1));
  const maxShare = maxOf(histograms.flatMap((h) => h.histogram.bins.map((b) => b.share)));
  const series = histograms.map((h, i) => {
    const color = seriesColor(t, i);
    const byDay = new Map(h.histogram.bins.map((b) => [b.days, b]));
    const data: BinDatum[] = days.map((_, k) => {
      const b = byDay.get(k + 1);
      const customers = b?.customers ?? 0;
      const share = b?.share ?? null;
      return { value: compare ? share : customers, customers, share };
    });
    // A window reaching back before the first activity could not see every day: fade it.
    const opacity = h.histogram.complete ? 1 : 0.5;
    return compare
      ? { name: h.name, type: 'line', data, symbol: 'circle', showSymbol: n <= 31, symbolSize: 5, lineStyle: { width: 2, color, opacity }, itemStyle: { color, opacity } }
      : { name: h.name, type: 'bar', data, barCategoryGap: '20%', itemStyle: { color, opacity } };
  });
  const tip = (params: TipParam | TipParam[]) => {
    const list = tipList(params);
    const head = `${escapeHtml(labels.days)}: <b>${escapeHtml(list[0]?.name ?? '')}</b>`;
    const rows = list.map((p) => {
      const d = p.data as BinDatum | undefined;
      if (!d) return '';
      const share = d.share === null ? '–' : formatPercent(ctx.locale, d.share);
      return `<br/>${marker(p)}${compare ? escapeHtml(p.seriesName ?? '') + ': ' : ''}${formatInt(ctx.locale, d.customers)} (${share})`;
    });
    return head + rows.join('');
  };
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(compare ? 40 : 16),
    ...(compare ? { legend: legendBox(t, histograms.map((h) => h.name)) } : {}),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', axisPointer: { type: compare ? 'line' : 'shadow' }, formatter: tip }),
    xAxis: categoryAxis(t, labels.days, days),
    yAxis: compare
      ? valueAxis(t, withUnit(labels.share, '%'), { min: 0, formatter: percentTicks(ctx.locale, maxShare) })
      : valueAxis(t, labels.customers, { min: 0, minInterval: 1, formatter: intTicks(ctx.locale) }),
    series,
  };
}
