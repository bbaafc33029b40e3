/**
 * Data quality: what happened to every row of every file. Nothing is dropped silently:
 * each row is analysed, excluded for a named reason, or counted as revenue-only.
 */
import type { LoadReport } from '../engine/ingest/types';
import type { CsvTable } from './types';

export type Outcome = 'analysed' | 'refund' | 'no-customer' | 'not-read';

export interface QualityRow {
  file: string;
  outcome: Outcome;
  /** The reason for rows not read (e.g. "date not readable"); null otherwise. */
  reason: string | null;
  rows: number;
  /** Share of the file's rows. */
  share: number;
}

export function qualityRows(files: { fileName: string; report: LoadReport }[]): QualityRow[] {
  return files.flatMap(({ fileName, report: r }) => {
    const total = r.rowsRead;
    const share = (n: number) => (total > 0 ? n / total : 0);
    // rowsLoaded counts refunds too: they are loaded, but only as revenue.
    const analysed = r.rowsLoaded - r.refundRows;
    const rows: QualityRow[] = [
      { file: fileName, outcome: 'analysed', reason: null, rows: analysed, share: share(analysed) },
      { file: fileName, outcome: 'refund', reason: null, rows: r.refundRows, share: share(r.refundRows) },
      { file: fileName, outcome: 'no-customer', reason: null, rows: r.rowsWithoutCustomer, share: share(r.rowsWithoutCustomer) },
      ...r.notRead.map((g) => ({ file: fileName, outcome: 'not-read' as const, reason: g.reason, rows: g.count, share: share(g.count) })),
    ];
    return rows;
  });
}

export function qualityCsv(rows: QualityRow[]): CsvTable {
  return {
    columns: ['file', 'outcome', 'reason', 'rows', 'share'],
    rows: rows.map((r) => [r.file, r.outcome, r.reason, r.rows, r.share]),
  };
}
