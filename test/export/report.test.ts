import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/export/report';

describe('saved report', () => {
  const html = reportHtml({
    title: 'Kohort report',
    generated: '22 Nov 2026',
    lang: 'en',
    settings: [['Cohort period', 'Month']],
    files: ['orders <2024>.csv'],
    keyFigures: '<dl><dt>Customers</dt><dd>12,938</dd></dl>',
    panels: [
      {
        id: 'cohorts',
        title: 'Cohort retention',
        definition: 'Share of each cohort…',
        images: ['data:image/png;base64,AAAA'],
        table: { columns: ['cohort', 'retention'], rows: [['2024-01-01', 1 / 3], ['=HYPERLINK("x")', null]] },
      },
    ],
  });

  it('is self-contained: no scripts, no external URLs, a CSP that forbids loading anything', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain("default-src 'none'; img-src data:");
  });

  it('shows settings, key figures, charts and tables with escaped text', () => {
    expect(html).toContain('<dt>Cohort period:</dt><dd>Month</dd>');
    expect(html).toContain('orders &lt;2024&gt;.csv');
    expect(html).toContain('<dd>12,938</dd>');
    expect(html).toContain('<img src="data:image/png;base64,AAAA"');
    expect(html).toContain('<td>0.3333</td>');
    expect(html).toContain('<td>=HYPERLINK(&quot;x&quot;)</td>');
  });
});
