/**
 * Lifecycle per period (as in PostHog / Amplitude): every customer active in a period is
 * exactly one of new, returning or resurrecting; a customer active in the previous period
 * but not in this one is dormant.
 *  - new: first activity ever in this period;
 *  - returning: active in this period and in the previous one;
 *  - resurrecting: active now, not in the previous period, and not new;
 *  - dormant: active in the previous period, not now. Reported as a positive count
 *    everywhere (result and CSV); a chart that stacks it below zero negates it itself.
 *
 * With a date range, activity before it is not seen: in the first period of the range,
 * customers acquired earlier count as resurrecting, and nobody can be returning or dormant.
 */
import { isoDate, periodAdd, periodDiff, periodEnd, periodStart } from './sql';
import { scopeCtes } from './scope';
import type { CsvTable, DatasetInfo, MetricOptions } from './types';
import { b, n, s, type Row } from './rows';

export interface LifecyclePeriod {
  periodStart: string;
  periodEnd: string;
  new: number;
  returning: number;
  resurrecting: number;
  /** Positive count of customers active in the previous period and not in this one. */
  dormant: number;
  /** The period ends on or before data end. */
  complete: boolean;
}

export function lifecycleSql(o: MetricOptions, _info: DatasetInfo): string {
  const g = o.grain;
  const idx = (e: string) => periodDiff(g, 'span.t0', periodStart(g, e, o.weekStart));
  // The period index depends on the day only: computed once per calendar day, then joined, with
  // the bounds the flags compare with (within the scope: an activity day before data_start or
  // after data_end is not seen).
  // flags: a customer is counted once per period, on their first activity in it (the activity day
  // before it lies in an earlier period); it came from the previous period when that day lies
  // there. The activity day after a customer's last one in a period lies beyond the next period
  // when they go dormant. cday carries both neighbours, so no grouping per customer and period.
  return `WITH ${scopeCtes(o)},
span AS MATERIALIZED (
  SELECT t0, data_start, data_end, ${periodDiff(g, 't0', periodStart(g, 'data_end', o.weekStart))} AS last
  FROM (SELECT ${periodStart(g, 'data_start', o.weekStart)} AS t0, data_start, data_end FROM bounds)
),
day_index AS (
  SELECT day, ${idx('day')} AS i, p,
    greatest(p, span.data_start) AS lo,
    greatest(${periodAdd(g, 'p', '-1')}, span.data_start) AS prev_lo,
    least(${periodEnd(g, periodAdd(g, 'p', '1'))}, span.data_end) AS next_hi
  FROM (SELECT day, ${periodStart(g, 'day', o.weekStart)} AS p FROM (SELECT CAST(ts AS DATE) AS day FROM span, range(span.t0, span.data_end + 1, INTERVAL 1 DAY) t(ts))), span
),
flags AS (
  SELECT x.i,
    d.prev_active IS NULL OR d.prev_active < x.lo AS first_in_period,
    coalesce(d.prev_active >= x.prev_lo, false) AS from_previous,
    d.first_day >= x.p AS first_ever,
    d.next_active IS NULL OR d.next_active > x.next_hi AS gone_next
  FROM fday d JOIN day_index x ON x.day = d.day
  WHERE d.active
),
counts AS (
  SELECT i,
    count(*) FILTER (WHERE first_in_period) AS active,
    count(*) FILTER (WHERE first_in_period AND from_previous) AS returning,
    count(*) FILTER (WHERE first_in_period AND first_ever) AS n_new,
    count(*) FILTER (WHERE gone_next) AS gone
  FROM flags GROUP BY i
),
per AS (SELECT CAST(unnest(range(0, last + 1)) AS INTEGER) AS i FROM span)
SELECT ${isoDate(periodAdd(g, 'span.t0', 'per.i'))} AS period_start,
  ${isoDate(periodEnd(g, periodAdd(g, 'span.t0', 'per.i')))} AS period_end,
  CAST(coalesce(a.n_new, 0) AS BIGINT) AS new,
  CAST(coalesce(a.returning, 0) AS BIGINT) AS returning,
  CAST(coalesce(a.active, 0) - coalesce(a.returning, 0) - coalesce(a.n_new, 0) AS BIGINT) AS resurrecting,
  CAST(coalesce(dm.gone, 0) AS BIGINT) AS dormant,
  ${periodEnd(g, periodAdd(g, 'span.t0', 'per.i'))} <= span.data_end AS complete
FROM per
LEFT JOIN counts a ON a.i = per.i
LEFT JOIN counts dm ON dm.i + 1 = per.i
CROSS JOIN span
ORDER BY per.i`;
}

export function parseLifecycle(rows: Row[]): LifecyclePeriod[] {
  return rows.map((r) => ({
    periodStart: s(r, 'period_start'),
    periodEnd: s(r, 'period_end'),
    new: n(r, 'new'),
    returning: n(r, 'returning'),
    resurrecting: n(r, 'resurrecting'),
    dormant: n(r, 'dormant'),
    complete: b(r, 'complete'),
  }));
}

export const LIFECYCLE_CSV_COLUMNS = ['period_start', 'new', 'returning', 'resurrecting', 'dormant', 'complete'] as const;

export function lifecycleCsv(periods: LifecyclePeriod[]): CsvTable {
  return {
    columns: [...LIFECYCLE_CSV_COLUMNS],
    rows: periods.map((p) => [p.periodStart, p.new, p.returning, p.resurrecting, p.dormant, p.complete]),
  };
}
