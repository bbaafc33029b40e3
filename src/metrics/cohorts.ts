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
  const revenue = info.hasRevenue ? 'coalesce(x.revenue, 0)' : 'CAST(NULL AS DOUBLE)';
  return `WITH ${scopeCtes(o)},
cohort AS (
  SELECT c.customer_id, ${ps('c.first_day')} AS c
  FROM fcust c, bounds WHERE c.first_day BETWEEN bounds.data_start AND bounds.data_end
),
sizes AS (SELECT c, count(*) AS size FROM cohort GROUP BY c),
cust_period AS (
  SELECT d.customer_id, k.c, ${ps('d.day')} AS p, bool_or(d.active) AS active, sum(d.revenue) AS revenue
  FROM fday d JOIN cohort k ON d.customer_id = k.customer_id
  GROUP BY d.customer_id, k.c, p
),
cust_offset AS (
  -- a refund dated before the first purchase has no offset to land on
  SELECT customer_id, c, ${periodDiff(g, 'c', 'p')} AS k, active, revenue FROM cust_period WHERE p >= c
),
cells AS (
  SELECT c, k, count(*) FILTER (WHERE active) AS active, sum(revenue) AS revenue FROM cust_offset GROUP BY c, k
),
last_offset AS (
  SELECT c, k, count(*) AS n
  FROM (SELECT customer_id, c, max(k) FILTER (WHERE active) AS k FROM cust_offset GROUP BY customer_id, c)
  GROUP BY c, k
),
grid AS (
  SELECT s.c, s.size, CAST(unnest(range(0, ${periodDiff(g, 's.c', ps('bounds.data_end'))} + 1)) AS INTEGER) AS k
  FROM sizes s, bounds
),
filled AS (
  SELECT g.c, g.k, g.size, coalesce(x.active, 0) AS active, ${revenue} AS revenue,
    -- customers whose last active offset is >= k, summed from the far end
    sum(coalesce(l.n, 0)) OVER (PARTITION BY g.c ORDER BY g.k DESC) AS unbounded_active,
    ${periodAdd(g, 'g.c', 'g.k')} AS period_start
  FROM grid g
  LEFT JOIN cells x ON x.c = g.c AND x.k = g.k
  LEFT JOIN last_offset l ON l.c = g.c AND l.k = g.k
)
SELECT ${isoDate('f.c')} AS cohort, f.k AS "offset", f.size AS cohort_size, f.active,
  CAST(f.active AS DOUBLE) / f.size AS retention,
  CAST(f.unbounded_active AS BIGINT) AS unbounded_active,
  CAST(f.unbounded_active AS DOUBLE) / f.size AS unbounded,
  f.revenue,
  f.revenue / nullif(first_value(f.revenue) OVER (PARTITION BY f.c ORDER BY f.k), 0) AS revenue_retention,
  ${periodEnd(g, 'f.period_start')} <= bounds.data_end AS complete,
  ${isoDate('f.period_start')} AS period_start
FROM filled f, bounds
ORDER BY f.c, f.k`;
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
