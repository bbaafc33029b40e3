/**
 * Revenue concentration: the Lorenz curve read from the top (x: share of customers, biggest
 * spenders first; y: their share of revenue), the equality diagonal, and labelled points at the
 * top 1, 3, 10 and 20 %.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { formatPercent } from '../i18n/format';
import { TOP_PERCENTS, type Lorenz, type LorenzPoint, type TopShare } from '../metrics/concentration';
import { percentTicks, valueAxis } from './axis';
import { gridBox, legendBox, seriesColor, themeOf, tooltipBox } from './theme';
import { escapeHtml, tipList, tipNumber, type TipParam } from './tooltip';
import type { ChartContext } from './types';
import { withUnit } from './units';

export interface LorenzChartInput {
  lorenz: Pick<Lorenz, 'points'>;
  /** Exact top shares from the concentration metric; without them the points are read off the curve. */
  top?: TopShare[];
}

export interface LorenzChartLabels {
  /** x-axis name; the builder appends " (%)", e.g. "Customers, biggest spenders first (%)". */
  customers: string;
  /** y-axis name; the builder appends " (%)", e.g. "Share of revenue (%)". */
  revenue: string;
  curve: string;
  equality: string;
  /** Word before the percentage on the points, e.g. "Top" → "Top 3%: 41%". */
  top: string;
}

/** Vertical distance (in axis units of the 0–1 range) below which two point labels would touch. */
const LABEL_GAP = 0.07;

/** The curve from the top: (1 − customer share, 1 − revenue share), ascending in x. */
export function topCurve(points: LorenzPoint[]): [number, number][] {
  return points
    .filter((p): p is { customerShare: number; revenueShare: number } => p.revenueShare !== null)
    .map((p): [number, number] => [1 - p.customerShare, 1 - p.revenueShare])
    .sort((a, b) => a[0] - b[0]);
}

/** Linear interpolation on an ascending curve; null outside it. */
export function valueAt(curve: [number, number][], x: number): number | null {
  for (let i = 1; i < curve.length; i++) {
    const [x0, y0] = curve[i - 1] as [number, number];
    const [x1, y1] = curve[i] as [number, number];
    if (x >= x0 && x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return null;
}

export function lorenzChartOption(input: LorenzChartInput, labels: LorenzChartLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const curve = topCurve(input.lorenz.points);
  const pct = (v: number, digits = 0) => formatPercent(ctx.locale, v, digits);
  const tops = TOP_PERCENTS.flatMap((p) => {
    const share = input.top?.find((s) => s.percent === p)?.share ?? valueAt(curve, p / 100);
    return share === null || share === undefined ? [] : [{ p, share }];
  });
  // Labels sit right of their points; a label closer than LABEL_GAP above the last shown one is
  // left out (the point stays, and the tooltip still tells its value).
  let lastShown = Number.NEGATIVE_INFINITY;
  const points = tops.map(({ p, share }) => {
    const show = share - lastShown >= LABEL_GAP;
    if (show) lastShown = share;
    const text = `${labels.top} ${pct(p / 100)}: ${pct(share)}`;
    return { name: text, value: [p / 100, share], label: { show, formatter: text, position: 'right', color: t.text } };
  });
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(),
    legend: legendBox(t, [labels.curve, labels.equality]),
    tooltip: tooltipBox(t, ctx.dark, {
      trigger: 'axis',
      formatter: (params: TipParam | TipParam[]) => {
        const p = tipList(params).find((x) => x.seriesIndex === 0);
        const xy = p?.value;
        const y = tipNumber(xy);
        const x = Array.isArray(xy) ? tipNumber(xy[0]) : null;
        if (x === null || y === null) return '';
        return `${escapeHtml(labels.customers)}: <b>${pct(x, 1)}</b><br/>${escapeHtml(labels.revenue)}: <b>${pct(y, 1)}</b>`;
      },
    }),
    xAxis: valueAxis(t, withUnit(labels.customers, '%'), { min: 0, max: 1, nameGap: 30, formatter: percentTicks(ctx.locale, 1) }),
    yAxis: valueAxis(t, withUnit(labels.revenue, '%'), { min: 0, max: 1, formatter: percentTicks(ctx.locale, 1) }),
    series: [
      {
        name: labels.curve,
        type: 'line',
        data: curve,
        symbol: 'circle',
        showSymbol: false,
        lineStyle: { width: 3, color: t.accent },
        itemStyle: { color: t.accent },
        areaStyle: { color: t.accent, opacity: 0.08 },
        z: 3,
      },
      // The top points as a scatter series rather than a markPoint: the app registers the scatter
      // chart but not the markPoint component, which ECharts would drop without a word.
      {
        name: labels.top,
        type: 'scatter',
        data: points,
        symbol: 'circle',
        symbolSize: 9,
        itemStyle: { color: seriesColor(t, 1) },
        z: 4,
      },
      {
        name: labels.equality,
        type: 'line',
        data: [[0, 0], [1, 1]],
        symbol: 'none',
        silent: true,
        lineStyle: { width: 1, type: 'dashed', color: t.muted },
        itemStyle: { color: t.muted },
        z: 1,
      },
    ],
  };
}
