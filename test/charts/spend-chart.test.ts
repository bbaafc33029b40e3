import { describe, expect, it } from 'vitest';
import { spendByOrderOption, spendByYearOption, type SpendByOrderLabels, type SpendByYearLabels } from '../../src/charts/spend-chart';
import type { SpendByOrder, SpendByYear } from '../../src/metrics/spend';
import { expectPlain, fnAt, renderSvg, seriesOf, svgText, testCtx } from './harness';

const orderLabels: SpendByOrderLabels = { orderNumber: 'Purchase number', aov: 'Average order value', orders: 'orders', vsFirst: 'vs. first' };
const yearLabels: SpendByYearLabels = { year: 'Year since first purchase', value: 'Revenue per customer', perCustomer: 'All', perActiveCustomer: 'Active', customers: 'customers' };

const orders: SpendByOrder[] = [
  { orderNumber: 1, label: '1', customers: 1000, orders: 1000, avgOrderValue: 40 },
  { orderNumber: 2, label: '2', customers: 400, orders: 400, avgOrderValue: 44 },
  { orderNumber: 10, label: '10+', customers: 30, orders: 1200, avgOrderValue: 72 },
];
const years: SpendByYear[] = [
  { year: 1, customers: 500, activeCustomers: 500, revenue: 30000, revenuePerCustomer: 60, revenuePerActiveCustomer: 60 },
  { year: 2, customers: 300, activeCustomers: 90, revenue: 9000, revenuePerCustomer: 30, revenuePerActiveCustomer: 100 },
  { year: 3, customers: 100, activeCustomers: 0, revenue: 0, revenuePerCustomer: 0, revenuePerActiveCustomer: null },
];

describe('spendByOrderOption', () => {
  const option = spendByOrderOption({ rows: orders }, orderLabels, testCtx('nl'));
  const [bars] = seriesOf(option);

  it('draws one bar per purchase number with the first as reference', () => {
    expect(bars?.type).toBe('bar');
    expect((bars?.data as { value: number }[]).map((d) => d.value)).toEqual([40, 44, 72]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['1', '2', '10+']);
    expect((bars?.markLine as { data: { yAxis: number }[] }).data[0]?.yAxis).toBe(40);
  });

  it('tells the change against the first purchase: 72 / 40 − 1 = +80 %', () => {
    const data = bars?.data as unknown[];
    const html = fnAt(option, 'tooltip.formatter')([{ name: '10+', marker: '', data: data[2] }]);
    expect(html).toMatch(/€\s72,00/);
    expect(html).toMatch(/\+80\s?% vs\. first/);
    expect(html).toContain('1.200 orders');
  });

  it('renders', () => {
    const svg = renderSvg(option);
    expect(svg).toContain(svgText('Average order value (€)'));
    expect(svg).toContain('10+');
  });

  it('is plain data', () => expectPlain(option));
});

describe('spendByYearOption', () => {
  const option = spendByYearOption({ rows: years }, yearLabels, testCtx());
  const series = seriesOf(option);

  it('draws revenue per customer and per active customer per year', () => {
    expect(series.map((s) => [s.name, s.type])).toEqual([['All', 'bar'], ['Active', 'bar']]);
    expect((series[0]?.data as { value: number }[]).map((d) => d.value)).toEqual([60, 30, 0]);
    expect((series[1]?.data as { value: number | null }[]).map((d) => d.value)).toEqual([60, 100, null]);
  });

  it('shows money and the customer base in the tooltip', () => {
    const html = fnAt(option, 'tooltip.formatter')([
      { name: '2', seriesName: 'All', marker: '', data: (series[0]?.data as unknown[])[1] },
      { name: '2', seriesName: 'Active', marker: '', data: (series[1]?.data as unknown[])[1] },
    ]);
    expect(html).toContain('Year since first purchase 2');
    expect(html).toContain('All: <b>€30.00</b> (300 customers)');
    expect(html).toContain('Active: <b>€100.00</b> (90 customers)');
  });

  it('renders', () => {
    const svg = renderSvg(spendByYearOption({ rows: years }, yearLabels, testCtx('nl', true)));
    expect(svg).toContain('Year since first purchase');
    expect(svg).toContain(svgText('Revenue per customer (€)'));
  });

  it('is plain data', () => expectPlain(option));
});
