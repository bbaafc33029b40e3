/**
 * Survey scores over time: one line per scale present (NPS −100…100, CSAT % satisfied, CES mean
 * 1…7). NPS and CSAT share the left axis (both run to 100), CES gets its own; NPS gets a zero line.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { formatInt, formatNumber, formatPercent, formatPeriod } from '../i18n/format';
import { ALL_SEGMENTS, type SurveyRow } from '../metrics/survey';
import type { Grain } from '../metrics/types';
import { categoryAxis, intTicks, valueAxis } from './axis';
import { gridBox, hollowPoint, legendBox, lineDensity, seriesColor, themeOf, tooltipBox } from './theme';
import { escapeHtml, marker, tipList, tipNumber, type TipParam } from './tooltip';
import type { ChartContext } from './types';
import { withUnit } from './units';

export interface SurveyChartInput {
  rows: SurveyRow[];
  grain: Grain;
  /** Segment value to draw; default the all-customers rows. */
  segment?: string;
}

export interface SurveyChartLabels {
  period: string;
  /** Series and axis names, e.g. "NPS", "CSAT" (the builder appends " (%)"), "CES (1–7)". */
  nps: string;
  csat: string;
  ces: string;
  /** Word after the response count in the tooltip, e.g. "responses". */
  responses: string;
  /** Note in the tooltip of an incomplete period. */
  incomplete: string;
}

type Scale = 'nps' | 'csat' | 'ces';

export function surveyChartOption(input: SurveyChartInput, labels: SurveyChartLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const segment = input.segment ?? ALL_SEGMENTS;
  const rows = input.rows
    .filter((r): r is SurveyRow & { periodStart: string } => r.periodStart !== null && r.segment === segment)
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  const scales = (['nps', 'csat', 'ces'] as const).filter((s) => rows.some((r) => r[s] !== null));
  const hasScore = scales.includes('nps') || scales.includes('csat');
  const axisOf = (s: Scale) => (s === 'ces' && hasScore ? 1 : 0);
  const yAxis: Record<string, unknown>[] = [];
  if (hasScore) {
    const name = [scales.includes('nps') ? labels.nps : '', scales.includes('csat') ? withUnit(labels.csat, '%') : '']
      .filter(Boolean)
      .join(' · ');
    yAxis.push(valueAxis(t, name, { min: scales.includes('nps') ? -100 : 0, max: 100, interval: 50, formatter: intTicks(ctx.locale) }));
  }
  if (scales.includes('ces')) {
    // A second axis draws no grid lines: its ticks would not line up with the first one's.
    yAxis.push(valueAxis(t, labels.ces, { min: 1, max: 7, interval: 1, splitLine: !hasScore, position: hasScore ? 'right' : 'left', formatter: intTicks(ctx.locale) }));
  }
  const format: Record<Scale, (v: number) => string> = {
    nps: (v) => (v > 0 ? '+' : '') + formatInt(ctx.locale, v),
    csat: (v) => formatPercent(ctx.locale, v / 100, 0),
    ces: (v) => formatNumber(ctx.locale, v, 1),
  };
  const colour: Record<Scale, string> = { nps: seriesColor(t, 0), csat: seriesColor(t, 3), ces: seriesColor(t, 4) };
  const series = scales.map((s) => ({
    name: labels[s],
    type: 'line',
    yAxisIndex: axisOf(s),
    connectNulls: false,
    ...lineDensity(rows.length),
    lineStyle: { width: 2, color: colour[s] },
    itemStyle: { color: colour[s] },
    data: rows.map((r) => (r.complete ? r[s] : { value: r[s], ...hollowPoint(ctx, colour[s]) })),
    ...(s === 'nps'
      ? { markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: t.muted, type: 'solid', width: 1 }, data: [{ yAxis: 0 }] } }
      : {}),
  }));
  const scaleOfName = new Map(scales.map((s) => [labels[s], s]));
  const tip = (params: TipParam | TipParam[]) => {
    const list = tipList(params);
    const row = rows[list[0]?.dataIndex ?? -1];
    const lines = list.map((p) => {
      const s = scaleOfName.get(p.seriesName ?? '');
      const v = tipNumber(p.value);
      return `<br/>${marker(p)}${escapeHtml(p.seriesName ?? '')}: <b>${v === null || !s ? '–' : format[s](v)}</b>`;
    });
    const foot = row ? `<br/>${formatInt(ctx.locale, row.responses)} ${escapeHtml(labels.responses)}` + (row.complete ? '' : `<br/><i>${escapeHtml(labels.incomplete)}</i>`) : '';
    return escapeHtml(list[0]?.axisValueLabel ?? '') + lines.join('') + foot;
  };
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(),
    legend: legendBox(t, series.map((s) => s.name)),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', formatter: tip }),
    xAxis: categoryAxis(t, labels.period, rows.map((r) => formatPeriod(ctx.locale, r.periodStart, input.grain)), { onZero: false }),
    yAxis: yAxis.length ? yAxis : [valueAxis(t, '')],
    series,
  };
}
