/** Exit reasons: horizontal bars sorted by count (long reason texts stay readable), the tail grouped as "other". */
import type { EChartsCoreOption } from 'echarts/core';
import { formatInt, formatPercent } from '../i18n/format';
import { ALL_SEGMENTS } from '../metrics/survey';
import type { ReasonRow } from '../metrics/reasons';
import { categoryAxis, intTicks, valueAxis } from './axis';
import { gridBox, themeOf, tooltipBox } from './theme';
import { escapeHtml, marker, tipList, type TipParam } from './tooltip';
import type { ChartContext } from './types';

export interface ReasonsChartInput {
  rows: ReasonRow[];
  /** Segment to draw; default all customers. */
  segment?: string;
  /** Period start to draw; default null, the whole range. */
  periodStart?: string | null;
  /** Bars before the rest is grouped (default 12). */
  maxReasons?: number;
}

export interface ReasonsChartLabels {
  /** Axis names, e.g. "Reason" and "Responses". */
  reason: string;
  responses: string;
  /** Name of the grouped tail, e.g. "Other reasons". */
  other: string;
}

interface ReasonDatum {
  value: number;
  share: number;
}

export function topReasons(input: ReasonsChartInput, otherName: string): { reason: string; responses: number; share: number }[] {
  const segment = input.segment ?? ALL_SEGMENTS;
  const period = input.periodStart ?? null;
  const rows = input.rows
    .filter((r) => r.segment === segment && r.periodStart === period)
    .sort((a, b) => b.responses - a.responses || a.reason.localeCompare(b.reason));
  const max = input.maxReasons ?? 12;
  if (rows.length <= max) return rows.map((r) => ({ reason: r.reason, responses: r.responses, share: r.share }));
  const head = rows.slice(0, max - 1);
  const tail = rows.slice(max - 1);
  const other = tail.reduce((a, r) => ({ responses: a.responses + r.responses, share: a.share + r.share }), { responses: 0, share: 0 });
  return [...head.map((r) => ({ reason: r.reason, responses: r.responses, share: r.share })), { reason: otherName, ...other }];
}

export function reasonsChartOption(input: ReasonsChartInput, labels: ReasonsChartLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const reasons = topReasons(input, labels.other);
  const data: ReasonDatum[] = reasons.map((r) => ({ value: r.responses, share: r.share }));
  const tip = (params: TipParam | TipParam[]) => {
    const p = tipList(params)[0];
    const d = p?.data as ReasonDatum | undefined;
    if (!p || !d) return '';
    return `${escapeHtml(p.name ?? '')}<br/>${marker(p)}<b>${formatInt(ctx.locale, d.value)}</b> ${escapeHtml(labels.responses)} (${formatPercent(ctx.locale, d.share)})`;
  };
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(16, { right: 48 }),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tip }),
    yAxis: categoryAxis(t, labels.reason, reasons.map((r) => r.reason), { inverse: true, everyLabel: true, labelWidth: 180, nameAt: 'start', nameGap: 8 }),
    xAxis: valueAxis(t, labels.responses, { min: 0, minInterval: 1, nameGap: 30, formatter: intTicks(ctx.locale) }),
    series: [
      {
        name: labels.responses,
        type: 'bar',
        barMaxWidth: 24,
        itemStyle: { color: t.accent },
        label: { show: true, position: 'right', color: t.text, fontSize: 11, formatter: (p: { data?: unknown }) => formatInt(ctx.locale, (p.data as ReasonDatum | undefined)?.value ?? 0) },
        data,
      },
    ],
  };
}
