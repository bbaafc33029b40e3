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
  // The period index depends on the day only: computed once per calendar day, then joined.
  return `WITH ${scopeCtes(o)},
span AS MATERIALIZED (
  SELECT t0, data_end, ${periodDiff(g, 't0', periodStart(g, 'data_end', o.weekStart))} AS last
  FROM (SELECT ${periodStart(g, 'data_start', o.weekStart)} AS t0, data_end FROM bounds)
),
day_index AS (
  SELECT day, ${idx('day')} AS i
  FROM (SELECT CAST(ts AS DATE) AS day FROM span, range(span.t0, span.data_end + 1, INTERVAL 1 DAY) t(ts)), span
),
cust_period AS (
  SELECT d.cid, x.i FROM fday d JOIN day_index x ON x.day = d.day WHERE d.active GROUP BY d.cid, x.i
),
marked AS MATERIALIZED (
  SELECT cid, i, lag(i) OVER w AS prev_i, lead(i) OVER w AS next_i
  FROM cust_period WINDOW w AS (PARTITION BY cid ORDER BY i)
),
news AS (
  -- only a customer's first period in range can be their first period ever
  SELECT m.i, count(*) AS n
  FROM marked m JOIN fcust c ON c.cid = m.cid, span
  WHERE m.prev_i IS NULL AND ${idx('c.first_day')} = m.i
  GROUP BY m.i
),
actives AS (
  SELECT i, count(*) AS active, count(*) FILTER (WHERE prev_i = i - 1) AS returning FROM marked GROUP BY i
),
dormants AS (
  SELECT i + 1 AS i, count(*) AS n FROM marked WHERE next_i IS NULL OR next_i > i + 1 GROUP BY i
),
per AS (SELECT CAST(unnest(range(0, last + 1)) AS INTEGER) AS i FROM span)
SELECT ${isoDate(periodAdd(g, 'span.t0', 'per.i'))} AS period_start,
  ${isoDate(periodEnd(g, periodAdd(g, 'span.t0', 'per.i')))} AS period_end,
  CAST(coalesce(nw.n, 0) AS BIGINT) AS new,
  CAST(coalesce(a.returning, 0) AS BIGINT) AS returning,
  CAST(coalesce(a.active, 0) - coalesce(a.returning, 0) - coalesce(nw.n, 0) AS BIGINT) AS resurrecting,
  CAST(coalesce(dm.n, 0) AS BIGINT) AS dormant,
  ${periodEnd(g, periodAdd(g, 'span.t0', 'per.i'))} <= span.data_end AS complete
FROM per
LEFT JOIN news nw ON nw.i = per.i
LEFT JOIN actives a ON a.i = per.i
LEFT JOIN dormants dm ON dm.i = per.i
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
