/** Data quality: one stacked bar per file, its rows split into analysed, refunds, without customer and each not-read reason. */
import type { EChartsCoreOption } from 'echarts/core';
import { formatInt, formatPercent } from '../i18n/format';
import type { QualityRow } from '../metrics/quality';
import { categoryAxis, intTicks, valueAxis } from './axis';
import { gridBox, seriesColor, themeOf, tooltipBox } from './theme';
import type { ChartContext } from './types';

export interface QualityLabels {
  rows: string;
  file: string;
  analysed: string;
  refund: string;
  noCustomer: string;
  /** Prefix for not-read reasons, e.g. "Not read: ". */
  notRead: string;
}

export function qualityChartOption(rows: QualityRow[], labels: QualityLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const files = [...new Set(rows.map((r) => r.file))];
  const name = (r: QualityRow) =>
    r.outcome === 'analysed' ? labels.analysed : r.outcome === 'refund' ? labels.refund : r.outcome === 'no-customer' ? labels.noCustomer : labels.notRead + (r.reason ?? '');
  const names = [...new Set(rows.map(name))];
  // Good rows in the accent colour, excluded rows in warm colours so problems stand out.
  const color = (n: string, i: number) => (n === labels.analysed ? t.accent : n === labels.refund ? t.muted : seriesColor(t, i + 1));
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(36),
    legend: { top: 0, textStyle: { color: t.text }, type: 'scroll' },
    tooltip: tooltipBox(t, ctx.dark, {
      trigger: 'item',
      formatter: (p: { seriesName: string; name: string; data: { value: number; share: number } }) =>
        `${p.name}<br/>${p.seriesName}: <b>${formatInt(ctx.locale, p.data.value)}</b> (${formatPercent(ctx.locale, p.data.share)})`,
    }),
    yAxis: categoryAxis(t, labels.file, files, { everyLabel: true, nameAt: 'end', inverse: true }),
    xAxis: valueAxis(t, labels.rows, { min: 0, minInterval: 1, formatter: intTicks(ctx.locale) }),
    series: names.map((n, i) => ({
      name: n,
      type: 'bar',
      stack: 'rows',
      barMaxWidth: 28,
      itemStyle: { color: color(n, i) },
      data: files.map((f) => {
        const hits = rows.filter((r) => r.file === f && name(r) === n);
        return { value: hits.reduce((a, r) => a + r.rows, 0), share: hits.reduce((a, r) => a + r.share, 0) };
      }),
    })),
  };
}
