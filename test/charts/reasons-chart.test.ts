import { describe, expect, it } from 'vitest';
import { reasonsChartOption, topReasons, type ReasonsChartLabels } from '../../src/charts/reasons-chart';
import type { ReasonRow } from '../../src/metrics/reasons';
import { expectPlain, fnAt, renderSvg, seriesOf, svgText, testCtx } from './harness';

const labels: ReasonsChartLabels = { reason: 'Reason', responses: 'Responses', other: 'Other reasons' };

function r(reason: string, responses: number, share: number, periodStart: string | null = null, segment = '(all)'): ReasonRow {
  return { periodStart, segment, reason, responses, share };
}

// Whole range, all customers: 40 responses. Sorted: Too expensive 20 (50 %), Moved 10 (25 %), Quality 6, Other shop 4.
const rows = [
  r('Moved', 10, 0.25), r('Too expensive', 20, 0.5), r('Other shop', 4, 0.1), r('Quality <bad>', 6, 0.15),
  r('Too expensive', 3, 1, '2024-01-01'), r('Moved', 9, 1, null, 'web'),
];

describe('reasonsChartOption', () => {
  const option = reasonsChartOption({ rows }, labels, testCtx('nl'));
  const [bars] = seriesOf(option);

  it('sorts reasons by count, largest on top', () => {
    expect((option.yAxis as { data: string[]; inverse: boolean }).data).toEqual(['Too expensive', 'Moved', 'Quality <bad>', 'Other shop']);
    expect((option.yAxis as { inverse: boolean }).inverse).toBe(true);
    expect((bars?.data as { value: number }[]).map((d) => d.value)).toEqual([20, 10, 6, 4]);
  });

  it('groups the tail beyond maxReasons: 6 + 4 = 10 responses, 25 %', () => {
    expect(topReasons({ rows, maxReasons: 3 }, 'Other reasons')).toEqual([
      { reason: 'Too expensive', responses: 20, share: 0.5 },
      { reason: 'Moved', responses: 10, share: 0.25 },
      { reason: 'Other reasons', responses: 10, share: 0.25 },
    ]);
    expect(topReasons({ rows, periodStart: '2024-01-01' }, 'x')).toEqual([{ reason: 'Too expensive', responses: 3, share: 1 }]);
    expect(topReasons({ rows, segment: 'web' }, 'x').map((x) => x.reason)).toEqual(['Moved']);
  });

  it('shows count and share in the tooltip, escaped and localised', () => {
    const html = fnAt(option, 'tooltip.formatter')([{ name: 'Quality <bad>', marker: '', data: (bars?.data as unknown[])[2] }]);
    expect(html).toContain('Quality &lt;bad&gt;');
    expect(html).toMatch(/<b>6<\/b> Responses \(15,0\s?%\)/);
  });

  it('renders', () => {
    const svg = renderSvg(option);
    expect(svg).toContain('Responses');
    expect(svg).toContain(svgText('Quality <bad>'));
    expect(renderSvg(reasonsChartOption({ rows, maxReasons: 2 }, labels, testCtx('en', true)))).toContain('Other reasons');
  });

  it('is plain data', () => expectPlain(option));
});
