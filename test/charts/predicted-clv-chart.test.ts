import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts';
import { clvChartData, clvScatterOption, pAliveCounts, pAliveHistogramOption, topClvRows, topIndices, visiblePoints, type ClvScatterInput } from '../../src/charts/predicted-clv-chart';
import { idList } from '../../src/metrics/id-list';
import type { ClvPerCustomer } from '../../src/metrics/clv-model';
import { expectPlain, fnAt, renderSvg, seriesOf, svgText, testCtx } from './harness';

const f64 = (xs: number[]) => Float64Array.from(xs);
/** Interleaved points (x0, y0, x1, y1, …) as [x, y] pairs. */
const pairs = (data: unknown): [number, number][] => {
  if (!(data instanceof Float64Array)) throw new Error('scatter data is not interleaved points');
  return Array.from({ length: data.length / 2 }, (_, i) => [data[2 * i] as number, data[2 * i + 1] as number]);
};

// Five customers. pAlive bins: 0.05 → 0, 0.1 → 1, 0.55 → 5, 0.99 and 1 → 9.
const perCustomer: ClvPerCustomer = {
  pAlive: f64([0.05, 0.1, 0.55, 0.99, 1]),
  expectedPurchases: f64([0.1, 0.5, 2, 3, 3]),
  expectedAverageValue: f64([20, 30, 40, 50, 50]),
  expectedValue: f64([2, 15, 80, 150, 150]),
};
// In customer-id order, as the summary query returns them.
const summary = {
  customerIds: idList(['a', 'b', 'c', 'd', 'e']),
  frequency: f64([0, 1, 3, 6, 6]),
  recency: f64([0, 5, 20, 40, 41]),
  T: f64([50, 50, 50, 50, 50]),
  monetary: f64([Number.NaN, 30, 40, 50, 50]),
};

describe('pAliveHistogramOption', () => {
  it('bins by tenths, the last bin closed', () => {
    expect(pAliveCounts(perCustomer.pAlive)).toEqual([1, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(pAliveCounts(f64([Number.NaN]))).toEqual(new Array(10).fill(0));
  });

  const option = pAliveHistogramOption(pAliveCounts(perCustomer.pAlive), { pAlive: 'Probability still active', customers: 'Customers' }, testCtx('nl'));

  it('draws ten bars with shares in the tooltip', () => {
    const [bars] = seriesOf(option);
    expect((bars?.data as { value: number }[]).map((d) => d.value)).toEqual([1, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    const names = (option.xAxis as { data: string[] }).data;
    expect(names).toHaveLength(10);
    expect(names[9]).toMatch(/^90–100\s?%$/);
    const html = fnAt(option, 'tooltip.formatter')([{ name: names[9], marker: '', data: (bars?.data as unknown[])[9] }]);
    expect(html).toMatch(/<b>2<\/b> Customers \(40,0\s?%\)/);
  });

  it('renders', () => {
    const svg = renderSvg(option);
    expect(svg).toContain('Probability still active (%)');
    expectPlain(option);
  });
});

/** The scatter's input as the fit worker prepares it (clvChartData). */
const scatter = (s: { frequency: Float64Array }, pc: Pick<ClvPerCustomer, 'expectedValue' | 'expectedPurchases' | 'pAlive'> & Partial<ClvPerCustomer>): ClvScatterInput => {
  const d = clvChartData(s, { expectedAverageValue: new Float64Array(s.frequency.length), ...pc });
  return { points: d.points, hasValue: d.hasValue };
};

describe('clvScatterOption', () => {
  const labels = { frequency: 'Repeat purchases', value: 'Expected value', purchases: 'Expected purchases' };

  it('plots frequency against expected value as a large scatter', () => {
    const option = clvScatterOption(scatter(summary, perCustomer), labels, testCtx());
    const [s] = seriesOf(option);
    expect(s?.type).toBe('scatter');
    expect(s?.large).toBe(true);
    expect(pairs(s?.data)).toEqual([[0, 2], [1, 15], [3, 80], [6, 150], [6, 150]]);
    expect((option.yAxis as { name: string }).name).toBe('Expected value (€)');
    expect(fnAt(option, 'tooltip.formatter')({ value: [6, 150] })).toContain('€150.00');
    expect(renderSvg(option)).toContain(svgText('Expected value (€)'));
    expectPlain(option);
  });

  it('gives the tooltip each point as [x, y], from the interleaved data', () => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 300 });
    try {
      chart.setOption(clvScatterOption(scatter(summary, perCustomer), labels, testCtx()));
      const model = (chart as unknown as { getModel(): { getSeriesByIndex(i: number): { getDataParams(i: number): { value: unknown } } } }).getModel();
      expect(model.getSeriesByIndex(0).getDataParams(2).value).toEqual([3, 80]);
    } finally {
      chart.dispose();
    }
  });

  it('falls back to expected purchases without a spend model', () => {
    const noValue = { ...perCustomer, expectedValue: f64([Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN]) };
    const option = clvScatterOption(scatter(summary, noValue), labels, testCtx('nl'));
    expect(pairs(seriesOf(option)[0]?.data)).toEqual([[0, 0.1], [1, 0.5], [3, 2], [6, 3], [6, 3]]);
    expect((option.yAxis as { name: string }).name).toBe('Expected purchases');
    expect(fnAt(option, 'tooltip.formatter')({ value: [6, 2.5] })).toContain('2,5');
  });

  it('draws at most eight points on one spot, every other point as it is', () => {
    const pile = Array.from({ length: 20 }, (_, i): [number, number] => [2, 500 + i * 0.01]);
    const apart: [number, number][] = [[2, 600], [3, 500], [0, 0], [0, 1000]];
    const all = [...pile, [1, Number.NaN] as [number, number], ...apart];
    const kept = visiblePoints(Float64Array.from(all, (p) => p[0]), Float64Array.from(all, (p) => p[1]));
    expect(pairs(kept)).toEqual([...pile.slice(0, 8), ...apart]);
    const big = clvScatterOption(
      scatter({ frequency: Float64Array.from({ length: 1000 }, () => 1) }, { pAlive: new Float64Array(1000), expectedPurchases: new Float64Array(1000), expectedValue: new Float64Array(1000).fill(7) }),
      labels,
      testCtx(),
    );
    expect(pairs(seriesOf(big)[0]?.data)).toEqual(Array.from({ length: 8 }, () => [1, 7]));
  });

  it('renders 50 000 customers quickly', () => {
    const k = 50_000;
    const big = scatter(
      { frequency: Float64Array.from({ length: k }, (_, i) => i % 40) },
      { pAlive: new Float64Array(k), expectedPurchases: new Float64Array(k), expectedValue: Float64Array.from({ length: k }, (_, i) => ((i * 7919) % 1000) / 3) },
    );
    const t0 = performance.now();
    const svg = renderSvg(clvScatterOption(big, labels, testCtx()));
    const ms = performance.now() - t0;
    expect(svg).toContain('Repeat purchases');
    expect(ms).toBeLessThan(5000);
  });
});

describe('top customers', () => {
  const top = (n: number) => topClvRows(summary, perCustomer, clvChartData(summary, perCustomer, n).top);

  it('ranks by expected value, ties by customer id', () => {
    const rows = top(3);
    expect(rows.map((r) => [r.rank, r.customerId, r.expectedValue])).toEqual([[1, 'd', 150], [2, 'e', 150], [3, 'c', 80]]);
    expect(rows[0]).toEqual({ rank: 1, customerId: 'd', frequency: 6, recency: 40, T: 50, monetary: 50, pAlive: 0.99, expectedPurchases: 3, expectedValue: 150 });
    expect(top(10).at(-1)).toMatchObject({ customerId: 'a', monetary: null });
    expect(top(0)).toEqual([]);
    expectPlain(rows);
  });

  it('ranks by expected purchases without a spend model', () => {
    const noValue = { ...perCustomer, expectedValue: f64([Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN]) };
    expect(clvChartData(summary, noValue, 3).top).toEqual([3, 4, 2]);
  });

  it('agrees with a full sort on random data', () => {
    // Independent check: sort everything, take the first n.
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const k = 5000;
    const value = Float64Array.from({ length: k }, (_, i) => (i % 97 === 0 ? Number.NaN : Math.round(rnd() * 500)));
    const expected = Array.from(value, (v, i) => ({ i, v: Number.isFinite(v) ? v : Number.NEGATIVE_INFINITY }))
      .sort((a, b) => b.v - a.v || a.i - b.i)
      .slice(0, 25)
      .map((x) => x.i);
    expect(topIndices(value, 25)).toEqual(expected);
  });
});
