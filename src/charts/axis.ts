/** Axis parts shared by the chart builders: themed category and value axes, and unit-aware label formatters. */
import { formatInt, formatNumber, formatPercent } from '../i18n/format';
import type { Locale } from '../i18n';
import type { Theme } from './theme';

export interface AxisExtra {
  min?: number;
  max?: number;
  interval?: number;
  /** Smallest tick step, e.g. 1 for whole periods. */
  minInterval?: number;
  formatter?: (v: number) => string;
  inverse?: boolean;
  /** Gap between axis and its name; the caller raises it for wide labels. */
  nameGap?: number;
  /** Where the name sits: centred along the axis (default), or at its start or end (vertical category axes, whose wide labels a centred name would cross). */
  nameAt?: 'middle' | 'start' | 'end';
  /** For a category axis: show every label (horizontal bars), or let ECharts thin them out. */
  everyLabel?: boolean;
  labelWidth?: number;
  position?: 'left' | 'right' | 'top' | 'bottom';
  splitLine?: boolean;
  onZero?: boolean;
}

/** Name and name text style: names sit centred along the axis, so they never collide with tick labels. */
function named(t: Theme, name: string, gap: number, at: AxisExtra['nameAt'] = 'middle'): Record<string, unknown> {
  return { name, nameLocation: at, nameGap: gap, nameTextStyle: { color: t.muted } };
}

export function categoryAxis(t: Theme, name: string, data: string[], o: AxisExtra = {}): Record<string, unknown> {
  return {
    type: 'category',
    ...named(t, name, o.nameGap ?? 30, o.nameAt),
    data,
    inverse: o.inverse ?? false,
    ...(o.position ? { position: o.position } : {}),
    axisLine: { onZero: o.onZero ?? true, lineStyle: { color: t.muted } },
    axisTick: { alignWithLabel: true, lineStyle: { color: t.muted } },
    axisLabel: {
      color: t.muted,
      hideOverlap: true,
      ...(o.everyLabel ? { interval: 0 } : {}),
      ...(o.labelWidth ? { width: o.labelWidth, overflow: 'truncate' } : {}),
    },
  };
}

export function valueAxis(t: Theme, name: string, o: AxisExtra = {}): Record<string, unknown> {
  return {
    type: 'value',
    ...named(t, name, o.nameGap ?? 44, o.nameAt),
    ...(o.min !== undefined ? { min: o.min } : {}),
    ...(o.max !== undefined ? { max: o.max } : {}),
    ...(o.interval !== undefined ? { interval: o.interval } : {}),
    ...(o.minInterval !== undefined ? { minInterval: o.minInterval } : {}),
    ...(o.position ? { position: o.position } : {}),
    inverse: o.inverse ?? false,
    axisLine: { show: false, onZero: o.onZero ?? true, lineStyle: { color: t.muted } },
    axisLabel: { color: t.muted, hideOverlap: true, ...(o.formatter ? { formatter: o.formatter } : {}) },
    splitLine: { show: o.splitLine ?? true, lineStyle: { color: t.grid } },
  };
}

/** Tick digits a percent axis needs so neighbouring ticks never print the same text (e.g. 0–4 % in steps of 0.5 %). */
export function percentDigits(max: number): number {
  return max <= 0.05 ? 1 : 0;
}

export function percentTicks(locale: Locale, max: number): (v: number) => string {
  const digits = percentDigits(max);
  return (v) => formatPercent(locale, v, digits);
}

export function intTicks(locale: Locale): (v: number) => string {
  return (v) => formatInt(locale, v);
}

/** Money ticks without cents; the currency symbol goes into the axis name. */
export function moneyTicks(locale: Locale): (v: number) => string {
  return (v) => formatNumber(locale, v, Math.abs(v) < 10 && v !== 0 ? 1 : 0);
}

/** Largest value, ignoring nulls and NaN; 0 for none. */
export function maxOf(values: Iterable<number | null | undefined>): number {
  let m = 0;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v) && v > m) m = v;
  return m;
}

/** A round upper bound for a percent axis: at least 100 %, or the next 10 % step above the data. */
export function percentCeiling(max: number, floor = 1): number {
  return Math.max(floor, Math.ceil(max * 10 - 1e-9) / 10);
}
