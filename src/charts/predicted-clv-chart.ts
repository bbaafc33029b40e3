/**
 * Model-based CLV (BG/NBD + Gamma-Gamma): a histogram of the probability that a customer is still
 * active, a scatter of repeat purchases against expected value, and the rows of the top-N table.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { formatInt, formatMoney, formatNumber, formatPercent } from '../i18n/format';
import type { ClvPerCustomer, FitInput } from '../metrics/clv-model';
import type { ClvSummary } from '../metrics/clv-summary';
import { idAt } from '../metrics/id-list';
import { categoryAxis, intTicks, moneyTicks, valueAxis } from './axis';
import { gridBox, themeOf, tooltipBox } from './theme';
import { escapeHtml, marker, tipList, type TipParam } from './tooltip';
import type { ChartContext } from './types';
import { currencySymbol, DEFAULT_CURRENCY, withUnit } from './units';

export const P_ALIVE_BINS = 10;

/** Customers per probability bin [0, 0.1), …, [0.9, 1]; NaN is skipped. */
export function pAliveCounts(pAlive: ArrayLike<number>): number[] {
  const counts = new Array<number>(P_ALIVE_BINS).fill(0);
  for (let i = 0; i < pAlive.length; i++) {
    const p = pAlive[i];
    if (p === undefined || !Number.isFinite(p)) continue;
    const k = Math.min(P_ALIVE_BINS - 1, Math.max(0, Math.floor(p * P_ALIVE_BINS)));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

export interface PAliveLabels {
  /** x-axis name; the builder appends " (%)", e.g. "Probability still active (%)". */
  pAlive: string;
  /** y-axis name, e.g. "Customers". */
  customers: string;
}

interface BinDatum {
  value: number;
  share: number;
}

/** `counts` from pAliveCounts. */
export function pAliveHistogramOption(counts: number[], labels: PAliveLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const total = counts.reduce((a, b) => a + b, 0);
  const pct = (v: number) => formatPercent(ctx.locale, v, 0);
  // "0–10%": the unit once per label keeps ten labels short enough to all fit.
  const names = counts.map((_, k) => `${formatInt(ctx.locale, (k * 100) / P_ALIVE_BINS)}–${pct((k + 1) / P_ALIVE_BINS)}`);
  const data: BinDatum[] = counts.map((c) => ({ value: c, share: total ? c / total : 0 }));
  const tip = (params: TipParam | TipParam[]) => {
    const p = tipList(params)[0];
    const d = p?.data as BinDatum | undefined;
    if (!p || !d) return '';
    return `${escapeHtml(labels.pAlive)}: ${escapeHtml(p.name ?? '')}<br/>${marker(p)}<b>${formatInt(ctx.locale, d.value)}</b> ${escapeHtml(labels.customers)} (${formatPercent(ctx.locale, d.share)})`;
  };
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(16),
    tooltip: tooltipBox(t, ctx.dark, { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tip }),
    xAxis: categoryAxis(t, withUnit(labels.pAlive, '%'), names),
    yAxis: valueAxis(t, labels.customers, { min: 0, minInterval: 1, formatter: intTicks(ctx.locale) }),
    series: [{ name: labels.customers, type: 'bar', barCategoryGap: '8%', itemStyle: { color: t.accent }, data }],
  };
}

export interface ClvScatterInput {
  /** From visiblePoints: (repeat purchases, expected value or, without one, expected purchases), interleaved. */
  points: Float64Array;
  hasValue: boolean;
  currency?: string;
}

export interface ClvScatterLabels {
  /** x-axis name, e.g. "Repeat purchases". */
  frequency: string;
  /** y-axis name with a spend model; the builder appends the currency symbol. */
  value: string;
  /** y-axis name without a spend model (no revenue): expected purchases over the horizon. */
  purchases: string;
}

/** Vertical positions closer than this share of the value range land on the same pixel row. */
const SPOT_ROWS = 1000;
/** At the points' opacity (0.45) this many on one spot already cover it for 99 %. */
const SPOT_POINTS = 8;

/**
 * The points (x[i], y[i]) worth drawing: finite ones, at most SPOT_POINTS per spot (same
 * repeat-purchase count, value in the same 1/SPOT_ROWS of the range). Customers pile up on few
 * spots, so a hundred thousand points become a few ten thousand that look the same and draw
 * several times faster. Interleaved (x0, y0, x1, y1, …) in one typed array: ECharts takes that
 * as it is, while an array of [x, y] pairs is deep-copied pair by pair when the option is set.
 */
export function visiblePoints(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const k = Math.min(x.length, y.length);
  let top = 0;
  for (let i = 0; i < k; i++) {
    const yi = y[i] as number;
    if (yi > top && Number.isFinite(yi)) top = yi;
  }
  const perSpot = new Map<number, number>();
  const out = new Float64Array(2 * k);
  let n = 0;
  for (let i = 0; i < k; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    const spot = Math.round(xi) * (SPOT_ROWS + 1) + (top > 0 ? Math.round((yi / top) * SPOT_ROWS) : 0);
    const seen = perSpot.get(spot) ?? 0;
    if (seen >= SPOT_POINTS) continue;
    perSpot.set(spot, seen + 1);
    out[n++] = xi;
    out[n++] = yi;
  }
  return out.slice(0, n);
}

/**
 * One point per customer (see visiblePoints). Without a spend model (no revenue, or too few repeat buyers) the expected
 * value is NaN for everyone and the chart shows expected purchases instead.
 */
export function clvScatterOption(input: ClvScatterInput, labels: ClvScatterLabels, ctx: ChartContext): EChartsCoreOption {
  const t = themeOf(ctx);
  const { hasValue, points: data } = input;
  const currency = input.currency ?? DEFAULT_CURRENCY;
  const fmtY = hasValue ? (v: number) => formatMoney(ctx.locale, v, currency) : (v: number) => formatNumber(ctx.locale, v, 2);
  const yName = hasValue ? withUnit(labels.value, currencySymbol(currency)) : labels.purchases;
  return {
    animation: false,
    textStyle: { color: t.text },
    grid: gridBox(16),
    tooltip: tooltipBox(t, ctx.dark, {
      trigger: 'item',
      formatter: (p: TipParam) => {
        const v = p.value;
        if (!Array.isArray(v)) return '';
        const [xv, yv] = v as [number, number];
        return `${escapeHtml(labels.frequency)}: <b>${formatInt(ctx.locale, xv)}</b><br/>${escapeHtml(yName)}: <b>${fmtY(yv)}</b>`;
      },
    }),
    xAxis: valueAxis(t, labels.frequency, { min: 0, minInterval: 1, nameGap: 30, formatter: intTicks(ctx.locale) }),
    yAxis: valueAxis(t, yName, { min: 0, formatter: hasValue ? moneyTicks(ctx.locale) : (v) => formatNumber(ctx.locale, v, 1) }),
    series: [
      {
        name: yName,
        type: 'scatter',
        data,
        // Interleaved points: ECharts needs to be told how many values make one point.
        dimensions: ['x', 'y'],
        encode: { x: 0, y: 1 },
        symbolSize: 4,
        itemStyle: { color: t.accent, opacity: 0.45 },
        // Up to tens of thousands of points: batch drawing, a few thousand per frame so that
        // painting them never holds the page up for long.
        large: true,
        largeThreshold: 2000,
        progressive: 4000,
        progressiveThreshold: 8000,
      },
    ],
  };
}

/** One row of the top-customers table; recency and T are in the summary's unit (weeks or days). */
export interface TopClvRow {
  rank: number;
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  /** Mean repeat-purchase value; null without repeat purchases or revenue. */
  monetary: number | null;
  pAlive: number;
  expectedPurchases: number;
  /** null without a spend model. */
  expectedValue: number | null;
}

const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

/** A spend model was fitted: someone has a finite expected value. */
function hasExpectedValue(perCustomer: Pick<ClvPerCustomer, 'expectedValue'>): boolean {
  return Array.prototype.some.call(perCustomer.expectedValue, (v: number) => Number.isFinite(v));
}

/**
 * Indices of the n highest scores, best first, ties by index: the summary is in customer-id
 * order, so ties go by customer id and the table does not reshuffle between runs. One pass
 * keeping a sorted list of at most n, no sort of the whole customer base.
 */
export function topIndices(scores: ArrayLike<number>, n: number): number[] {
  const score = (i: number) => finite(scores[i]) ?? Number.NEGATIVE_INFINITY;
  const before = (a: number, b: number) => score(a) > score(b) || (score(a) === score(b) && a < b);
  const best: number[] = [];
  for (let i = 0; i < scores.length && n > 0; i++) {
    const last = best[best.length - 1];
    if (best.length === n && last !== undefined && !before(i, last)) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(best[mid] as number, i)) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, i);
    if (best.length > n) best.pop();
  }
  return best;
}

/** The rows of the top table for the customers at `indices` (from topIndices). */
export function topClvRows(
  summary: Pick<ClvSummary, 'customerIds' | 'frequency' | 'recency' | 'T' | 'monetary'>,
  perCustomer: ClvPerCustomer,
  indices: readonly number[],
): TopClvRow[] {
  return indices.map((i, r) => ({
    rank: r + 1,
    customerId: idAt(summary.customerIds, i),
    frequency: summary.frequency[i] ?? 0,
    recency: summary.recency[i] ?? 0,
    T: summary.T[i] ?? 0,
    monetary: finite(summary.monetary[i]),
    pAlive: perCustomer.pAlive[i] ?? 0,
    expectedPurchases: perCustomer.expectedPurchases[i] ?? 0,
    expectedValue: finite(perCustomer.expectedValue[i]),
  }));
}

/**
 * What the panel draws, in one pass over every customer. Computed next to the fit, in its
 * worker: with a million customers these loops would hold the page up for a few hundred ms.
 */
export interface ClvChartData {
  pAliveCounts: number[];
  hasValue: boolean;
  /** Interleaved x, y (see visiblePoints). */
  points: Float64Array;
  /** Indices of the top customers by expected value (expected purchases without a spend model). */
  top: number[];
}

const TOP_CLV_CUSTOMERS = 20;

export function clvChartData(summary: Pick<FitInput, 'frequency'>, perCustomer: ClvPerCustomer, n = TOP_CLV_CUSTOMERS): ClvChartData {
  const hasValue = hasExpectedValue(perCustomer);
  const y = hasValue ? perCustomer.expectedValue : perCustomer.expectedPurchases;
  return {
    pAliveCounts: pAliveCounts(perCustomer.pAlive),
    hasValue,
    points: visiblePoints(summary.frequency, y),
    top: topIndices(y, n),
  };
}
