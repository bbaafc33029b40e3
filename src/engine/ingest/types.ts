/** The ingest layer's vocabulary: what a dropped file turned out to be, and how it was read. */

export type Role =
  | 'customer'
  | 'date'
  | 'amount'
  | 'quantity'
  | 'unit_price'
  | 'cost'
  | 'margin'
  | 'order_id'
  | 'cancel_marker'
  | 'segment'
  | 'start_date'
  | 'end_date'
  | 'score'
  | 'reason'
  | 'ignore';

export type Shape = 'activity' | 'subscriptions' | 'customers' | 'survey';

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** `whitespace` = columns aligned with runs of spaces or tabs (fixed-width style exports). */
export type Delimiter = ',' | ';' | '\t' | '|' | 'whitespace';

/**
 * How a date column is read. Separators `-`, `/` and `.` are all accepted, and an
 * optional time (`10:15`, `10:15:00.5`, `8:26 PM`) and offset (`Z`, `+01:00`) may follow.
 * `dd-mm-yyyy` and `mm-dd-yyyy` differ only in which part is the day.
 */
export type DateFormat = 'yyyy-mm-dd' | 'dd-mm-yyyy' | 'mm-dd-yyyy' | 'yyyymmdd' | 'epoch-s' | 'epoch-ms';

export type Scale = 'nps' | 'csat' | 'ces';

export interface FormatChoices {
  encoding: Encoding;
  delimiter: Delimiter;
  hasHeader: boolean;
  decimalMark: '.' | ',';
  /** '' = none; spaces and apostrophes between digit groups are always accepted. */
  thousandsSeparator: '.' | ',' | '';
  /** Used for a `dd-mm-yyyy`/`mm-dd-yyyy` column that no value settles. */
  dayFirst: boolean;
  /** Per column key (c1, c2, …): how its dates are read. */
  dateFormats: Record<string, DateFormat>;
  /** Order ids starting with this text are cancellations (Online Retail's `C536379`); null = none. */
  cancelPrefix: string | null;
}

/** Whole-column counts from the detection pass. */
export interface ColumnStats {
  nonEmpty: number;
  /** Approximate (HyperLogLog) distinct count of non-empty values. */
  distinct: number;
  /** Values each date format reads (only formats the head made plausible are counted). */
  dateCounts: Partial<Record<DateFormat, number>>;
  /** Date values carrying an offset (`Z`, `+01:00`) or epoch numbers: instants, converted to the dashboard zone. */
  withOffset: number;
  /** Values that look like a number or an amount (`€ 12,50`, `(12.50)`, `1.234`). */
  numeric: number;
  /** Evidence for a decimal comma (`12,50`, `1.234,5`) and for a decimal point (`12.50`, `1,234.5`). */
  commaDecimal: number;
  pointDecimal: number;
  /** Smallest and largest whole-number value (for survey scales); null when none. */
  intMin: number | null;
  intMax: number | null;
  /** Values containing a cancellation word (geannuleerd, cancelled, refund, retour, credit, …). */
  cancelWords: number;
  /** Values of the shape `C123` (cancel prefix) and of the shape `123`. */
  prefixC: number;
  digitsOnly: number;
  /** Values containing a line break (a sign of an unclosed quote). */
  multiline: number;
}

export interface ColumnInfo {
  /** Column name in the raw table: c1, c2, … */
  key: string;
  /** Header text, or `column N` when the file has no header. */
  name: string;
  role: Role;
  /** Up to 5 distinct non-empty values from the start of the file. */
  samples: string[];
  distinct: number;
  stats: ColumnStats;
}

export interface Source {
  id: string;
  fileName: string;
  bytes: number;
  shape: Shape;
  format: FormatChoices;
  columns: ColumnInfo[];
  /** Records read into the raw table (after the header; blank lines skipped). */
  rawRows: number;
  /** Records DuckDB could not split into the expected columns (kept aside with their text). */
  rejectedLines: number;
  /** Some date column has no value that tells day-first from month-first; day-first was assumed. */
  ambiguousDate: boolean;
  /** Roles came from recognised headers and formats were settled by the values. */
  confident: boolean;
  /** Survey scale (survey shape only). */
  scale: Scale | null;
  /** Raw table name (all VARCHAR); re-building with new roles or formats reads only this. */
  rawTable: string;
  /** Statements that read the file into the raw table again, when a large file's raw table was dropped after its build. */
  rawAgain: string[];
  /** Typed table name, set once built: events_<id>, subscriptions_<id>, customer_attrs_<id> or survey_<id>. */
  table: string | null;
  /** Formats and roles were chosen from a sample of the rows (a large file). */
  sampled?: boolean;
}

/** What the user may change after detection. Encoding, delimiter and hasHeader need openSource again. */
export interface Overrides {
  format?: Partial<FormatChoices>;
  /** Per column key. */
  roles?: Record<string, Role>;
  shape?: Shape;
  scale?: Scale;
}

export interface NotReadGroup {
  reason: string;
  count: number;
  examples: { row: number; text: string }[];
}

export interface LoadReport {
  /** Data records in the file (loaded + not read + without customer). */
  rowsRead: number;
  rowsLoaded: number;
  rowsNotRead: number;
  notRead: NotReadGroup[];
  rowsWithoutCustomer: number;
  refundRows: number;
  refundTotal: number | null;
  customers: number;
  dateStart: string | null;
  dateEnd: string | null;
}
