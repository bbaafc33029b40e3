import { describe, expect, it } from 'vitest';
import { cohortHeatmapOption, type HeatmapCell } from '../../src/charts/cohort-heatmap';
import { retentionCurveOption } from '../../src/charts/retention-curve';
import { expectPlain, renderSvg, testCtx } from './harness';

const cells: HeatmapCell[] = [
  { cohort: '2024-01-01', offset: 0, cohortSize: 2, active: 2, value: 1, complete: true },
  { cohort: '2024-01-01', offset: 1, cohortSize: 2, active: 1, value: 0.5, complete: true },
  { cohort: '2024-01-01', offset: 2, cohortSize: 2, active: 1, value: 0.5, complete: false },
  { cohort: '2024-02-01', offset: 0, cohortSize: 1, active: 1, value: 1, complete: true },
  { cohort: '2024-02-01', offset: 1, cohortSize: 1, active: 0, value: 0, complete: false },
];
const input = {
  grain: 'month' as const,
  cohorts: [
    { start: '2024-01-01', size: 2 },
    { start: '2024-02-01', size: 1 },
  ],
  cells,
  valueLabel: 'Retention',
};

describe('cohort heatmap', () => {
  it('puts cohorts on rows with their size, offsets on columns, and marks incomplete cells', () => {
    const o = cohortHeatmapOption(input, testCtx('nl')) as {
      yAxis: { data: string[] };
      xAxis: { data: string[] };
      series: { data: { value: [number, number, number | null]; itemStyle?: { borderType?: string } }[] }[];
    };
    expect(o.yAxis.data).toEqual(['jan 2024 · 2', 'feb 2024 · 1']);
    expect(o.xAxis.data).toEqual(['0', '1', '2']);
    const data = o.series[0]?.data ?? [];
    expect(data.map((d) => d.value)).toEqual([
      [0, 0, 1],
      [1, 0, 0.5],
      [2, 0, 0.5],
      [0, 1, 1],
      [1, 1, 0],
    ]);
    expect(data.map((d) => d.itemStyle?.borderType ?? null)).toEqual([null, null, 'dashed', null, 'dashed']);
    expect(renderSvg(o)).toContain('50%');
    expectPlain({ ...o, series: [{ ...o.series[0], data: data.map((d) => d.value) }] });
  });
});

describe('retention curve', () => {
  it('draws the weighted average over the latest cohorts, skipping missing points', () => {
    const o = retentionCurveOption(
      {
        grain: 'month',
        average: [
          { offset: 0, value: 1 },
          { offset: 1, value: 0.5 },
          { offset: 2, value: null },
        ],
        cohorts: [{ start: '2024-01-01', points: [{ offset: 0, value: 1 }, { offset: 1, value: 0.5 }] }],
        valueLabel: 'Retention',
      },
      testCtx(),
    ) as { series: { name: string; data: [number, number][] }[] };
    expect(o.series.map((s) => s.name)).toEqual(['Jan 2024', 'cohorts.average']);
    expect(o.series[1]?.data).toEqual([
      [0, 1],
      [1, 0.5],
    ]);
    expect(renderSvg(o)).toContain('cohorts.average');
  });
});
