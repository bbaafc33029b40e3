/**
 * Reading a VARCHAR column as amounts, as SQL expressions. One regular expression
 * splits a value into sign, digits and an optional currency (`€ 12,50`, `$1,234.00`,
 * `12,50 EUR`, `(12.50)`, `12,50-`); the digits must then be grouped correctly for the
 * chosen decimal mark, so `12.5` in a decimal-comma column is unreadable, never 125.
 */
import { lit } from '../../metrics/sql';
import type { FormatChoices } from './types';

const CURRENCY = String.raw`(?:[€$£¥₹]|EUR|USD|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK|kr|Kr|zł|Fr\.?)`;
/** Groups: sg = leading sign or '(', sg2 = sign after the currency, b = digits, cp = ')', tr = trailing '-'. */
const MONEY =
  String.raw`^([-+(])?\s*` + CURRENCY + String.raw`?\s*([-+])?\s*(\d[\d.,' \u00a0\u202f]*?)\s*` + CURRENCY + String.raw`?\s*(\))?\s*(-)?$`;
const MONEY_FIELDS = ['sg', 'sg2', 'b', 'cp', 'tr'];

const MONEY_JS = new RegExp(MONEY.replace(String.raw`\u00a0\u202f`, '\u00a0\u202f'));

export function looksLikeNumber(v: string): boolean {
  return MONEY_JS.test(v.trim());
}

/**
 * Plain numbers (`12`, `-3.5`, `00042`) skip the full expression: most values are
 * plain and the full one costs a few microseconds per value in the wasm build.
 */
export function moneyExtractSql(value: string): string {
  const full = `regexp_extract(${value}, ${lit(MONEY.replace(String.raw`\u00a0\u202f`, '\u00a0\u202f'))}, [${MONEY_FIELDS.map(lit).join(', ')}])`;
  const plain = `struct_pack(sg := CASE WHEN starts_with(${value}, '-') THEN '-' ELSE '' END, sg2 := '', b := ltrim(${value}, '-'), cp := '', tr := '')`;
  return `(CASE WHEN regexp_full_match(${value}, ${lit(String.raw`-?\d+(?:[.,]\d+)?`)}) THEN ${plain} ELSE ${full} END)`;
}

const esc = (ch: string): string => (ch === '.' ? String.raw`\.` : ch);

/**
 * Plain numbers in the chosen decimal mark (`12`, `-3,5`, `00042`) as DOUBLE, NULL for
 * every other value, which moneyExtractSql and moneyValueSql then read (with the same
 * result for a plain number). A mark that is also the thousands separator is left to
 * them. `value` is evaluated twice: pass a column.
 */
export function amountQuickSql(value: string, f: Pick<FormatChoices, 'decimalMark' | 'thousandsSeparator'>): string {
  const mark = f.decimalMark !== f.thousandsSeparator;
  const pattern = String.raw`-?\d+` + (mark ? `(?:${esc(f.decimalMark)}` + String.raw`\d+)?` : '');
  const text = mark && f.decimalMark !== '.' ? `replace(${value}, ${lit(f.decimalMark)}, '.')` : value;
  return `(CASE WHEN regexp_full_match(${value}, ${lit(pattern)}) THEN CAST(${text} AS DOUBLE) END)`;
}

/** Digits with the thousands separator between groups of three and the decimal mark once. */
function strictPattern(f: Pick<FormatChoices, 'decimalMark' | 'thousandsSeparator'>): string {
  const dec = esc(f.decimalMark) + String.raw`\d+`;
  const plain = String.raw`\d+(?:` + dec + ')?';
  if (!f.thousandsSeparator) return plain;
  return String.raw`\d{1,3}(?:` + esc(f.thousandsSeparator) + String.raw`\d{3})+(?:` + dec + ')?|' + plain;
}

/** DOUBLE value of an extracted money struct `x`, NULL when unreadable or empty. */
export function moneyValueSql(x: string, f: Pick<FormatChoices, 'decimalMark' | 'thousandsSeparator'>): string {
  const body = `regexp_replace(${x}.b, ${lit("[\\s'\u00a0\u202f]")}, '', 'g')`;
  let digits = body;
  if (f.thousandsSeparator) digits = `replace(${digits}, ${lit(f.thousandsSeparator)}, '')`;
  if (f.decimalMark !== '.') digits = `replace(${digits}, ${lit(f.decimalMark)}, '.')`;
  const sign = `(CASE WHEN ${x}.sg IN ('-', '(') OR ${x}.sg2 = '-' OR ${x}.tr = '-' THEN -1 ELSE 1 END)`;
  return `(CASE WHEN ${x}.b <> '' AND (${x}.sg = '(') = (${x}.cp = ')') AND regexp_full_match(${body}, ${lit(strictPattern(f))})
    THEN ${sign} * CAST(${digits} AS DOUBLE) END)`;
}

/** Detection: evidence that `x` (a money struct) uses a decimal comma / a decimal point. */
export function commaDecimalSql(x: string): string {
  return `(CASE WHEN contains(${x}.b, ',') THEN regexp_matches(${x}.b, ${lit(String.raw`,\d{1,2}$|,\d{4,}$|\.\d{3},\d|^0,\d`)}) ELSE false END)`;
}

export function pointDecimalSql(x: string): string {
  return `(CASE WHEN contains(${x}.b, '.') THEN regexp_matches(${x}.b, ${lit(String.raw`\.\d{1,2}$|\.\d{4,}$|,\d{3}\.\d|^0\.\d`)}) ELSE false END)`;
}

/** Whole numbers (for survey scales), NULL otherwise. */
export function wholeNumberSql(x: string): string {
  return `(CASE WHEN length(${x}.b) BETWEEN 1 AND 6 THEN TRY_CAST(${x}.b AS INTEGER) END)`;
}
