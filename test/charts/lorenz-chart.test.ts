import { describe, expect, it } from 'vitest';
import { lorenzChartOption, topCurve, valueAt, type LorenzChartLabels } from '../../src/charts/lorenz-chart';
import type { LorenzPoint, TopShare } from '../../src/metrics/concentration';
import { expectPlain, fnAt, renderSvg, seriesOf, testCtx } from './harness';

const labels: LorenzChartLabels = { customers: 'Customers, biggest first', revenue: 'Share of revenue', curve: 'Revenue', equality: 'Equal spend', top: 'Top' };

// 4 points (customer shares 0, .25, .5, .75, 1 from the smallest): revenue shares 0, .05, .15, .4, 1.
// From the top: x = 1 − cs, y = 1 − rs → (0,0), (.25,.6), (.5,.85), (.75,.95), (1,1).
const points: LorenzPoint[] = [0, 0.05, 0.15, 0.4, 1].map((rs, i) => ({ customerShare: i / 4, revenueShare: rs }));

describe('lorenz curve helpers', () => {
  it('reads the curve from the top', () => {
    const c = topCurve(points);
    expect(c.map(([x]) => x)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(c[1]?.[1]).toBeCloseTo(0.6);
    expect(c[2]?.[1]).toBeCloseTo(0.85);
  });

  it('interpolates: top 10 % → 0.6 × 10/25 = 0.24, top 20 % → 0.48', () => {
    const c = topCurve(points);
    expect(valueAt(c, 0.1)).toBeCloseTo(0.24);
    expect(valueAt(c, 0.2)).toBeCloseTo(0.48);
    expect(valueAt(c, 1.5)).toBeNull();
  });
});

describe('lorenzChartOption', () => {
  const option = lorenzChartOption({ lorenz: { points } }, labels, testCtx());
  const [curve, tops, diagonal] = seriesOf(option);
  type Pt = { value: [number, number]; label: { show: boolean; formatter: string } };

  it('draws the curve and the equality diagonal', () => {
    expect(seriesOf(option).map((s) => s.type)).toEqual(['line', 'scatter', 'line']);
    expect((option.legend as { data: string[] }).data).toEqual(['Revenue', 'Equal spend']);
    expect((curve?.data as [number, number][]).length).toBe(5);
    expect(diagonal?.data).toEqual([[0, 0], [1, 1]]);
  });

  it('marks the top 1, 3, 10 and 20 % on the curve', () => {
    const mp = { data: tops?.data as Pt[] };
    expect(mp.data.map((d) => d.value[0])).toEqual([0.01, 0.03, 0.1, 0.2]);
    expect(mp.data[2]?.value[1]).toBeCloseTo(0.24);
    // 1 % → 0.024 and 3 % → 0.072 are 0.048 apart: the 3 % label would touch the 1 % one and is hidden.
    expect(mp.data.map((d) => d.label.show)).toEqual([true, false, true, true]);
    expect(mp.data[3]?.label.formatter).toBe('Top 20%: 48%');
  });

  it('prefers the exact top shares of the concentration metric', () => {
    const top: TopShare[] = [1, 3, 10, 20].map((p) => ({ percent: p as TopShare['percent'], customers: p, share: p / 50, vsRest: null }));
    const mp = { data: seriesOf(lorenzChartOption({ lorenz: { points }, top }, labels, testCtx('nl')))[1]?.data as Pt[] };
    expect(mp.data.map((d) => d.value[1])).toEqual([0.02, 0.06, 0.2, 0.4]);
    expect(mp.data[3]?.label.formatter).toMatch(/^Top 20\s?%: 40\s?%$/);
  });

  it('formats the tooltip in the locale', () => {
    const nl = lorenzChartOption({ lorenz: { points } }, labels, testCtx('nl'));
    const html = fnAt(nl, 'tooltip.formatter')([{ seriesIndex: 0, value: [0.125, 0.5] }, { seriesIndex: 1, value: [0.125, 0.125] }]);
    expect(html).toMatch(/Customers, biggest first: <b>12,5\s?%<\/b>/);
    expect(html).toMatch(/Share of revenue: <b>50,0\s?%<\/b>/);
  });

  it('renders with its point labels', () => {
    const svg = renderSvg(option);
    expect(svg).toContain('Share of revenue (%)');
    expect(svg).toContain('Top 20%: 48%');
    expect(svg).not.toContain('Top 3%');
    expect(renderSvg(lorenzChartOption({ lorenz: { points } }, labels, testCtx('nl', true)))).toContain('Equal spend');
  });

  it('is plain data', () => expectPlain(option));
});
