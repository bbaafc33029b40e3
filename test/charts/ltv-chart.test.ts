import { describe, expect, it } from 'vitest';
import { ltvChartOption, type LtvChartLabels } from '../../src/charts/ltv-chart';
import type { LtvCell } from '../../src/metrics/value';
import { expectPlain, fnAt, renderSvg, seriesOf, svgText, testCtx } from './harness';

const labels: LtvChartLabels = { offset: 'Months since first purchase', value: 'Revenue per customer', average: 'Average' };

function cell(cohort: string, offset: number, customers: number, cum: number, complete = true): LtvCell {
  return { cohort, offset, customers, revenue: 0, cumulativePerCustomer: cum, complete };
}

// Jan cohort (10 customers): 20, 30, 35 complete. Feb (30 customers): 10, 18 complete, then incomplete 19.
// Average at 0 = (10·20 + 30·10) / 40 = 12.5; at 1 = (10·30 + 30·18) / 40 = 21; at 2 = 35 (Jan only).
const cells = [
  cell('2024-01-01', 0, 10, 20), cell('2024-01-01', 1, 10, 30), cell('2024-01-01', 2, 10, 35),
  cell('2024-02-01', 0, 30, 10), cell('2024-02-01', 1, 30, 18), cell('2024-02-01', 2, 30, 19, false),
];
const average = [
  { offset: 0, cumulativePerCustomer: 12.5, cohorts: 2, customers: 40 },
  { offset: 1, cumulativePerCustomer: 21, cohorts: 2, customers: 40 },
  { offset: 2, cumulativePerCustomer: 35, cohorts: 1, customers: 10 },
];
const input = { available: true as const, cells, average, grain: 'month' as const };

describe('ltvChartOption', () => {
  const option = ltvChartOption(input, labels, testCtx());
  const series = seriesOf(option);

  it('draws a thin line per cohort (complete cells only) and a bold average', () => {
    expect(series.map((s) => s.name)).toEqual(['Jan 2024', 'Feb 2024', 'Average']);
    expect(series[0]?.data).toEqual([[0, 20], [1, 30], [2, 35]]);
    expect(series[1]?.data).toEqual([[0, 10], [1, 18]]);
    expect(series[2]?.data).toEqual([[0, 12.5], [1, 21], [2, 35]]);
    expect((series[2]?.lineStyle as { width: number }).width).toBeGreaterThan((series[0]?.lineStyle as { width: number }).width);
  });

  it('keeps only the most recent cohorts as thin lines', () => {
    expect(seriesOf(ltvChartOption({ ...input, maxCohorts: 1 }, labels, testCtx())).map((s) => s.name)).toEqual(['Feb 2024', 'Average']);
  });

  it('has a money axis and tooltip in the locale', () => {
    const nl = ltvChartOption(input, labels, testCtx('nl'));
    expect((nl.yAxis as { name: string }).name).toBe('Revenue per customer (€)');
    expect(fnAt(nl, 'tooltip.valueFormatter')(1234.5)).toMatch(/^€\s1\.234,50$/);
    expect(fnAt(option, 'tooltip.valueFormatter')(1234.5)).toBe('€1,234.50');
    expect(fnAt(nl, 'yAxis.axisLabel.formatter')(1500)).toBe('1.500');
  });

  it('renders', () => {
    const svg = renderSvg(option);
    expect(svg).toContain(svgText('Revenue per customer (€)'));
    expect(svg).toContain('Months since first purchase');
    expect(renderSvg(ltvChartOption({ ...input, currency: 'USD' }, labels, testCtx('nl', true)))).toContain('Revenue per customer ($)');
  });

  it('is plain data', () => expectPlain(option));
});
