/**
 * Reading a VARCHAR column as dates with a chosen format, as SQL expressions.
 *
 * Each format is one regular expression whose groups are extracted once per value
 * (a struct with fields a, b, c = the three date parts in the format's order,
 * h, mi, s, f = time, p = AM/PM, z = offset). The timestamp is then built with
 * make_timestamp after range checks, so an impossible date (31-02, month 13) is NULL
 * without raising an error: errors caught per row are very slow in DuckDB-WASM.
 */
import { lit } from '../../metrics/sql';
import type { DateFormat } from './types';

/** Years a date may have: outside them a value is a typo or a placeholder, not an order date. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

export const DATE_FORMATS: DateFormat[] = ['yyyy-mm-dd', 'dd-mm-yyyy', 'mm-dd-yyyy', 'yyyymmdd', 'epoch-s', 'epoch-ms'];

const TIME =
  String.raw`(?:(?:[ T]+|\s*,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:([AaPp])\.?[Mm]\.?)?)?` +
  String.raw`\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$`;
const TIME_FIELDS = ['h', 'mi', 's', 'f', 'p', 'z'];

const PATTERN: Record<DateFormat, string> = {
  'yyyy-mm-dd': String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})` + TIME,
  'dd-mm-yyyy': String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})` + TIME,
  'mm-dd-yyyy': String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})` + TIME,
  yyyymmdd: String.raw`^(\d{4})(\d{2})(\d{2})` + TIME,
  'epoch-s': String.raw`^(\d{9,10})(?:\.\d+)?$`,
  'epoch-ms': String.raw`^(\d{12,13})$`,
};

/** Which struct field holds year, month and day. */
const PARTS: Record<DateFormat, { y: string; m: string; d: string } | null> = {
  'yyyy-mm-dd': { y: 'a', m: 'b', d: 'c' },
  'dd-mm-yyyy': { y: 'c', m: 'b', d: 'a' },
  'mm-dd-yyyy': { y: 'c', m: 'a', d: 'b' },
  yyyymmdd: { y: 'a', m: 'b', d: 'c' },
  'epoch-s': null,
  'epoch-ms': null,
};

const isEpoch = (f: DateFormat): boolean => PARTS[f] === null;

/** Formats whose shape matches at least one of the values (used on the head to limit the SQL work). */
export function plausibleDateFormats(values: string[]): DateFormat[] {
  return DATE_FORMATS.filter((f) => {
    const re = new RegExp(PATTERN[f]);
    return values.some((v) => re.test(v.trim()));
  });
}

export function looksLikeDate(v: string): boolean {
  return plausibleDateFormats([v]).some((f) => !isEpoch(f));
}

/** The struct of groups; '' fields when the value does not have the format's shape. */
export function dateExtractSql(value: string, f: DateFormat): string {
  const fields = isEpoch(f) ? ['a'] : ['a', 'b', 'c', ...TIME_FIELDS];
  return `regexp_extract(${value}, ${lit(PATTERN[f])}, [${fields.map(lit).join(', ')}])`;
}

/** Four-digit years MIN_YEAR..MAX_YEAR as a pattern (1900..2200: `19\d\d|20\d\d|21\d\d|2200`). */
function yearPattern(): string {
  const out: string[] = [];
  for (let y = MIN_YEAR; y <= MAX_YEAR; ) {
    const step = y % 100 === 0 && y + 99 <= MAX_YEAR ? 100 : y % 10 === 0 && y + 9 <= MAX_YEAR ? 10 : 1;
    out.push(String(y / step) + String.raw`\d`.repeat(Math.log10(step)));
    y += step;
  }
  return `(?:${out.join('|')})`;
}

const PART = String.raw`\d{1,2}`;

/**
 * The formats with a quick reading: strptime's fields and the patterns of the first and last
 * part, in the format's order; `t`: a 'T' may stand between date and time.
 */
const QUICK: Partial<Record<DateFormat, { fields: [string, string, string]; first: string; last: string; t: boolean }>> = {
  'yyyy-mm-dd': { fields: ['%Y', '%m', '%d'], first: yearPattern(), last: PART, t: true },
  'dd-mm-yyyy': { fields: ['%d', '%m', '%Y'], first: PART, last: yearPattern(), t: false },
  'mm-dd-yyyy': { fields: ['%m', '%d', '%Y'], first: PART, last: yearPattern(), t: false },
};

/**
 * The common shapes (`05-03-2024`, `3/13/2024 14:30`, `2024-03-05T14:30:00`) read with
 * strptime, which costs a fraction of the regular expression with groups: the local wall
 * clock, equal to dateLocalSql's, or NULL for every other value (offsets, AM/PM, fractions,
 * a year outside MIN_YEAR..MAX_YEAR, an impossible date), which the full expressions then
 * read. strptime is more lenient than the pattern (one-digit minutes, any whitespace) and a
 * failing try_strptime costs about ten times a successful one, so a value is handed to it
 * only when a pattern without groups says it has exactly one of these shapes, and with the
 * one format that fits it. `value` is evaluated several times: pass a column.
 * NULL::TIMESTAMP for formats without a quick reading (yyyymmdd, epoch numbers).
 */
export function dateQuickSql(value: string, f: DateFormat): string {
  const q = QUICK[f];
  if (!q) return 'NULL::TIMESTAMP';
  const shape =
    q.first + String.raw`(?:-${PART}-|/${PART}/|\.${PART}\.)` + q.last + (q.t ? '(?:(?: +|T)' : '(?: +') + String.raw`\d{1,2}:\d{2}(?::\d{2})?)?`;
  const read = (fmt: string): string => `try_strptime(${value}, ${lit(fmt)})`;
  const withTime = (date: string, time: string): string =>
    q.t ? `CASE WHEN contains(${value}, 'T') THEN ${read(date + 'T' + time)} ELSE ${read(date + ' ' + time)} END` : read(date + ' ' + time);
  const bySeparator = (sep: string): string => {
    const date = q.fields.join(sep);
    // After the first ':' come either minutes (2 characters) or minutes and seconds (5).
    return `CASE WHEN NOT contains(${value}, ':') THEN ${read(date)}
        WHEN length(${value}) - strpos(${value}, ':') = 2 THEN ${withTime(date, '%H:%M')}
        ELSE ${withTime(date, '%H:%M:%S')} END`;
  };
  return `(CASE WHEN regexp_full_match(${value}, ${lit(shape)}) THEN
      CASE WHEN contains(${value}, '-') THEN ${bySeparator('-')}
        WHEN contains(${value}, '/') THEN ${bySeparator('/')}
        ELSE ${bySeparator('.')} END END)`;
}

const int = (x: string, field: string): string => `CAST(nullif(${x}.${field}, '') AS INTEGER)`;

/**
 * The extracted groups as numbers: y, m, d, h (24-hour), mi, s (with fraction),
 * off (offset minutes east of UTC, NULL when none) and ep (the instant of an epoch
 * number, NULL otherwise). Computed once per value so later checks are cheap.
 */
export function datePartsSql(x: string, f: DateFormat): string {
  const p = PARTS[f];
  if (!p) {
    const [lo, hi, scale] = f === 'epoch-s' ? [631152000, 4102444800, 1000000] : [631152000000, 4102444800000, 1000];
    // Epoch numbers only count between 1990 and 2100, so that numeric ids are not read as instants.
    const n = `CAST(nullif(${x}.a, '') AS BIGINT)`;
    return `struct_pack(y := NULL::INTEGER, m := NULL::INTEGER, d := NULL::INTEGER, h := 0, mi := 0, s := 0.0::DOUBLE, off := NULL::INTEGER,
      ep := CASE WHEN ${n} BETWEEN ${lo} AND ${hi} THEN make_timestamp(${n} * ${scale}) END)`;
  }
  const rawH = `coalesce(${int(x, 'h')}, 0)`;
  const h = `CASE WHEN upper(${x}.p) = 'P' THEN ${rawH} % 12 + 12 WHEN upper(${x}.p) = 'A' THEN ${rawH} % 12 ELSE ${rawH} END`;
  const frac = `coalesce(CAST(nullif('0.' || ${x}.f, '0.') AS DOUBLE), 0)`;
  const off = `CASE WHEN upper(${x}.z) IN ('Z', 'UTC', 'GMT') THEN 0
      WHEN ${x}.z <> '' THEN (CASE WHEN ${x}.z[1] = '-' THEN -1 ELSE 1 END)
        * (CAST(${x}.z[2:3] AS INTEGER) * 60 + coalesce(CAST(nullif(replace(${x}.z[4:], ':', ''), '') AS INTEGER), 0)) END`;
  return `struct_pack(y := ${int(x, p.y)}, m := ${int(x, p.m)}, d := ${int(x, p.d)}, h := ${h}, mi := coalesce(${int(x, 'mi')}, 0),
      s := coalesce(${int(x, 's')}, 0) + ${frac}, off := ${off}, ep := NULL::TIMESTAMP)`;
}

/** The parts `p` form a real calendar date and time. */
function wallClockValid(p: string): string {
  const leap = `((${p}.y % 4 = 0 AND ${p}.y % 100 <> 0) OR ${p}.y % 400 = 0)`;
  // 31 for Jan, Mar, May, Jul, Aug, Oct, Dec; 30 for the other months except February.
  const dim = `(CASE WHEN ${p}.m = 2 THEN 28 + CAST(${leap} AS INTEGER) ELSE 31 - (${p}.m - 1) % 7 % 2 END)`;
  return `(${p}.y BETWEEN ${MIN_YEAR} AND ${MAX_YEAR} AND ${p}.m BETWEEN 1 AND 12 AND ${p}.d BETWEEN 1 AND ${dim} AND ${p}.h < 24 AND ${p}.mi < 60 AND ${p}.s < 60)`;
}

const wallClock = (p: string): string => `make_timestamp(${p}.y, ${p}.m, ${p}.d, ${p}.h, ${p}.mi, ${p}.s)`;

/** Local wall-clock TIMESTAMP for values without an offset; NULL for instants and unreadable values. */
export function dateLocalSql(p: string): string {
  return `(CASE WHEN ${p}.off IS NULL AND ${p}.ep IS NULL AND ${wallClockValid(p)} THEN ${wallClock(p)} END)`;
}

/** UTC TIMESTAMP for values that are instants (offset given, or epoch numbers); NULL otherwise. */
export function dateUtcSql(p: string): string {
  return `(CASE WHEN ${p}.ep IS NOT NULL THEN ${p}.ep WHEN ${p}.off IS NOT NULL AND ${wallClockValid(p)} THEN ${wallClock(p)} - to_minutes(${p}.off) END)`;
}

/** The value was read (as local time or as an instant). */
export function dateReadSql(p: string): string {
  return `(${p}.ep IS NOT NULL OR ${wallClockValid(p)})`;
}

/** The value was read and is an instant. */
export function dateInstantSql(p: string): string {
  return `(${p}.ep IS NOT NULL OR (${p}.off IS NOT NULL AND ${wallClockValid(p)}))`;
}
