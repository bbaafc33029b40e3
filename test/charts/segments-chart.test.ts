import { describe, expect, it } from 'vitest';
import { segmentCurvesOption, segmentKpiOption, type SegmentKpiLabels } from '../../src/charts/segments-chart';
import type { SegmentKpi } from '../../src/metrics/segments';
import { expectPlain, fnAt, renderSvg, seriesOf, svgText, testCtx } from './harness';

const curves = [
  { segment: 'Web', points: [{ offset: 0, value: 1 }, { offset: 1, value: 0.4 }, { offset: 2, value: 0.3 }] },
  { segment: 'Shop & café', points: [{ offset: 0, value: 1 }, { offset: 1, value: 0.6 }, { offset: 2, value: null }] },
];

const kpis: SegmentKpi[] = [
  { segment: 'Web', customers: 1200, repeatRate: 0.25, crrLast: 0.8, gapMedianDays: 30, clvMean: 55.5 },
  { segment: 'Shop & café', customers: 300, repeatRate: 0.5, crrLast: null, gapMedianDays: 12.5, clvMean: 80 },
];
const kpiLabels: SegmentKpiLabels = { segment: 'Channel', value: 'Rate', metrics: { repeatRate: 'Repeat rate', crrLast: 'CRR (last period)' } };

describe('segmentCurvesOption', () => {
  const option = segmentCurvesOption(curves, { offset: 'Months since first purchase', retention: 'Retention' }, testCtx('nl'));

  it('overlays one retention line per segment, gaps dropped', () => {
    const s = seriesOf(option);
    expect(s.map((x) => [x.name, x.type])).toEqual([['Web', 'line'], ['Shop & café', 'line']]);
    expect(s[1]?.data).toEqual([[0, 1], [1, 0.6]]);
    expect((s[0]?.lineStyle as { color: string }).color).not.toBe((s[1]?.lineStyle as { color: string }).color);
    expect(fnAt(option, 'tooltip.valueFormatter')(0.125)).toMatch(/^12,5\s?%$/);
  });

  it('renders', () => {
    const svg = renderSvg(option);
    expect(svg).toContain('Retention (%)');
    expect(svg).toContain(svgText('Shop & café'));
    expectPlain(option);
  });
});

describe('segmentKpiOption', () => {
  const option = segmentKpiOption({ kpis, metrics: ['repeatRate', 'crrLast'] }, kpiLabels, testCtx());

  it('draws grouped horizontal bars per segment', () => {
    const s = seriesOf(option);
    expect(s.map((x) => [x.name, x.type])).toEqual([['Repeat rate', 'bar'], ['CRR (last period)', 'bar']]);
    expect(s[0]?.data).toEqual([0.25, 0.5]);
    expect(s[1]?.data).toEqual([0.8, null]);
    expect((option.yAxis as { data: string[]; inverse: boolean }).data).toEqual(['Web', 'Shop & café']);
    expect((option.xAxis as { name: string }).name).toBe('Rate (%)');
  });

  it('formats per unit and locale', () => {
    const money = segmentKpiOption({ kpis, metrics: ['clvMean'] }, { segment: 'Channel', value: 'Mean CLV', metrics: { clvMean: 'Mean CLV' } }, testCtx('nl'));
    expect((money.xAxis as { name: string }).name).toBe('Mean CLV (€)');
    expect(fnAt(money, 'tooltip.valueFormatter')(55.5)).toMatch(/^€\s55,50$/);
    expect(seriesOf(money)[0]?.data).toEqual([55.5, 80]);
    const days = segmentKpiOption({ kpis, metrics: ['gapMedianDays'] }, { segment: 'Channel', value: 'Median days between purchases', metrics: {} }, testCtx('nl'));
    expect(fnAt(days, 'tooltip.valueFormatter')(12.5)).toBe('12,5');
    expect(fnAt(option, 'series.0.label.formatter')({ value: 0.25 })).toBe('25.0%');
  });

  it('starts the value axis at 0 unless a value is negative (CRR in a tiny segment)', () => {
    expect((option.xAxis as { min?: number }).min).toBe(0);
    const tiny = [{ ...kpis[0]!, crrLast: -1 }];
    const neg = segmentKpiOption({ kpis: tiny, metrics: ['crrLast'] }, kpiLabels, testCtx());
    expect((neg.xAxis as { min?: number }).min).toBeUndefined();
    expect(renderSvg(neg)).toContain('-100');
  });

  it('refuses KPIs of different units on one axis', () => {
    expect(() => segmentKpiOption({ kpis, metrics: ['repeatRate', 'clvMean'] }, kpiLabels, testCtx())).toThrow(/different units/);
  });

  it('renders', () => {
    const svg = renderSvg(option);
    expect(svg).toContain('Rate (%)');
    expect(svg).toContain('Channel');
    expect(svg).toContain('25.0%');
    expect(renderSvg(segmentKpiOption({ kpis, metrics: ['customers'] }, { ...kpiLabels, value: 'Customers' }, testCtx('nl', true)))).toContain('1.200');
    expectPlain(option);
  });
});
