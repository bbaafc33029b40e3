import { describe, expect, it } from 'vitest';
import { defaultThresholds, powerUserChartOption, shareAtLeast, type PowerUserChartLabels } from '../../src/charts/power-user-chart';
import type { LnessHistogram } from '../../src/metrics/lness';
import { expectPlain, fnAt, renderSvg, seriesOf, testCtx } from './harness';

const labels: PowerUserChartLabels = { month: 'Month end', share: 'Share of active customers', days: 'days' };

function histogram(anchor: string, counts: number[], complete = true): LnessHistogram {
  const customers = counts.reduce((a, b) => a + b, 0);
  return {
    windowDays: counts.length, anchor, windowStart: anchor, complete, customers,
    bins: counts.map((c, i) => ({ days: i + 1, customers: c, share: customers ? c / customers : null })),
  };
}

// L8 windows. Jan: 10 customers, 2 with ≥ 2 days... worked out per threshold below.
const months = [
  histogram('2024-01-31', [8, 1, 0, 0, 0, 0, 0, 1], false), // ≥2: 2/10, ≥4: 1/10, ≥6: 1/10
  histogram('2024-02-29', [4, 2, 2, 1, 0, 1, 0, 0]), //        ≥2: 6/10, ≥4: 2/10, ≥6: 1/10
  histogram('2024-03-31', [0, 0, 0, 0, 0, 0, 0, 0]), //        nobody active: null
];

describe('powerUserChartOption', () => {
  it('picks a quarter, half and three quarters of the window', () => {
    expect(defaultThresholds(28)).toEqual([7, 14, 21]);
    expect(defaultThresholds(8)).toEqual([2, 4, 6]);
    expect(defaultThresholds(1)).toEqual([]);
  });

  it('computes the share with at least d days', () => {
    expect(shareAtLeast(months[1] as LnessHistogram, 4)).toBeCloseTo(0.2);
    expect(shareAtLeast(months[2] as LnessHistogram, 2)).toBeNull();
  });

  it('draws one line per threshold, hollow symbols for incomplete windows', () => {
    const option = powerUserChartOption(months, labels, testCtx());
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['≥ 2 days', '≥ 4 days', '≥ 6 days']);
    const values = (s: Record<string, unknown> | undefined) => (s?.data as unknown[]).map((d) => (d !== null && typeof d === 'object' ? (d as { value: number }).value : d));
    expect(values(series[0])).toEqual([0.2, 0.6, null]);
    expect(values(series[1])).toEqual([0.1, 0.2, null]);
    expect(values(series[2])).toEqual([0.1, 0.1, null]);
    expect((series[0]?.data as unknown[])[0]).toMatchObject({ symbol: 'circle', itemStyle: { color: '#ffffff', borderWidth: 2 } });
    expect((option.xAxis as { data: string[] }).data).toEqual(['Jan 2024', 'Feb 2024', 'Mar 2024']);
  });

  it('formats shares in Dutch', () => {
    const option = powerUserChartOption(months, labels, testCtx('nl'));
    expect(fnAt(option, 'tooltip.valueFormatter')(0.125)).toMatch(/^12,5\s?%$/);
    expect((option.xAxis as { data: string[] }).data[2]).toMatch(/mrt/);
  });

  it('renders', () => {
    const svg = renderSvg(powerUserChartOption(months, labels, testCtx('en', true), [3, 5]));
    expect(svg).toContain('Share of active customers (%)');
    expect(svg).toContain('≥ 5 days');
  });

  it('is plain data', () => expectPlain(powerUserChartOption(months, labels, testCtx())));
});
