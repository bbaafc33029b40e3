import { describe, expect, it } from 'vitest';
import { stickinessChartOption, type StickinessChartLabels } from '../../src/charts/stickiness-chart';
import type { StickinessMonth } from '../../src/metrics/stickiness';
import { expectPlain, fnAt, renderSvg, seriesOf, testCtx } from './harness';

const labels: StickinessChartLabels = { month: 'Month', ratio: 'Stickiness', dauMau: 'DAU/MAU', wauMau: 'WAU/MAU', incomplete: 'incomplete month' };

function month(m: string, dauMau: number | null, wauMau: number | null, complete = true): StickinessMonth {
  return { month: m, dauAvg: 0, wauAvg: 0, mau: 0, dauMau, wauMau, complete };
}

const months = [month('2024-01-01', 0.05, 0.3, false), month('2024-02-01', 0.125, 0.4), month('2024-03-01', null, null), month('2024-04-01', 0.1, 0.35, false)];

describe('stickinessChartOption', () => {
  const option = stickinessChartOption(months, labels, testCtx('nl'));
  const series = seriesOf(option);
  const values = (s: Record<string, unknown> | undefined) => (s?.data as unknown[]).map((d) => (d !== null && typeof d === 'object' ? (d as { value: unknown }).value : d));

  it('draws DAU/MAU and WAU/MAU, hollow for incomplete months', () => {
    expect(series.map((s) => [s.name, s.type])).toEqual([['DAU/MAU', 'line'], ['WAU/MAU', 'line']]);
    expect(values(series[0])).toEqual([0.05, 0.125, null, 0.1]);
    expect(values(series[1])).toEqual([0.3, 0.4, null, 0.35]);
    const data = series[0]?.data as unknown[];
    expect(data[0]).toMatchObject({ symbol: 'circle', itemStyle: { color: '#ffffff', borderWidth: 2 } });
    expect(data[1]).toBe(0.125);
  });

  it('formats the tooltip in Dutch and notes an incomplete month', () => {
    const tip = fnAt(option, 'tooltip.formatter');
    const html = tip([{ axisValueLabel: 'jan 2024', seriesName: 'DAU/MAU', marker: '', value: 0.125, dataIndex: 0 }]);
    expect(html).toMatch(/12,5\s?%/);
    expect(html).toContain('incomplete month');
    expect(tip([{ axisValueLabel: 'feb', seriesName: 'DAU/MAU', value: 0.125, dataIndex: 1 }])).not.toContain('incomplete');
  });

  it('keeps the hollow markers on long histories', () => {
    const many = Array.from({ length: 100 }, (_, i) => month(new Date(Date.UTC(2015, i, 1)).toISOString().slice(0, 10), 0.1, 0.3, i !== 99));
    const s = seriesOf(stickinessChartOption(many, labels, testCtx()))[0];
    expect(s?.symbol).toBe('none');
    expect((s?.data as unknown[])[99]).toMatchObject({ symbol: 'circle', itemStyle: { borderWidth: 2 } });
  });

  it('renders', () => {
    const svg = renderSvg(option);
    expect(svg).toContain('Stickiness (%)');
    expect(svg).toContain('WAU/MAU');
    expect(renderSvg(stickinessChartOption(months, labels, testCtx('en', true)))).toContain('DAU/MAU');
  });

  it('is plain data', () => expectPlain(option));
});

describe('hollow points in dark mode', () => {
  it('fill with the dark panel colour, not white', () => {
    const option = stickinessChartOption(months, labels, testCtx('en', true));
    const first = (seriesOf(option)[0]?.data as unknown[])[0] as { itemStyle: { color: string } };
    expect(first.itemStyle.color).not.toBe('#ffffff');
  });
});
