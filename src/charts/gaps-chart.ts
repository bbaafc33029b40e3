/**
 * Time between purchases: gaps by length in days. The long tail is cut at the 95th percentile
 * (nearest rank, from the bins) into one "≥ N" bar, and wide ranges are grouped into weeks or
 * months, so the bars stay countable. Median, p25 and p75 are vertical reference lines.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { formatInt, formatNumber } from '../i18n/format';
import type { GapBin, GapStats } from '../metrics/gaps';
import { categoryAxis, intTicks, valueAxis } from './axis';
import { gridBox, themeOf, tooltipBox } from './theme';
import { orDash } from './tooltip';
import type { ChartContext } from './types';

export interface GapsChartInput {
  bins: GapBin[];
  stats: GapStats;
}

export interface GapsChartLabels {
  /** x-axis name, e.g. "Days between purchases". */
  days: string;
  /** y-axis name, e.g. "Repeat purchases". */
  gaps: string;
  median: string;
  p25: string;
  p75: string;
}

export interface GapBucket {
  /** First gap length in the bucket (days). */
  from: number;
  /** Last gap length in the bucket; null for the open "≥ from" bucket. */
  to: number | null;
  gaps: number;
}

/** The smallest gap length with at least 95 % of gaps at or below it; null without gaps. */
export function gapP95(bins: GapBin[]): number | null {
  const total = bins.reduce((s, b) => s + b.gaps, 0);
  if (total === 0) return null;
  let cum = 0;
  for (const b of [...bins].sort((a, c) => a.gapDays - c.gapDays)) {
    cum += b.gaps;
    if (cum >= 0.95 * total) return b.gapDays;
  }
  return null;
}

/** Bucket width so that the range up to the cap has at most about 90 bars. */
export function bucketWidth(cap: number): number {
  if (cap <= 90) return 1;
  if (cap <= 7 * 90) return 7;
  return 30;
}

/** Buckets from 1 day up to the p95 cap, then one open bucket with everything longer (when there is any). */
export function gapBuckets(bins: GapBin[]): GapBucket[] {
  const p95 = gapP95(bins);
  if (p95 === null) return [];
  const w = bucketWidth(p95);
  const count = Math.ceil(p95 / w);
  const buckets: GapBucket[] = Array.from({ length: count }, (_, i) => ({ from: i * w + 1, to: (i + 1) * w, gaps: 0 }));
  const tailFrom = count * w + 1;
  const tail: GapBucket = { from: tailFrom, to: null, gaps: 0 };
  for (const b of bins) {
    const target = b.gapDays >= tailFrom ? tail : buckets[Math.max(0, Math.ceil(b.gapDays / w) - 1)];
    if (target) target.gaps += b.gaps;
  }
  return tail.gaps > 0 ? [...buckets, tail] : buckets;
}

function bucketLabel(b: GapBucket): string {
  if (b.to === null) return `≥ ${b.from}`;
  return b.from === b.to ? String(b.from) : `${b.from}–${b.to}`;
}

function bucketIndex(buckets: GapBucket[], days: number): number {
  const i = buckets.findIndex((b) => days >= b.from && (b.to === null || days <= b.to));
  return i >= 0 ? i : days < (buckets[0]?.from ?? 1) ? 0 : buckets.length - 1;
}

export function gapsChartOption(input: GapsChartInput, labels: GapsChartLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const buckets = gapBuckets(input.bins);
  const day = (v: number) => formatNumber(ctx.locale, v, 1);
  // p25 and p75 labels run along their lines, on opposite sides; the median's sits on top:
  // even when all three fall into the same bar their texts do not overlap. A label over a bar
  // gets the panel's colour behind it, or it cannot be read.
  const marks: { key: 'p25' | 'median' | 'p75'; position: string }[] = [
    { key: 'p25', position: 'insideEndTop' },
    { key: 'median', position: 'end' },
    { key: 'p75', position: 'insideEndBottom' },
  ];
  const lines = buckets.length
    ? marks.flatMap(({ key, position }) => {
        const v = input.stats[key];
        if (v === null) return [];
        const strong = key === 'median';
        return [{
          name: labels[key],
          xAxis: bucketIndex(buckets, v),
          label: {
            formatter: `${labels[key]} ${day(v)}`,
            position,
            color: strong ? t.text : t.muted,
            fontWeight: strong ? 'bold' : 'normal',
            backgroundColor: t.surface,
            padding: [1, 3],
            borderRadius: 2,
          },
          lineStyle: { type: strong ? 'solid' : 'dashed', width: strong ? 2 : 1, color: strong ? t.text : t.muted },
        }];
      })
    : [];
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(32),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: orDash((v) => formatInt(ctx.locale, v)) }),
    xAxis: categoryAxis(t, labels.days, buckets.map(bucketLabel)),
    yAxis: valueAxis(t, labels.gaps, { min: 0, minInterval: 1, formatter: intTicks(ctx.locale) }),
    series: [
      {
        name: labels.gaps,
        type: 'bar',
        barCategoryGap: '10%',
        itemStyle: { color: t.accent },
        data: buckets.map((b) => b.gaps),
        markLine: { silent: true, symbol: 'none', data: lines },
      },
    ],
  };
}
