/**
 * The hostile-file corpus (scripts/make-hostile.mjs) and what each file must end in:
 * an analysis with these numbers, or a refusal whose message holds these fragments.
 * Shared by test/ingest/hostile.test.ts (Node, through loadFile) and
 * test/e2e/hostile.e2e.ts (the running app).
 */
import { join } from 'node:path';
// @ts-expect-error -- a plain ES module script without type declarations
import { ensureGenerated as ensure, HOSTILE_DIR } from '../../scripts/make-hostile.mjs';

export const ensureGenerated = ensure as () => string;
export const hostilePath = (f: string): string => join(HOSTILE_DIR as string, f);
export const baseName = (f: string): string => f.replace(/^generated\//, '');

export interface Analysed {
  /** Data records in the file, customers, rows set aside with a reason. */
  rows: number;
  customers: number;
  notRead: number;
  withoutCustomer?: number;
  refunds?: number;
  /** Sum of the typed table's amount (activity) or mrr (subscriptions). */
  revenue?: number;
  /** Text the load summary must contain (a reason for rows not read). */
  reason?: string;
}

export interface Refused {
  /** Fragments the alert must contain besides the file name. */
  alert: string[];
}

export type Outcome = Analysed | Refused;
export const refused = (o: Outcome): o is Refused => 'alert' in o;

const EXPORT_AGAIN = 'Export';
const NOT_CSV = 'not a CSV or text export';
const DATE_HINT = 'between 1900 and 2200';

/** File (under test/fixtures/hostile, `generated/` for the large ones) → expected outcome. */
export const CASES: [string, Outcome][] = [
  ['empty.csv', { alert: ['the file is empty', EXPORT_AGAIN] }],
  ['header-only.csv', { alert: ['has a header but no rows', EXPORT_AGAIN] }],
  ['bom-only.csv', { alert: ['has no rows', EXPORT_AGAIN] }],
  ['one-column.csv', { alert: ['only one column ("customer_id")', 'needs a customer id and a date'] }],
  ['png-renamed.csv', { alert: ['a PNG image', NOT_CSV, 'Save or export the data as CSV'] }],
  ['zip-renamed.csv', { alert: ['a ZIP archive', NOT_CSV] }],
  ['xlsx-renamed.csv', { alert: ['an Excel workbook (.xlsx)', NOT_CSV, 'as CSV'] }],
  ['gzip-renamed.csv', { alert: ['a gzip archive', NOT_CSV] }],
  ['nul-byte.csv', { alert: ['binary data (it contains NUL bytes)', NOT_CSV] }],
  ['html-saved-as.csv', { alert: ['a web page (HTML)', NOT_CSV, 'Export the data as CSV'] }],
  ['json-saved-as.csv', { alert: ['this is JSON', NOT_CSV] }],
  ['generated/5000-columns.csv', { alert: ['5,000 columns', 'up to 1,000', 'only the columns needed'] }],
  ['dates-unparseable.csv', { alert: ['column "order_date" holds no dates', '"yesterday"', DATE_HINT] }],
  ['dates-before-1900.csv', { alert: ['column "order_date" holds no dates', '"1850-01-05"', DATE_HINT] }],
  ['excel-serial-dates.csv', { alert: ['column "order_date" holds no dates', '"45296"', 'Excel date numbers'] }],
  ['ids-all-empty.csv', { alert: ['customer id column "customer_id" is empty in all 4 rows', 'filled in'] }],
  // 2 BOM-marked UTF-16 files, Windows-1252 with €: Zoë 12,50 + 5,00, Chloé 7,50.
  ['utf16le-bom.csv', { rows: 3, customers: 2, notRead: 0, revenue: 25 }],
  ['utf16be-bom.csv', { rows: 3, customers: 2, notRead: 0, revenue: 25 }],
  ['windows-1252-euro.csv', { rows: 3, customers: 2, notRead: 0, revenue: 1020 }],
  // \r\n, \n and a lone \r in one file: 4 rows, 50.
  ['mixed-line-endings.csv', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  // The quote opened in row 2 never closes: rows 3 and 4 are reported, not silently lost.
  ['unterminated-quote.csv', { rows: 4, customers: 2, notRead: 2, revenue: 25, reason: 'unclosed quote' }],
  ['generated/quoted-newlines-after-50000.csv', { rows: 60000, customers: 1000, notRead: 0, revenue: 60000 }],
  ['dates-two-formats.csv', { rows: 8, customers: 4, notRead: 2, revenue: 70, reason: 'date not readable' }],
  ['future-dates.csv', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  ['single-customer.csv', { rows: 4, customers: 1, notRead: 0, revenue: 50 }],
  ['single-day.csv', { rows: 5, customers: 4, notRead: 0, revenue: 52.5 }],
  ['duplicate-headers.csv', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  ['dutch-accented-header.csv', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  // € 12,50 + € 1.234,50 + € 3,00 + € 0,50; $1,234.00 + $15.50 + $2,000.50 + $0.50.
  ['currency-euro.csv', { rows: 4, customers: 3, notRead: 0, revenue: 1250.5 }],
  ['currency-dollar.csv', { rows: 4, customers: 3, notRead: 0, revenue: 3250.5 }],
  ['negative-amounts-only.csv', { rows: 4, customers: 3, notRead: 0, refunds: 4, revenue: -50 }],
  // Positive amounts marked refund/cancelled count as negative.
  ['refunds-only.csv', { rows: 4, customers: 3, notRead: 0, refunds: 4, revenue: -50 }],
  ['long-header.csv', { rows: 3, customers: 2, notRead: 0, revenue: 30 }],
  ['trailing-delimiters.csv', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  ['header-empty-names.csv', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  // "12,50", "7,50", "1.000,00", "0,50" quoted in a comma file, notes full of semicolons.
  ['semicolons-in-quoted-amounts.csv', { rows: 4, customers: 3, notRead: 0, revenue: 1020.5 }],
  ['blank-lines-everywhere.csv', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  ['tab-quoted-tabs.tsv', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  ['ids-scientific.csv', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  ['zero-dates.csv', { rows: 5, customers: 2, notRead: 2, revenue: 35, reason: 'date not readable' }],
  ['impossible-dates.csv', { rows: 5, customers: 2, notRead: 2, revenue: 35, reason: 'date not readable' }],
  ['timezone-plus14.csv', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  ['customers-only.csv', { rows: 6, customers: 6, notRead: 0 }],
  // NPS 11, -1 and 42 are outside 0–10.
  ['survey-out-of-range.csv', { rows: 6, customers: 3, notRead: 3, reason: 'score outside the 0–10 scale' }],
  // S2 and S4 end before they start; S1 + S3 = 29 + 29 mrr.
  ['subscription-end-before-start.csv', { rows: 4, customers: 2, notRead: 2, revenue: 58, reason: 'end date before start date' }],
  ["klanten 'Q1' ü.csv", { rows: 8, customers: 4, notRead: 0, revenue: 100 }],
  ['fixed-width.txt', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  ['generated/very-long-line.csv', { rows: 4, customers: 3, notRead: 0, revenue: 50 }],
  ['formula-injection.csv', { rows: 6, customers: 5, notRead: 0, revenue: 53 }],
];

