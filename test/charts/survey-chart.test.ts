import { describe, expect, it } from 'vitest';
import { surveyChartOption, type SurveyChartLabels } from '../../src/charts/survey-chart';
import type { SurveyRow } from '../../src/metrics/survey';
import { expectPlain, fnAt, renderSvg, seriesOf, svgText, testCtx } from './harness';

const labels: SurveyChartLabels = { period: 'Month', nps: 'NPS', csat: 'CSAT', ces: 'CES (1–7)', responses: 'responses', incomplete: 'incomplete' };

function row(periodStart: string | null, segment: string, nps: number | null, csat: number | null, ces: number | null, complete = true, responses = 10): SurveyRow {
  return { periodStart, segment, responses, nps, csat, ces, complete };
}

// The '(all)' rows of Jan–Mar are drawn; the whole-range row (null period) and the 'web' rows are not.
const rows = [
  row(null, '(all)', 20, 80, 5.5),
  row('2024-02-01', '(all)', -12.5, 75, null),
  row('2024-01-01', '(all)', 30, 82, null, true, 1234),
  row('2024-03-01', '(all)', null, 90, null, false),
  row('2024-01-01', 'web', 50, 99, null),
];

describe('surveyChartOption', () => {
  const option = surveyChartOption({ rows, grain: 'month' }, labels, testCtx('nl'));
  const series = seriesOf(option);
  const values = (s: Record<string, unknown> | undefined) => (s?.data as unknown[]).map((d) => (d !== null && typeof d === 'object' ? (d as { value: unknown }).value : d));

  it('draws one line per scale present, in period order', () => {
    expect(series.map((s) => s.name)).toEqual(['NPS', 'CSAT']);
    expect(values(series[0])).toEqual([30, -12.5, null]);
    expect(values(series[1])).toEqual([82, 75, 90]);
    expect((series[1]?.data as unknown[])[2]).toMatchObject({ symbol: 'circle', itemStyle: { borderWidth: 2 } });
  });

  it('puts NPS and CSAT on one −100…100 axis with a zero line for NPS', () => {
    const axes = option.yAxis as { min: number; max: number; name: string }[];
    expect(axes).toHaveLength(1);
    expect([axes[0]?.min, axes[0]?.max]).toEqual([-100, 100]);
    expect(axes[0]?.name).toBe('NPS · CSAT (%)');
    expect((series[0]?.markLine as { data: { yAxis: number }[] }).data).toEqual([{ yAxis: 0 }]);
  });

  it('gives CES its own axis', () => {
    const withCes = surveyChartOption({ rows: [...rows, row('2024-04-01', '(all)', 10, 70, 4.25)], grain: 'month' }, labels, testCtx());
    const s = seriesOf(withCes);
    expect(s.map((x) => [x.name, x.yAxisIndex])).toEqual([['NPS', 0], ['CSAT', 0], ['CES (1–7)', 1]]);
    expect((withCes.yAxis as { min: number; max: number }[])[1]).toMatchObject({ min: 1, max: 7 });
    const onlyCes = surveyChartOption({ rows: [row('2024-01-01', '(all)', null, null, 3)], grain: 'month' }, labels, testCtx());
    expect(seriesOf(onlyCes).map((x) => x.yAxisIndex)).toEqual([0]);
  });

  it('draws a chosen segment', () => {
    expect(values(seriesOf(surveyChartOption({ rows, grain: 'month', segment: 'web' }, labels, testCtx()))[0])).toEqual([50]);
  });

  it('formats each scale in the tooltip, with responses', () => {
    const html = fnAt(option, 'tooltip.formatter')([
      { axisValueLabel: 'jan 2024', seriesName: 'NPS', value: 30, dataIndex: 0, marker: '' },
      { axisValueLabel: 'jan 2024', seriesName: 'CSAT', value: 82.5, dataIndex: 0, marker: '' },
    ]);
    expect(html).toContain('NPS: <b>+30</b>');
    expect(html).toMatch(/CSAT: <b>83\s?%<\/b>/);
    expect(html).toContain('1.234 responses');
    const last = fnAt(option, 'tooltip.formatter')([{ axisValueLabel: 'mrt', seriesName: 'NPS', value: null, dataIndex: 2 }]);
    expect(last).toContain('NPS: <b>–</b>');
    expect(last).toContain('incomplete');
  });

  it('renders', () => {
    const svg = renderSvg(option);
    expect(svg).toContain(svgText('NPS · CSAT (%)'));
    const ces = renderSvg(surveyChartOption({ rows: [...rows, row('2024-04-01', '(all)', 10, 70, 4.25)], grain: 'month' }, labels, testCtx('en', true)));
    expect(ces).toContain(svgText('CES (1–7)'));
    expect(renderSvg(surveyChartOption({ rows: [], grain: 'month' }, labels, testCtx()))).toContain('Month');
  });

  it('is plain data', () => expectPlain(option));
});
