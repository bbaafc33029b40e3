import { describe, expect, it } from 'vitest';
import { lifecycleChartOption, type LifecycleChartLabels } from '../../src/charts/lifecycle-chart';
import { expectPlain, fnAt, renderSvg, seriesOf, testCtx } from './harness';

const labels: LifecycleChartLabels = {
  period: 'Month', customers: 'Customers', new: 'New', returning: 'Returning', resurrecting: 'Resurrecting', dormant: 'Dormant',
};
const input = {
  grain: 'month' as const,
  periods: [
    { periodStart: '2024-01-01', new: 120, returning: 0, resurrecting: 0, dormant: 0, complete: true },
    { periodStart: '2024-02-01', new: 80, returning: 70, resurrecting: 5, dormant: 50, complete: true },
    { periodStart: '2024-03-01', new: 40, returning: 1100, resurrecting: 12, dormant: 1234, complete: false },
  ],
};

describe('lifecycleChartOption', () => {
  const option = lifecycleChartOption(input, labels, testCtx());
  const series = seriesOf(option);

  it('stacks four bar series in one stack, dormant below zero', () => {
    expect(series.map((s) => s.name)).toEqual(['New', 'Returning', 'Resurrecting', 'Dormant']);
    expect(series.every((s) => s.type === 'bar' && s.stack === 'lifecycle')).toBe(true);
    const value = (d: unknown) => (typeof d === 'number' ? d : (d as { value: number }).value);
    expect((series[3]?.data as unknown[]).map(value)).toEqual([0, -50, -1234]);
    expect((series[0]?.data as unknown[]).map(value)).toEqual([120, 80, 40]);
  });

  it('uses a distinct colour per part', () => {
    const colours = series.map((s) => (s.itemStyle as { color: string }).color);
    expect(new Set(colours).size).toBe(4);
  });

  it('fades the incomplete period', () => {
    const last = (series[1]?.data as unknown[])[2] as { itemStyle: { opacity: number } };
    expect(last.itemStyle.opacity).toBeLessThan(1);
  });

  it('prints counts as positive numbers in the locale', () => {
    const nl = lifecycleChartOption(input, labels, testCtx('nl'));
    expect(fnAt(nl, 'tooltip.valueFormatter')(-1234)).toBe('1.234');
    expect(fnAt(option, 'yAxis.axisLabel.formatter')(-1234)).toBe('1,234');
  });

  it('renders', () => {
    const svg = renderSvg(option);
    expect(svg).toContain('Customers');
    expect(svg).toContain('Dormant');
    expect(renderSvg(lifecycleChartOption(input, labels, testCtx('nl', true)))).toContain('Resurrecting');
  });

  it('is plain data', () => expectPlain(option));
});
