/**
 * The typed pass: raw VARCHAR rows → typed values plus, for every row that cannot
 * be used, the reason why (`_why`). One scan of the raw table, in nested SELECTs so
 * that each regular expression runs once per value:
 *   1. trimmed values,
 *   2. the quick readings of common dates and plain numbers (dateQuickSql, amountQuickSql),
 *   3. for the values they did not read, extracted date/money structs,
 *   4. and the date parts as numbers,
 *   5. parsed dates (local wall clock or UTC instant) and numbers,
 *   6. the shape's fields and `_why`.
 * A CASE branch is evaluated only for the rows that reach it, so the extractions (the
 * costly part) run only where the quick readings gave NULL.
 * The final table (finalSql) then drops the unusable rows and converts instants to
 * the dashboard's time zone.
 */
import { ident, lit } from '../../metrics/sql';
import { dateExtractSql, dateLocalSql, datePartsSql, dateQuickSql, dateUtcSql } from './dates';
import { CANCEL_WORDS } from './names';
import { amountQuickSql, moneyExtractSql, moneyValueSql } from './numbers';
import type { ColumnInfo, DateFormat, Role, Shape, Source } from './types';
import { cellValueSql } from './values';

export const NO_CUSTOMER = 'no customer id';

const NUMBER_ROLES: Role[] = ['amount', 'quantity', 'unit_price', 'cost', 'margin', 'score'];

export function typedTableName(s: Source): string {
  return `typed_${s.id}`;
}

export function finalTableName(s: Source): string {
  const prefix: Record<Shape, string> = { activity: 'events', subscriptions: 'subscriptions', customers: 'customer_attrs', survey: 'survey' };
  return `${prefix[s.shape]}_${s.id}`;
}

/** Name of a segment column in the per-source table, by raw column key. */
export function segmentColumn(key: string): string {
  return `seg_${key}`;
}

const v = (k: string): string => ident(`v_${k}`);
const q = (k: string): string => ident(`q_${k}`);
const x = (k: string): string => `x_${k}`;
const m = (k: string): string => `m_${k}`;
const pt = (k: string): string => `p_${k}`;
const a = (k: string): string => ident(`a_${k}`);
const l = (k: string): string => ident(`l_${k}`);
const u = (k: string): string => ident(`u_${k}`);

/** Date roles the shape uses, in order. */
export function dateRoles(shape: Shape): Role[] {
  if (shape === 'activity' || shape === 'survey') return ['date'];
  if (shape === 'subscriptions') return ['start_date', 'end_date'];
  return [];
}

/**
 * `quick: false` reads every value with the full expressions only (what the quick
 * readings must agree with).
 */
export function typedSql(s: Source, { quick = true }: { quick?: boolean } = {}): string {
  const byRole = (r: Role): ColumnInfo | undefined => s.columns.find((c) => c.role === r);
  const used = s.columns.filter((c) => c.role !== 'ignore');
  const dateCols = dateRoles(s.shape).flatMap((r) => byRole(r) ?? []);
  const numberCols = used.filter((c) => NUMBER_ROLES.includes(c.role));
  const fmt = (c: ColumnInfo): DateFormat => s.format.dateFormats[c.key] ?? 'yyyy-mm-dd';
  const whitespace = s.format.delimiter === 'whitespace';

  // 1. trimmed values
  const l1 = [`r._rid`, s.rejectedLines > 0 ? `r._j + coalesce(a.k, 0) AS row_no` : `r._j AS row_no`];
  if (whitespace) l1.push('r._unsplit');
  const unclosed = s.columns.filter((c) => c.stats.multiline > 0);
  const delim = whitespace ? ' ' : s.format.delimiter;
  if (unclosed.length) {
    const cond = unclosed
      .map((c) => `(contains(r.${ident(c.key)}, chr(10)) AND length(r.${ident(c.key)}) - length(replace(r.${ident(c.key)}, ${lit(delim)}, '')) >= ${s.columns.length - 1})`)
      .join(' OR ');
    l1.push(`(${cond}) AS _unclosed`);
  }
  for (const c of used) l1.push(`${cellValueSql(`r.${ident(c.key)}`)} AS ${v(c.key)}`);
  const rejects = ident(`rejects_${s.id}`);
  const from1 =
    `(SELECT rowid AS _rid, rowid + 1 AS _j, * FROM ${ident(s.rawTable)}) r` +
    (s.rejectedLines > 0
      ? ` ASOF LEFT JOIN (SELECT row_no - row_number() OVER (ORDER BY row_no) AS t, row_number() OVER (ORDER BY row_no) AS k FROM ${rejects}) a ON r._j > a.t`
      : '');

  // 2. quick readings, 3. extractions where they gave NULL, 4. date parts as numbers
  const quicks = ['*'];
  const extracted = ['*'];
  const parts = ['*'];
  for (const c of dateCols) {
    quicks.push(`${quick ? dateQuickSql(v(c.key), fmt(c)) : 'NULL::TIMESTAMP'} AS ${q(c.key)}`);
    extracted.push(`CASE WHEN ${q(c.key)} IS NULL THEN ${dateExtractSql(v(c.key), fmt(c))} END AS ${x(c.key)}`);
    parts.push(`CASE WHEN ${q(c.key)} IS NULL THEN ${datePartsSql(x(c.key), fmt(c))} END AS ${pt(c.key)}`);
  }
  for (const c of numberCols) {
    quicks.push(`${quick ? amountQuickSql(v(c.key), s.format) : 'NULL::DOUBLE'} AS ${q(c.key)}`);
    extracted.push(`CASE WHEN ${q(c.key)} IS NULL THEN ${moneyExtractSql(v(c.key))} END AS ${m(c.key)}`);
  }

  // 5. parsed values
  const l2 = ['*'];
  for (const c of dateCols) {
    l2.push(
      `CASE WHEN ${q(c.key)} IS NOT NULL THEN ${q(c.key)} ELSE ${dateLocalSql(pt(c.key))} END AS ${l(c.key)}`,
      `CASE WHEN ${q(c.key)} IS NULL THEN ${dateUtcSql(pt(c.key))} END AS ${u(c.key)}`,
    );
  }
  for (const c of numberCols) l2.push(`CASE WHEN ${q(c.key)} IS NOT NULL THEN ${q(c.key)} ELSE ${moneyValueSql(m(c.key), s.format)} END AS ${a(c.key)}`);

  // 6. fields and reasons
  const f = fields(s, byRole);
  const why: string[] = [];
  if (whitespace) why.push(`WHEN _unsplit IS NOT NULL THEN 'line could not be split into columns'`);
  if (unclosed.length) why.push(`WHEN _unclosed THEN 'unclosed quote: the following lines were read into one field'`);
  why.push(...f.why);
  const l3 = ['_rid', 'row_no', ...f.select, `CASE ${why.join('\n    ')} END AS _why`];
  // TEMP: outside the compressed database (STARTUP_SQL), quicker to write; it lives only during the build.
  return `CREATE OR REPLACE TEMP TABLE ${ident(typedTableName(s))} AS
SELECT ${l3.join(',\n  ')}
FROM (SELECT ${l2.join(',\n  ')}
  FROM (SELECT ${parts.join(',\n    ')}
    FROM (SELECT ${extracted.join(',\n      ')}
      FROM (SELECT ${quicks.join(',\n        ')}
        FROM (SELECT ${l1.join(',\n          ')} FROM ${from1})))))`;
}

/** Whole scores a survey scale allows; anything else is a typo or another survey's scale. */
const SCALE_RANGE: Record<NonNullable<Source['scale']>, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

interface Fields {
  select: string[];
  /** CASE branches, first match wins. */
  why: string[];
}

function readable(c: ColumnInfo, label: string, required: boolean): string[] {
  const out = required ? [`WHEN ${v(c.key)} IS NULL THEN '${label} missing'`] : [];
  out.push(`WHEN ${v(c.key)} IS NOT NULL AND ${a(c.key)} IS NULL THEN '${label} not readable'`);
  return out;
}

function dateReadable(c: ColumnInfo, label: string, required: boolean): string[] {
  const out = required ? [`WHEN ${v(c.key)} IS NULL THEN '${label} missing'`] : [];
  out.push(`WHEN ${v(c.key)} IS NOT NULL AND ${l(c.key)} IS NULL AND ${u(c.key)} IS NULL THEN '${label} not readable'`);
  return out;
}

function segments(s: Source): string[] {
  return s.columns.filter((c) => c.role === 'segment').map((c) => `${v(c.key)} AS ${ident(segmentColumn(c.key))}`);
}

function dateFields(c: ColumnInfo | undefined, name: string): string[] {
  return c ? [`${l(c.key)} AS ${ident(name + '_local')}`, `${u(c.key)} AS ${ident(name + '_utc')}`] : [];
}

function fields(s: Source, byRole: (r: Role) => ColumnInfo | undefined): Fields {
  const cust = byRole('customer');
  const customer = cust ? v(cust.key) : 'NULL::VARCHAR';
  const why: string[] = [];
  const select = [`${customer} AS customer_id`];
  const date = byRole('date');
  if (s.shape === 'customers') {
    why.push(`WHEN ${customer} IS NULL THEN '${NO_CUSTOMER}'`);
    return { select: [...select, ...segments(s)], why };
  }
  if (s.shape === 'survey') {
    const score = byRole('score');
    const reason = byRole('reason');
    if (date) why.push(...dateReadable(date, 'date', true));
    if (score) why.push(...readable(score, 'score', false));
    const [lo, hi] = SCALE_RANGE[s.scale ?? 'nps'];
    if (score) why.push(`WHEN ${a(score.key)} NOT BETWEEN ${lo} AND ${hi} OR ${a(score.key)} <> round(${a(score.key)}) THEN 'score outside the ${lo}–${hi} scale'`);
    select.push(
      ...dateFields(date, 'd'),
      `${score ? a(score.key) : 'NULL::DOUBLE'} AS score`,
      `${reason ? v(reason.key) : 'NULL::VARCHAR'} AS reason`,
      ...segments(s),
    );
    return { select, why };
  }
  why.push(`WHEN ${customer} IS NULL THEN '${NO_CUSTOMER}'`);
  const amount = byRole('amount');
  if (s.shape === 'subscriptions') {
    const start = byRole('start_date');
    const end = byRole('end_date');
    if (start) why.push(...dateReadable(start, 'start date', true));
    if (end) why.push(...dateReadable(end, 'end date', false));
    if (start && end) {
      why.push(`WHEN coalesce(${l(end.key)}, ${u(end.key)}) < coalesce(${l(start.key)}, ${u(start.key)}) THEN 'end date before start date'`);
    }
    if (amount) why.push(...readable(amount, 'amount', false));
    select.push(...dateFields(start, 's'), ...dateFields(end, 'e'), `${amount ? a(amount.key) : 'NULL::DOUBLE'} AS mrr`, ...segments(s));
    return { select, why };
  }
  // activity
  if (date) why.push(...dateReadable(date, 'date', true));
  const qty = byRole('quantity');
  const price = byRole('unit_price');
  let amountSql = 'NULL::DOUBLE';
  if (amount) {
    why.push(...readable(amount, 'amount', true));
    amountSql = a(amount.key);
  } else if (qty && price) {
    why.push(...readable(qty, 'quantity', true), ...readable(price, 'unit price', true));
    amountSql = `${a(qty.key)} * ${a(price.key)}`;
  }
  const cost = byRole('cost');
  const margin = byRole('margin');
  let costSql = 'NULL::DOUBLE';
  if (cost) {
    why.push(...readable(cost, 'cost', false));
    costSql = a(cost.key);
  } else if (margin && amountSql !== 'NULL::DOUBLE') {
    why.push(...readable(margin, 'margin', false));
    costSql = `${amountSql} - ${a(margin.key)}`;
  }
  const order = byRole('order_id');
  const marker = byRole('cancel_marker');
  const cancels = [
    marker ? `coalesce(regexp_matches(lower(${v(marker.key)}), ${lit(CANCEL_WORDS)}), false)` : '',
    order && s.format.cancelPrefix ? `coalesce(starts_with(upper(${v(order.key)}), ${lit(s.format.cancelPrefix.toUpperCase())}), false)` : '',
  ].filter(Boolean);
  select.push(
    ...dateFields(date, 'd'),
    `${order ? v(order.key) : 'NULL::VARCHAR'} AS order_id`,
    `${amountSql} AS amount`,
    `${costSql} AS cost`,
    `${cancels.length ? cancels.join(' OR ') : 'false'} AS cancelled`,
    ...segments(s),
  );
  return { select, why };
}
