/**
 * Acquisition-cohort retention: one cell per cohort c and offset k, from k = 0 up to
 * the period holding data end.
 *
 * A customer's cohort is the period of their first activity ever (cust.first_day). With
 * a date range, only customers acquired inside it are in a cohort, and only their
 * activity inside it counts, so a cohort is never cut off at its start.
 *
 * Per cell: classic retention (active in c+k), unbounded retention (active in any period
 * >= c+k), net revenue in c+k (refunds included, they are revenue but not activity) and
 * revenue retention (revenue in c+k / revenue in c). A cell is complete when period c+k
 * ends on or before data end; the average curve uses complete cells only.
 */
import { isoDate, periodAdd, periodDiff, periodEnd, periodStart } from './sql';
import { scopeCtes } from './scope';
import type { CsvTable, DatasetInfo, MetricOptions, RetentionMode } from './types';
import { b, n, nOrNull, s, type Row } from './rows';

export interface CohortCell {
  /** First day of the cohort's period (ISO). */
  cohort: string;
  offset: number;
  /** First day of period c+k (ISO). */
  periodStart: string;
  size: number;
  /** Customers of the cohort active in period c+k. */
  active: number;
  retention: number;
  /** Customers of the cohort active in some period >= c+k. */
  unboundedActive: number;
  unbounded: number;
  /** Net revenue of the cohort in period c+k; null when the data has no revenue. */
  revenue: number | null;
  /** revenue / revenue at k = 0; null without revenue or when the first period's revenue is 0. */
  revenueRetention: number | null;
  complete: boolean;
}

export interface Cohort {
  start: string;
  size: number;
}

/** Size-weighted average over the cohorts whose cell at this offset is complete. */
export interface AveragePoint {
  offset: number;
  /** Number of cohorts with a complete cell at this offset. */
  cohorts: number;
  /** Sum of their sizes (the weight). */
  customers: number;
  retention: number;
  unbounded: number;
  /** Weighted over the cohorts that have a revenue retention; null when none has. */
  revenueRetention: number | null;
}

export interface CohortsResult {
  cells: CohortCell[];
  cohorts: Cohort[];
  average: AveragePoint[];
}

export function cohortsSql(o: MetricOptions, info: DatasetInfo): string {
  const g = o.grain;
  const ps = (e: string) => periodStart(g, e, o.weekStart);
  const idx = (e: string) => periodDiff(g, 'span.t0', ps(e));
  const revenue = info.hasRevenue ? 'coalesce(x.revenue, 0)' : 'CAST(NULL AS DOUBLE)';
  // Periods are counted as indices from the first period (t0). The index of a day depends on
  // the day only, so it is computed once per calendar day and joined, not per customer-day.
  // One-row CTEs are MATERIALIZED: DuckDB binds an inlined CTE again at every reference.
  // day_index.lo: where the scope's part of the day's period begins; data_end comes along so that
  // the per-row tests need no join with span.
  // offsets: one row per customer-day of a cohort's customer, with two flags that make grouping per
  // customer unnecessary: the customer's first activity in the period (counted once per customer
  // and period) and their last activity in scope (where unbounded retention ends). An activity day
  // of this customer before data_start or after data_end is outside the scope: every one inside it
  // is in fday.
  // cells: a refund dated before the first purchase (k < 0) has no offset to land on; a last
  // activity is an activity, so it always has one.
  // filled.unbounded_active: customers whose last active offset is >= k, summed from the far end.
  return `WITH ${scopeCtes(o)},
span AS MATERIALIZED (
  SELECT t0, data_start, data_end, ${periodDiff(g, 't0', ps('data_end'))} AS last
  FROM (SELECT ${ps('data_start')} AS t0, data_start, data_end FROM bounds)
),
day_index AS (
  SELECT day, ${idx('day')} AS i, greatest(${ps('day')}, span.data_start) AS lo, span.data_start, span.data_end
  FROM (
    SELECT CAST(ts AS DATE) AS day
    FROM span, range(span.t0, ${periodAdd(g, 'span.t0', 'span.last + 1')}, INTERVAL 1 DAY) t(ts)
  ), span
),
sizes AS (
  SELECT ${idx('c.first_day')} AS ci, count(*) AS size
  FROM fcust c, span WHERE c.first_day BETWEEN span.data_start AND span.data_end GROUP BY ci
),
offsets AS (
  SELECT f.i AS ci, x.i - f.i AS k, d.revenue,
    d.active AND (d.prev_active IS NULL OR d.prev_active < x.lo) AS first_in_period,
    d.active AND (d.next_active IS NULL OR d.next_active > x.data_end) AS last_in_scope
  FROM fday d
  JOIN day_index x ON x.day = d.day
  JOIN (SELECT day, i FROM day_index WHERE day BETWEEN data_start AND data_end) f ON f.day = d.first_day
),
cells AS (
  SELECT ci, k, count(*) FILTER (WHERE first_in_period) AS active, sum(revenue) AS revenue,
    count(*) FILTER (WHERE last_in_scope) AS last_n
  FROM offsets WHERE k >= 0 GROUP BY ci, k
),
grid AS (
  SELECT s.ci, s.size, CAST(unnest(range(0, span.last - s.ci + 1)) AS INTEGER) AS k FROM sizes s, span
),
filled AS (
  SELECT g.ci, g.k, g.size, coalesce(x.active, 0) AS active, ${revenue} AS revenue,
    sum(coalesce(x.last_n, 0)) OVER (PARTITION BY g.ci ORDER BY g.k DESC) AS unbounded_active
  FROM grid g
  LEFT JOIN cells x ON x.ci = g.ci AND x.k = g.k
),
dated AS (
  SELECT f.*, ${periodAdd(g, 'span.t0', 'f.ci')} AS cohort_start, ${periodAdd(g, 'span.t0', 'f.ci + f.k')} AS period_start, span.data_end
  FROM filled f, span
)
SELECT ${isoDate('cohort_start')} AS cohort, k AS "offset", size AS cohort_size, active,
  CAST(active AS DOUBLE) / size AS retention,
  CAST(unbounded_active AS BIGINT) AS unbounded_active,
  CAST(unbounded_active AS DOUBLE) / size AS unbounded,
  revenue,
  revenue / nullif(first_value(revenue) OVER (PARTITION BY ci ORDER BY k), 0) AS revenue_retention,
  ${periodEnd(g, 'period_start')} <= data_end AS complete,
  ${isoDate('period_start')} AS period_start
FROM dated
ORDER BY ci, k`;
}

export function parseCohorts(rows: Row[]): CohortsResult {
  const cells: CohortCell[] = rows.map((r) => ({
    cohort: s(r, 'cohort'),
    offset: n(r, 'offset'),
    periodStart: s(r, 'period_start'),
    size: n(r, 'cohort_size'),
    active: n(r, 'active'),
    retention: n(r, 'retention'),
    unboundedActive: n(r, 'unbounded_active'),
    unbounded: n(r, 'unbounded'),
    revenue: nOrNull(r, 'revenue'),
    revenueRetention: nOrNull(r, 'revenue_retention'),
    complete: b(r, 'complete'),
  }));
  const cohorts = cells.filter((c) => c.offset === 0).map((c) => ({ start: c.cohort, size: c.size }));
  return { cells, cohorts, average: averageCurve(cells) };
}

/** Size-weighted mean per offset over complete cells: sum(active) / sum(size), likewise unbounded. */
export function averageCurve(cells: CohortCell[]): AveragePoint[] {
  const acc = new Map<number, { cohorts: number; size: number; active: number; unb: number; revW: number; revSize: number }>();
  for (const c of cells) {
    if (!c.complete) continue;
    const a = acc.get(c.offset) ?? { cohorts: 0, size: 0, active: 0, unb: 0, revW: 0, revSize: 0 };
    a.cohorts += 1;
    a.size += c.size;
    a.active += c.active;
    a.unb += c.unboundedActive;
    if (c.revenueRetention !== null) {
      a.revW += c.size * c.revenueRetention;
      a.revSize += c.size;
    }
    acc.set(c.offset, a);
  }
  return [...acc.entries()]
    .sort(([x], [y]) => x - y)
    .map(([offset, a]) => ({
      offset,
      cohorts: a.cohorts,
      customers: a.size,
      retention: a.active / a.size,
      unbounded: a.unb / a.size,
      revenueRetention: a.revSize > 0 ? a.revW / a.revSize : null,
    }));
}

/** The retention figure a chart shows for the chosen mode. */
export function retentionFor(cell: CohortCell | AveragePoint, mode: RetentionMode): number {
  return mode === 'classic' ? cell.retention : cell.unbounded;
}

export const COHORTS_CSV_COLUMNS = [
  'cohort',
  'offset',
  'cohort_size',
  'active',
  'retention',
  'unbounded',
  'revenue',
  'revenue_retention',
  'complete',
  'period_start',
  'unbounded_active',
] as const;

export function cohortsCsv(result: CohortsResult): CsvTable {
  return {
    columns: [...COHORTS_CSV_COLUMNS],
    rows: result.cells.map((c) => [
      c.cohort,
      c.offset,
      c.size,
      c.active,
      c.retention,
      c.unbounded,
      c.revenue,
      c.revenueRetention,
      c.complete,
      c.periodStart,
      c.unboundedActive,
    ]),
  };
}
