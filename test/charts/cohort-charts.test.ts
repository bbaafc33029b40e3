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
      tooltip: { formatter: (p: { seriesIndex: number; dataIndex: number }) => string };
      series: { data: [number, number, number | null][]; itemStyle?: { borderType?: string } }[];
    };
    expect(o.yAxis.data).toEqual(['jan 2024 · 2', 'feb 2024 · 1']);
    expect(o.xAxis.data).toEqual(['0', '1', '2']);
    // Complete cells, then the incomplete ones (faded and outlined), as plain [offset, row, value].
    expect(o.series.map((s) => s.data)).toEqual([
      [
        [0, 0, 1],
        [1, 0, 0.5],
        [0, 1, 1],
      ],
      [
        [2, 0, 0.5],
        [1, 1, 0],
      ],
    ]);
    expect(o.series.map((s) => s.itemStyle?.borderType ?? null)).toEqual([null, 'dashed']);
    // The tooltip finds the cell behind a point by series and index.
    const tip = o.tooltip.formatter({ seriesIndex: 1, dataIndex: 1 });
    expect(tip).toContain('feb 2024');
    expect(tip).toContain('cohorts.incomplete');
    expect(o.tooltip.formatter({ seriesIndex: 0, dataIndex: 1 })).not.toContain('cohorts.incomplete');
    expect(renderSvg(o)).toContain('50%');
    expectPlain(o);
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
