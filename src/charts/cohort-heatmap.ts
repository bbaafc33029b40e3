/** Cohort heatmap: cohorts as rows (with their size), offsets as columns, incomplete cells faded and outlined. */
import type { EChartsCoreOption } from 'echarts/core';
import { formatInt, formatPercent, formatPeriod } from '../i18n/format';
import type { Grain } from '../metrics/types';
import { palette, type ChartContext } from './types';
import { gridBox } from './theme';

export interface HeatmapCell {
  cohort: string;
  offset: number;
  cohortSize: number;
  active: number;
  value: number | null;
  complete: boolean;
}

export interface HeatmapInput {
  grain: Grain;
  cohorts: { start: string; size: number }[];
  cells: HeatmapCell[];
  /** Label of the value shown (classic, on-or-after or revenue retention). */
  valueLabel: string;
}

export function cohortHeatmapOption(input: HeatmapInput, ctx: ChartContext): EChartsCoreOption {
  const p = ctx.dark ? palette.dark : palette.light;
  const rowOf = new Map(input.cohorts.map((c, i) => [c.start, i]));
  const maxOffset = input.cells.reduce((m, c) => Math.max(m, c.offset), 0);
  const later = input.cells.filter((c) => c.offset > 0 && c.value !== null).map((c) => c.value as number);
  // Scale the colours on offsets ≥ 1: offset 0 is 100 % by definition and would wash out the rest.
  const max = Math.max(0.05, ...later);
  const showLabels = input.cohorts.length <= 30 && maxOffset <= 24;
  // Plain [offset, row, value] rows, complete and incomplete cells in two series (the second faded
  // and outlined): with an object per cell ECharts built a style model per cell, and the heatmap
  // took twice as long to draw. Tooltips and labels find the cell by series and index.
  const groups = [input.cells.filter((c) => c.complete), input.cells.filter((c) => !c.complete)];
  const cellAt = (params: { seriesIndex?: number; dataIndex?: number }): HeatmapCell | undefined =>
    groups[params.seriesIndex ?? 0]?.[params.dataIndex ?? -1];
  const yLabels = input.cohorts.map((c) => `${formatPeriod(ctx.locale, c.start, input.grain)} · ${formatInt(ctx.locale, c.size)}`);
  return {
    animation: false,
    textStyle: { color: p.text },
    grid: gridBox(8),
    tooltip: {
      formatter: (params: { seriesIndex?: number; dataIndex?: number }) => {
        const c = cellAt(params);
        if (!c) return '';
        const pct = c.value === null ? '–' : formatPercent(ctx.locale, c.value);
        return `${ctx.t('cohorts.cohort')} ${formatPeriod(ctx.locale, c.cohort, input.grain)} (${formatInt(ctx.locale, c.cohortSize)})<br/>` +
          `${ctx.t('cohorts.offset')}: ${c.offset}<br/>${input.valueLabel}: <b>${pct}</b> (${formatInt(ctx.locale, c.active)})` +
          (c.complete ? '' : `<br/><i>${ctx.t('cohorts.incomplete')}</i>`);
      },
    },
    xAxis: {
      type: 'category',
      name: ctx.t('cohorts.offset'),
      nameLocation: 'middle',
      nameGap: 28,
      data: Array.from({ length: maxOffset + 1 }, (_, k) => String(k)),
      axisLabel: { color: p.muted },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: yLabels,
      axisLabel: { color: p.muted, fontSize: 11 },
    },
    visualMap: {
      min: 0,
      max,
      show: false,
      inRange: { color: ctx.dark ? ['#1b2630', '#2f6f9f', '#9ecbf0'] : ['#f3f7fb', '#6fa8d6', '#123f63'] },
    },
    series: groups.map((cells, i) => ({
      type: 'heatmap',
      // Weekly cohorts over three years are about 12,000 cells. ECharts paints a heatmap of more
      // than 3,000 cells over several frames, 400 each by default, and the other panels' charts
      // are drawn in the same frames: after a grain change at 1 M rows the heatmap was the last
      // chart painted, 0.55 s after the change (1,000 cells a frame). Painted at once (up to
      // 15,000 cells), it is complete after about 0.3 s, in a task of 0.1–0.15 s. Larger ones
      // (daily cohorts) are still painted in steps, a few thousand cells a frame.
      progressive: 3000,
      progressiveThreshold: 15_000,
      data: cells.map((c) => [c.offset, rowOf.get(c.cohort) ?? 0, c.value]),
      ...(i === 1 ? { itemStyle: { opacity: 0.45, borderColor: p.muted, borderType: 'dashed', borderWidth: 1 } } : {}),
      label: {
        show: showLabels,
        fontSize: 10,
        formatter: (params: { seriesIndex?: number; dataIndex?: number }) => {
          const v = cellAt(params)?.value;
          return v === null || v === undefined ? '' : formatPercent(ctx.locale, v, 0);
        },
      },
      emphasis: { itemStyle: { borderColor: p.text, borderWidth: 1 } },
    })),
  };
}
