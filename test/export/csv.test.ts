import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/export/csv';

describe('csv export', () => {
  it('writes unrounded numbers, booleans, empty for null, and quotes only when needed', () => {
    const text = toCsv({
      columns: ['cohort', 'retention', 'complete', 'note'],
      rows: [
        ['2024-01-01', 1 / 3, true, 'a, "b"'],
        ['2024-02-01', null, false, 'line\nbreak'],
      ],
    });
    expect(text).toBe(
      'cohort,retention,complete,note\r\n' +
        '2024-01-01,0.3333333333333333,true,"a, ""b"""\r\n' +
        '2024-02-01,,false,"line\nbreak"\r\n',
    );
  });

  it('neutralises spreadsheet formulas but keeps negative numbers written as text', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell(-12.5)).toBe('-12.5');
  });
});
