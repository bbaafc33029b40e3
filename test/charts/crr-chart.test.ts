import { describe, expect, it } from 'vitest';
import { crrChartOption, type CrrChartLabels } from '../../src/charts/crr-chart';
import type { CrrPeriod } from '../../src/metrics/crr';
import { expectPlain, fnAt, renderSvg, seriesOf, svgText, testCtx } from './harness';

const labels: CrrChartLabels = { period: 'Month', rate: 'Rate', crr: 'CRR', churnRate: 'Churn rate', good: 'good', target: 'target' };

function period(start: string, crr: number | null, churnRate: number | null): CrrPeriod {
  return {
    periodStart: start, periodEnd: start, customersStart: 0, customersEnd: 0, new: 0, retained: 0, churned: 0,
    reactivated: 0, newInEnd: 0, crr, churnRate,
  };
}

// First month has no history (null), the last is incomplete (null): both must stay gaps.
// The third has CRR 1.25 (reactivations), so the axis has to reach 130 %.
const input = {
  grain: 'month' as const,
  windowDays: 30,
  periods: [
    period('2024-01-01', null, null),
    period('2024-02-01', 0.9, 0.15),
    period('2024-03-01', 1.25, 0.05),
    period('2024-04-01', 0.8, 0.3),
    period('2024-05-01', null, null),
  ],
};

describe('crrChartOption', () => {
  const option = crrChartOption(input, labels, testCtx());
  const [crr, churn] = seriesOf(option);

  it('draws CRR and churn as lines with nulls as gaps', () => {
    expect(seriesOf(option)).toHaveLength(2);
    expect(crr?.type).toBe('line');
    expect(crr?.data).toEqual([null, 0.9, 1.25, 0.8, null]);
    expect(churn?.data).toEqual([null, 0.15, 0.05, 0.3, null]);
    expect(crr?.connectNulls).toBe(false);
  });

  it('has benchmark lines at 80 % and 85 %', () => {
    const ml = crr?.markLine as { data: { yAxis: number; name: string }[] };
    expect(ml.data.map((d) => d.yAxis)).toEqual([0.8, 0.85]);
    expect(ml.data.map((d) => d.name)).toEqual(['good', 'target']);
  });

  it('extends the percent axis above 100 % when CRR does', () => {
    expect((option.yAxis as { max: number }).max).toBeCloseTo(1.3);
    expect((option.yAxis as { min: number }).min).toBe(0);
  });

  it('extends the axis below 0 % to the next 10 % step when CRR is negative', () => {
    const yearly = { ...input, grain: 'year' as const, periods: [period('2023-01-01', -0.042, 0.61), period('2024-01-01', -0.31, 0.6)] };
    expect((crrChartOption(yearly, labels, testCtx()).yAxis as { min: number }).min).toBeCloseTo(-0.4);
    const exact = { ...input, periods: [period('2023-01-01', -0.2, 0.5)] };
    expect((crrChartOption(exact, labels, testCtx()).yAxis as { min: number }).min).toBeCloseTo(-0.2);
  });

  it('formats percentages for the locale', () => {
    const nl = crrChartOption(input, labels, testCtx('nl'));
    expect(fnAt(nl, 'tooltip.valueFormatter')(0.125)).toMatch(/^12,5\s?%$/);
    expect(fnAt(option, 'tooltip.valueFormatter')(0.125)).toBe('12.5%');
    expect(fnAt(option, 'tooltip.valueFormatter')(null)).toBe('–');
    expect(fnAt(nl, 'yAxis.axisLabel.formatter')(0.8)).toMatch(/^80\s?%$/);
  });

  it('renders in ECharts with axis names, legend and benchmark labels', () => {
    const svg = renderSvg(option);
    expect(svg).toContain('Rate (%)');
    expect(svg).toContain('Churn rate');
    expect(svg).toContain('good 80%');
    expect(svg).toContain('target 85%');
    expect(svg).toContain(svgText('Feb 2024'));
  });

  it('renders in dark mode and with many periods', () => {
    const many = {
      ...input,
      grain: 'week' as const,
      periods: Array.from({ length: 400 }, (_, i) => period(new Date(Date.UTC(2020, 0, 6 + 7 * i)).toISOString().slice(0, 10), 0.7 + (i % 10) / 100, 0.2)),
    };
    const dark = crrChartOption(many, labels, testCtx('nl', true));
    expect(seriesOf(dark)[0]?.showSymbol).toBe(false);
    expect(seriesOf(dark)[0]?.sampling).toBe('lttb');
    expect(renderSvg(dark)).toContain('CRR');
  });

  it('is plain data', () => expectPlain(option));
});
