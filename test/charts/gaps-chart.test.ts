import { describe, expect, it } from 'vitest';
import { bucketWidth, gapBuckets, gapP95, gapsChartOption, type GapsChartLabels } from '../../src/charts/gaps-chart';
import type { GapBin, GapStats } from '../../src/metrics/gaps';
import { expectPlain, fnAt, renderSvg, seriesOf, svgText, testCtx } from './harness';

const labels: GapsChartLabels = { days: 'Days between purchases', gaps: 'Repeat purchases', median: 'median', p25: 'p25', p75: 'p75' };

// 100 gaps: 1 day ×10, 2 ×20, 3 ×30, 5 ×25, 6 ×10, 40 ×4, 200 ×1.
// Cumulative 10, 30, 60, 85, 95 → p95 = 6 (first with ≥ 95). Width 1 → bars 1..6, then "≥ 7" with 4 + 1 = 5.
const bins: GapBin[] = [
  { gapDays: 1, gaps: 10 }, { gapDays: 2, gaps: 20 }, { gapDays: 3, gaps: 30 }, { gapDays: 5, gaps: 25 },
  { gapDays: 6, gaps: 10 }, { gapDays: 40, gaps: 4 }, { gapDays: 200, gaps: 1 },
];
// Nearest rank: p25 = 2 (30 ≥ 25), median = 3 (60 ≥ 50), p75 = 5 (85 ≥ 75).
const stats: GapStats = { gaps: 100, p25: 2, median: 3, p75: 5, p90: 6, mean: 7.15 };

describe('gap buckets', () => {
  it('caps at the nearest-rank p95', () => {
    expect(gapP95(bins)).toBe(6);
    expect(gapP95([])).toBeNull();
    const b = gapBuckets(bins);
    expect(b.map((x) => x.gaps)).toEqual([10, 20, 30, 0, 25, 10, 5]);
    expect(b.at(-1)).toEqual({ from: 7, to: null, gaps: 5 });
    expect(b.reduce((s, x) => s + x.gaps, 0)).toBe(100);
  });

  it('groups wide ranges into weeks', () => {
    // p95 = 100 days → width 7: buckets 1–7 … 99–105, tail ≥ 106.
    expect(bucketWidth(100)).toBe(7);
    const wide: GapBin[] = [{ gapDays: 3, gaps: 50 }, { gapDays: 8, gaps: 30 }, { gapDays: 100, gaps: 15 }, { gapDays: 300, gaps: 5 }];
    const b = gapBuckets(wide);
    expect(b).toHaveLength(16);
    expect(b[0]).toEqual({ from: 1, to: 7, gaps: 50 });
    expect(b[1]).toEqual({ from: 8, to: 14, gaps: 30 });
    expect(b[14]).toEqual({ from: 99, to: 105, gaps: 15 });
    expect(b[15]).toEqual({ from: 106, to: null, gaps: 5 });
  });

  it('leaves out an empty tail', () => {
    expect(gapBuckets([{ gapDays: 1, gaps: 5 }, { gapDays: 2, gaps: 5 }]).map((x) => x.to)).toEqual([1, 2]);
  });
});

describe('gapsChartOption', () => {
  const option = gapsChartOption({ bins, stats }, labels, testCtx());
  const [bars] = seriesOf(option);

  it('draws the capped histogram with a "≥ N" last bar', () => {
    expect(bars?.type).toBe('bar');
    expect(bars?.data).toEqual([10, 20, 30, 0, 25, 10, 5]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['1', '2', '3', '4', '5', '6', '≥ 7']);
  });

  it('marks p25, median and p75 at their bars', () => {
    const ml = bars?.markLine as { data: { name: string; xAxis: number; label: { backgroundColor?: string } }[] };
    expect(ml.data.map((d) => [d.name, d.xAxis])).toEqual([['p25', 1], ['median', 2], ['p75', 4]]);
    // Labels along a line lie over the bars: each has the panel's colour behind it.
    for (const d of ml.data) expect(d.label.backgroundColor).toMatch(/^rgba\(255, 255, 255/);
  });

  it('formats in the locale', () => {
    const nl = gapsChartOption({ bins: [{ gapDays: 1, gaps: 2000 }], stats: { ...stats, median: 1.5 } }, labels, testCtx('nl'));
    expect(fnAt(nl, 'tooltip.valueFormatter')(1234)).toBe('1.234');
    const ml = seriesOf(nl)[0]?.markLine as { data: { name: string; label: { formatter: string } }[] };
    expect(ml.data.find((d) => d.name === 'median')?.label.formatter).toBe('median 1,5');
  });

  it('renders', () => {
    const svg = renderSvg(option);
    expect(svg).toContain('Days between purchases');
    expect(svg).toContain(svgText('≥ 7'));
    expect(svg).toContain('median 3');
    expect(renderSvg(gapsChartOption({ bins: [], stats: { gaps: 0, p25: null, median: null, p75: null, p90: null, mean: null } }, labels, testCtx('nl', true)))).toContain('Repeat purchases');
  });

  it('is plain data', () => expectPlain(option));
});
