import { describe, expect, it } from 'vitest';
import { lnessChartOption, type LnessChartLabels } from '../../src/charts/lness-chart';
import type { LnessHistogram } from '../../src/metrics/lness';
import { expectPlain, fnAt, renderSvg, seriesOf, svgText, testCtx } from './harness';

const labels: LnessChartLabels = { days: 'Days active in the last 7 days', customers: 'Customers', share: 'Share of active customers' };

/** counts per d = 1..7; share = count / total, as the metric module returns it. */
function histogram(counts: number[], complete = true): LnessHistogram {
  const customers = counts.reduce((a, b) => a + b, 0);
  return {
    windowDays: counts.length, anchor: '2024-03-31', windowStart: '2024-03-25', complete, customers,
    bins: counts.map((c, i) => ({ days: i + 1, customers: c, share: customers ? c / customers : null })),
  };
}

// 8 customers: 4 with one day (50 %), 2 with two (25 %), 1 with five, 1 with seven (12,5 % each).
const one = histogram([4, 2, 0, 0, 1, 0, 1]);
const other = histogram([10, 6, 2, 1, 0, 0, 1], false);

type Tip = (p: unknown) => string;

describe('lnessChartOption', () => {
  it('draws one histogram as count bars with count and share in the tooltip', () => {
    const option = lnessChartOption([{ name: 'All', histogram: one }], labels, testCtx('nl'));
    const [s] = seriesOf(option);
    expect(seriesOf(option)).toHaveLength(1);
    expect(s?.type).toBe('bar');
    expect((s?.data as { value: number }[]).map((d) => d.value)).toEqual([4, 2, 0, 0, 1, 0, 1]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const data = s?.data as unknown[];
    const html = (fnAt(option, 'tooltip.formatter') as Tip)([{ name: '5', seriesName: 'All', marker: '', data: data[4] }]);
    expect(html).toMatch(/1 \(12,5\s?%\)/);
    expect(option.legend).toBeUndefined();
  });

  it('overlays several histograms as share lines per segment', () => {
    const option = lnessChartOption([{ name: 'Web', histogram: one }, { name: 'Shop <1>', histogram: other }], labels, testCtx());
    const series = seriesOf(option);
    expect(series.map((s) => s.type)).toEqual(['line', 'line']);
    expect((series[0]?.data as { value: number }[]).map((d) => d.value)).toEqual([0.5, 0.25, 0, 0, 0.125, 0, 0.125]);
    expect((series[1]?.data as { value: number }[])[0]?.value).toBeCloseTo(0.5);
    // The segment name is data: it is escaped in the tooltip HTML.
    const data = series[1]?.data as unknown[];
    const html = (fnAt(option, 'tooltip.formatter') as Tip)([{ name: '1', seriesName: 'Shop <1>', marker: '', data: data[0] }]);
    expect(html).toContain('Shop &lt;1&gt;: 10 (50.0%)');
    expect((series[1]?.itemStyle as { opacity: number }).opacity).toBeLessThan(1);
  });

  it('renders both forms', () => {
    const single = renderSvg(lnessChartOption([{ name: 'All', histogram: one }], labels, testCtx()));
    expect(single).toContain('Days active in the last 7 days');
    expect(single).toContain('Customers');
    const multi = renderSvg(lnessChartOption([{ name: 'Web', histogram: one }, { name: 'Shop <1>', histogram: other }], labels, testCtx('nl', true)));
    expect(multi).toContain('Share of active customers (%)');
    expect(multi).toContain(svgText('Shop <1>'));
  });

  it('is plain data', () => {
    expectPlain(lnessChartOption([{ name: 'All', histogram: one }], labels, testCtx()));
    expectPlain(lnessChartOption([{ name: 'a', histogram: one }, { name: 'b', histogram: other }], labels, testCtx()));
  });
});
