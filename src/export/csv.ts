/** CSV text of a metric export: comma-separated, '.' decimals, unrounded numbers, ISO dates, UTF-8. */
import type { CsvTable } from '../metrics/types';

type Value = CsvTable['rows'][number][number];

// A cell starting with one of these is run as a formula by spreadsheet programs.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let text = v;
  // Neutralise formula injection: numbers written as text (e.g. "-12.5") stay as they are.
  if (FORMULA_START.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text;
}

export function toCsv(table: CsvTable): string {
  const lines = [table.columns.map(csvCell).join(',')];
  for (const row of table.rows) lines.push(row.map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}
