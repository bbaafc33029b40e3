/** Colours and chrome shared by every chart: palette by theme, tooltip box, legend, grid. */
import { palette, type ChartContext } from './types';

export type Theme = typeof palette.light;

export function themeOf(ctx: Pick<ChartContext, 'dark'>): Theme {
  return ctx.dark ? palette.dark : palette.light;
}

/** The i-th series colour, cycling when there are more series than colours. */
export function seriesColor(t: Theme, i: number): string {
  return t.series[i % t.series.length] ?? t.accent;
}

/**
 * ECharts 6 replaces `containLabel` (which now needs a legacy module and warns) with outer bounds:
 * with mode 'same' the box below is the outer edge, and axis labels and names are kept inside it.
 */
export function gridBox(top = 40, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { left: 8, right: 24, top, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all', ...extra };
}

/** Tooltip chrome readable on either background; `confine` keeps it inside small charts. */
export function tooltipBox(t: Theme, dark: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    confine: true,
    backgroundColor: dark ? '#1f2a35' : '#ffffff',
    borderColor: t.grid,
    textStyle: { color: t.text, fontSize: 12 },
    ...extra,
  };
}

export function legendBox(t: Theme, names: string[]): Record<string, unknown> {
  return { top: 0, type: 'scroll', data: names, textStyle: { color: t.text }, inactiveColor: t.grid, pageTextStyle: { color: t.muted } };
}

/** Points beyond which symbols are hidden and lines are sampled, so long series stay cheap to draw. */
export const DENSE_POINTS = 60;

/** Filled circles: ECharts' default 'emptyCircle' is filled with white, a bright dot on a dark page. */
export function lineDensity(points: number): Record<string, unknown> {
  return points > DENSE_POINTS ? { symbol: 'circle', showSymbol: false, sampling: 'lttb' } : { symbol: 'circle', showSymbol: true, symbolSize: 6 };
}

/** The panel colour behind the charts (app.css --surface). */
export function surfaceOf(ctx: Pick<ChartContext, 'dark'>): string {
  return ctx.dark ? '#18212a' : '#ffffff';
}

/**
 * Style of a hollow point (an incomplete period): a ring in the series colour filled with the
 * panel colour, readable on both themes, unlike 'emptyCircle' whose fill is always white.
 */
export function hollowPoint(ctx: Pick<ChartContext, 'dark'>, color: string, size = 8): Record<string, unknown> {
  return { symbol: 'circle', symbolSize: size, itemStyle: { color: surfaceOf(ctx), borderColor: color, borderWidth: 2 } };
}
