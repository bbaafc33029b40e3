import { describe, expect, it } from 'vitest';
import { qualityCsv, qualityRows } from '../../src/metrics/quality';
import { qualityChartOption } from '../../src/charts/quality-chart';
import { renderSvg, testCtx } from '../charts/harness';

// The Dutch fixture of the e2e test: 10 rows, 1 guest, 1 refund; a second file with 2 unreadable dates.
const files = [
  {
    fileName: 'webshop-nl.csv',
    report: { rowsRead: 10, rowsLoaded: 9, rowsNotRead: 0, notRead: [], rowsWithoutCustomer: 1, refundRows: 1, refundTotal: -8, customers: 4, dateStart: '2024-01-05', dateEnd: '2024-04-13' },
  },
  {
    fileName: 'b.csv',
    report: {
      rowsRead: 5,
      rowsLoaded: 3,
      rowsNotRead: 2,
      notRead: [{ reason: 'date not readable', count: 2, examples: [] }],
      rowsWithoutCustomer: 0,
      refundRows: 0,
      refundTotal: null,
      customers: 2,
      dateStart: null,
      dateEnd: null,
    },
  },
];

describe('data quality', () => {
  it('accounts for every row of every file', () => {
    const rows = qualityRows(files);
    for (const f of files) {
      const mine = rows.filter((r) => r.file === f.fileName);
      expect(mine.reduce((a, r) => a + r.rows, 0)).toBe(f.report.rowsRead);
      expect(mine.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 12);
    }
    // 10 rows = 8 analysed + 1 refund + 1 without customer.
    expect(rows.filter((r) => r.file === 'webshop-nl.csv').map((r) => [r.outcome, r.rows])).toEqual([
      ['analysed', 8],
      ['refund', 1],
      ['no-customer', 1],
    ]);
    expect(qualityCsv(rows).rows.at(-1)).toEqual(['b.csv', 'not-read', 'date not readable', 2, 0.4]);
  });

  it('draws one stacked bar per file', () => {
    const o = qualityChartOption(qualityRows(files), { rows: 'Rows', file: 'File', analysed: 'Analysed', refund: 'Refunds', noCustomer: 'No customer', notRead: 'Not read: ' }, testCtx()) as {
      series: { name: string; data: { value: number }[] }[];
    };
    expect(o.series.map((s) => s.name)).toEqual(['Analysed', 'Refunds', 'No customer', 'Not read: date not readable']);
    expect(o.series[0]?.data.map((d) => d.value)).toEqual([8, 3]);
    expect(renderSvg(o)).toContain('Not read: date not readable');
  });
});
