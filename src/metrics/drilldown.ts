/**
 * Drill-down: the customers behind one number on a chart (a cohort cell, an Lness bar,
 * a time-between-purchases bar), listed with who they are.
 *
 * Each builder picks customer ids with the same rules as the metric the number comes
 * from (same scope, same window, same gap definition), then lists them from the
 * filtered customer table. The list shows a customer's whole history (first and last
 * purchase, orders, revenue to date), not only the part inside the date range: it
 * answers "who are these people", and their profile does not depend on the view.
 */
import { gapCtes } from './gaps';
import { lnessWindow } from './lness';
import { n, nOrNull, s, type Row } from './rows';
import { scopeCtes } from './scope';
import { DERIVED_SEGMENTS } from './segments';
import { dateLit, ident, isoDate, num, periodAdd, periodStart } from './sql';
import type { CsvTable, DatasetInfo, MetricOptions, RetentionMode, SegmentColumn } from './types';

/** What the cohort cell showed: classic or on-or-after retention, or revenue retention. */
export type CohortCellMeasure = RetentionMode | 'revenue';

export interface ListedCustomer {
  customerId: string;
  firstPurchase: string;
  lastPurchase: string;
  orders: number;
  /** Net revenue to date; null when no revenue column is mapped. */
  revenue: number | null;
  /** One value per listColumns(info) entry, in that order. */
  segments: string[];
}

/** Segment columns shown in a list: the data's own, then the derived ones (spend tier only with revenue). */
export function listColumns(info: DatasetInfo): SegmentColumn[] {
  return [...info.segments, ...DERIVED_SEGMENTS.filter((d) => d.key !== 'spend_tier' || info.hasRevenue)];
}

/** The list query over a CTE `picked(cid)` defined after scopeCtes; biggest spenders first. */
function listSql(o: Pick<MetricOptions, 'segment' | 'dateFrom' | 'dateTo'>, info: DatasetInfo, pickedCtes: string): string {
  const segs = listColumns(info).map((c) => `CAST(c.${ident(c.key)} AS VARCHAR) AS ${ident(c.key)}`);
  return `WITH ${scopeCtes(o)},
${pickedCtes}
SELECT c.customer AS customer_id, ${isoDate('c.first_day')} AS first_purchase, ${isoDate('c.last_day')} AS last_purchase,
  CAST(c.orders AS BIGINT) AS orders, ${info.hasRevenue ? 'CAST(c.revenue AS DOUBLE)' : 'CAST(NULL AS DOUBLE)'} AS revenue${segs.length ? ',\n  ' + segs.join(', ') : ''}
FROM fcust c SEMI JOIN picked p ON p.cid = c.cid
ORDER BY c.revenue DESC NULLS LAST, c.orders DESC, c.cid`;
}

/**
 * Customers of the acquisition cohort starting on `cohort` (ISO period start at options.grain)
 * behind the cell at `offset`: active in period cohort + offset (classic), active in it or any
 * later period (unbounded), or with revenue in it (revenue). Cohort membership and activity
 * follow cohortsSql: first activity ever inside the scope's data range, activity inside scope.
 */
export function cohortCellCustomersSql(
  o: MetricOptions,
  cohort: string,
  offset: number,
  mode: CohortCellMeasure,
  info: DatasetInfo,
): string {
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`cohort offset must be a whole number >= 0, got ${offset}`);
  const g = o.grain;
  const start = periodAdd(g, dateLit(cohort), num(offset));
  const dayPeriod = periodStart(g, 'd.day', o.weekStart);
  const condition =
    mode === 'classic'
      ? `d.active AND ${dayPeriod} = ${start}`
      : mode === 'unbounded'
        ? `d.active AND d.day >= ${start}`
        : `d.revenue IS NOT NULL AND ${dayPeriod} = ${start}`;
  return listSql(
    o,
    info,
    `members AS (
  SELECT c.cid FROM fcust c, bounds bo
  WHERE c.first_day BETWEEN bo.data_start AND bo.data_end AND ${periodStart(g, 'c.first_day', o.weekStart)} = ${dateLit(cohort)}
),
picked AS (
  SELECT DISTINCT d.cid FROM fday d SEMI JOIN members m ON m.cid = d.cid
  WHERE ${condition}
)`,
  );
}

/**
 * Customers with exactly `days` distinct activity days in the Lness window (options.lnessWindow
 * days ending at options.lnessAnchor, else data end): the customers of one histogram bar.
 */
export function lnessCustomersSql(o: MetricOptions, info: DatasetInfo, days: number): string {
  const w = lnessWindow(o);
  if (!Number.isInteger(days) || days < 1 || days > w) throw new Error(`days must be a whole number 1..${w}, got ${days}`);
  const anchor = o.lnessAnchor ? dateLit(o.lnessAnchor) : 'bo.data_end';
  return listSql(
    o,
    info,
    `picked AS (
  SELECT d.cid FROM fday d, bounds bo
  WHERE d.active AND d.day BETWEEN ${anchor} - ${num(w - 1)} AND ${anchor}
  GROUP BY d.cid HAVING count(*) = ${num(days)}
)`,
  );
}

/**
 * Customers with at least one time between purchases of `fromDays` to `toDays` days
 * (inclusive; toDays null = no upper bound), gaps as in gapsSql: consecutive activity days.
 */
export function gapCustomersSql(o: MetricOptions, info: DatasetInfo, fromDays: number, toDays: number | null): string {
  if (!Number.isInteger(fromDays) || fromDays < 1) throw new Error(`fromDays must be a whole number >= 1, got ${fromDays}`);
  if (toDays !== null && (!Number.isInteger(toDays) || toDays < fromDays)) throw new Error(`toDays must be a whole number >= fromDays, got ${toDays}`);
  const range = toDays === null ? `gap_days >= ${num(fromDays)}` : `gap_days BETWEEN ${num(fromDays)} AND ${num(toDays)}`;
  return listSql(o, info, `${gapCtes(o)},\npicked AS (SELECT DISTINCT cid FROM gaps WHERE ${range})`);
}

export function parseCustomerList(rows: Row[], info: DatasetInfo): ListedCustomer[] {
  const cols = listColumns(info);
  return rows.map((r) => ({
    customerId: s(r, 'customer_id'),
    firstPurchase: s(r, 'first_purchase'),
    lastPurchase: s(r, 'last_purchase'),
    orders: n(r, 'orders'),
    revenue: nOrNull(r, 'revenue'),
    segments: cols.map((c) => {
      const v = r[c.key];
      return v === null || v === undefined ? '' : String(v);
    }),
  }));
}

export const CUSTOMER_LIST_COLUMNS = ['customer_id', 'first_purchase', 'last_purchase', 'orders', 'revenue'] as const;

/**
 * Columns customer_id, first_purchase, last_purchase, orders, revenue (empty without a revenue
 * column), then one column per segment: the file's column name, or spend_tier / rfm.
 */
export function customerListCsv(list: ListedCustomer[], info: DatasetInfo): CsvTable {
  const cols = listColumns(info);
  const derived = new Set(DERIVED_SEGMENTS.map((d) => d.key));
  return {
    columns: [...CUSTOMER_LIST_COLUMNS, ...cols.map((c) => (derived.has(c.key) ? c.key : c.label))],
    rows: list.map((c) => [c.customerId, c.firstPurchase, c.lastPurchase, c.orders, c.revenue, ...c.segments]),
  };
}
