/**
 * Customer retention rate (CRR) and churn per complete period: CRR = (E − N) / S.
 *
 * Both variants reduce to "is the customer active at boundary t", for t a period start:
 *  - activity rows, window W: active at t when some activity day lies in [t − W, t − 1];
 *  - subscriptions: active at t when subscribed on day t − 1.
 * Then S(p) = active at the start of p and E(p) = active at the start of p + 1 (for
 * activity rows: an activity day in [D1 − W + 1, D1]; for subscriptions: subscribed on D1).
 *
 * One pass, no per-period join: each activity day d (or subscription [start, end)) makes the
 * customer active at every boundary in a date range ([d + 1, d + W], or [start + 1, end]),
 * i.e. at a run of consecutive boundary indices lo..hi. Runs of one customer are merged into
 * islands; an island contributes +1 to S from lo to hi, one churn at hi (in S(hi), not in
 * E(hi)) and one entry at lo − 1 (in E(lo − 1), not in S(lo − 1)). Cumulative sums over the
 * few periods then give S, E, retained, churned and reactivated.
 */
import { dateLit, ident, isoDate, lit, periodAdd, periodDiff, periodEnd, periodStart, greatestOf } from './sql';
import { scopeCtes } from './scope';
import { windowCtes, type ActivityWindow } from './activity-window';
import type { CsvTable, DatasetInfo, Grain, MetricOptions, WeekStart } from './types';
import { n, nOrNull, s, type Row } from './rows';

export interface CrrPeriod {
  periodStart: string;
  periodEnd: string;
  /** S: active at the start of the period. */
  customersStart: number;
  /** E: active at the end of the period. */
  customersEnd: number;
  /** N: first activity (or first subscription) ever inside the period. */
  new: number;
  /** |S ∩ E| */
  retained: number;
  /** |S \ E| */
  churned: number;
  /** |E \ S \ N|: back after a lapse longer than the window. */
  reactivated: number;
  /** |N ∩ E|: new customers still active at the end (E = retained + newInEnd + reactivated). */
  newInEnd: number;
  /** (E − N) / S; null when S = 0. */
  crr: number | null;
  /** churned / S; null when S = 0. */
  churnRate: number | null;
}

export interface CrrResult {
  periods: CrrPeriod[];
  /** W in days for activity rows; null for subscriptions. */
  windowDays: number | null;
}

/** The longest period of each grain, in days. */
const LONGEST_PERIOD_DAYS: Record<Grain, number> = { day: 1, week: 7, month: 31, quarter: 92, year: 366 };

/**
 * With periods longer than W, E only sees a period's last W days while N counts the whole
 * period, so CRR = (E − N) / S drops, even below zero. Returns the longest period's length in
 * days when it exceeds W (what W would have to be to cover it), else null.
 */
export function periodsLongerThanW(periods: Pick<CrrPeriod, 'periodStart' | 'periodEnd'>[], w: number): number | null {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const days = Math.max(0, ...periods.map((p) => day(p.periodEnd) - day(p.periodStart) + 1));
  return days > w ? days : null;
}

/** Reference lines drawn beside CRR (metrics contract). */
export const CRR_BENCHMARKS = [
  { value: 0.8, label: 'good' },
  { value: 0.85, label: 'target' },
] as const;

interface CoreParts {
  grain: Grain;
  weekStart: WeekStart;
  /** Whether ranges ordered by lo also have non-decreasing hi (one range per activity day): a cheaper merge. */
  monotone: boolean;
  /** A ready `marked` CTE body (cid, q, lo, hi, prev_hi, next_lo, run_hi) instead of one from `ranges`. */
  marked?: string;
  /** Whether the output reports W from the one-row CTE window_w (activity rows) or leaves it empty. */
  hasWindow: boolean;
}

/**
 * lo and hi, the first and last boundary index covered by the date range [a, b] (b NULL = open):
 * the first period start >= a, the last period start <= b. Needs span(t0) in scope.
 */
function boundaryRange(g: Grain, ws: WeekStart, a: string, b: string): { lo: string; hi: string } {
  const pa = periodStart(g, a, ws);
  const pb = periodStart(g, b, ws);
  return {
    lo: `${periodDiff(g, 'span.t0', pa)} + CASE WHEN ${pa} = ${a} THEN 0 ELSE 1 END`,
    hi: `coalesce(${periodDiff(g, 'span.t0', pb)}, 2147483647)`,
  };
}

/**
 * Expects CTEs `span(t0 DATE, data_end DATE, last INTEGER)` (t0 = first period start, last =
 * index of the last complete period), `ranges(cid, q, lo, hi)` (q = index of the period
 * of the activity day or subscription start; boundaries lo..hi already limited to
 * 0 <= lo <= hi <= last + 1), and `first_index(cid, fi)` (period index of the first
 * activity or subscription ever).
 */
function coreSql(p: CoreParts): string {
  const g = p.grain;
  // With one range per activity day, ordered by day, hi never decreases: the previous row's hi is the running max.
  const marked = p.monotone
    ? `SELECT cid, q, lo, hi, lag(hi) OVER w AS prev_hi, lead(lo) OVER w AS next_lo, hi AS run_hi`
    : `SELECT cid, q, lo, hi, prev_hi, next_lo, ${greatestOf('hi', 'prev_hi')} AS run_hi FROM (
    SELECT cid, q, lo, hi, lead(lo) OVER w AS next_lo,
      max(hi) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_hi`;
  // starts_new: a customer new in period q (their first period, fi) and still active at its end
  // has a first range starting at boundary q + 1; only first rows can qualify, so the join stays small.
  return `marked AS MATERIALIZED (
  ${p.marked ?? `${marked}
  FROM ranges
  WINDOW w AS (PARTITION BY cid ORDER BY lo, hi)${p.monotone ? '' : ')'}`}
),
starts AS (
  SELECT lo AS i, count(*) AS n FROM marked WHERE prev_hi IS NULL OR lo > prev_hi + 1 GROUP BY lo
),
starts_new AS (
  SELECT m.lo AS i, count(*) AS n
  FROM marked m JOIN first_index f ON f.cid = m.cid AND f.fi = m.q
  WHERE m.prev_hi IS NULL AND m.lo = m.q + 1
  GROUP BY m.lo
),
ends AS (
  SELECT run_hi AS i, count(*) AS n FROM marked
  WHERE next_lo IS NULL OR next_lo > run_hi + 1
  GROUP BY run_hi
),
news AS (SELECT fi AS i, count(*) AS n FROM first_index GROUP BY fi),
per AS (SELECT CAST(unnest(range(0, last + 2)) AS INTEGER) AS i FROM span),
counts AS (
  SELECT per.i, coalesce(st.n, 0) AS starts, coalesce(sn.n, 0) AS starts_new,
    coalesce(en.n, 0) AS ends, coalesce(nw.n, 0) AS new
  FROM per
  LEFT JOIN starts st ON st.i = per.i
  LEFT JOIN starts_new sn ON sn.i = per.i
  LEFT JOIN ends en ON en.i = per.i
  LEFT JOIN news nw ON nw.i = per.i
),
running AS (
  SELECT i, new, ends AS churned,
    sum(starts) OVER (ORDER BY i) - coalesce(sum(ends) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS s,
    lead(starts) OVER (ORDER BY i) AS entered,
    lead(starts_new) OVER (ORDER BY i) AS entered_new
  FROM counts
),
result AS (
  SELECT i, CAST(s AS BIGINT) AS s, CAST(s - churned + entered AS BIGINT) AS e, CAST(new AS BIGINT) AS new,
    CAST(s - churned AS BIGINT) AS retained, CAST(churned AS BIGINT) AS churned,
    CAST(entered - entered_new AS BIGINT) AS reactivated, CAST(entered_new AS BIGINT) AS new_in_end
  FROM running, span
  WHERE i BETWEEN 1 AND span.last
)
SELECT ${isoDate(periodAdd(g, 'span.t0', 'r.i'))} AS period_start,
  ${isoDate(periodEnd(g, periodAdd(g, 'span.t0', 'r.i')))} AS period_end,
  r.s AS customers_start, r.e AS customers_end, r.new, r.retained, r.churned, r.reactivated,
  CAST(r.e - r.new AS DOUBLE) / nullif(r.s, 0) AS crr,
  CAST(r.churned AS DOUBLE) / nullif(r.s, 0) AS churn_rate,
  ${p.hasWindow ? 'window_w.w' : 'CAST(NULL AS INTEGER)'} AS window_days,
  r.new_in_end
FROM result r, span${p.hasWindow ? ', window_w' : ''}
ORDER BY r.i`;
}

/** Index of the period holding the DATE expression `e`, counted from span.t0. */
function periodIndex(g: Grain, ws: WeekStart, e: string): string {
  return periodDiff(g, 'span.t0', periodStart(g, e, ws));
}

/** span(t0, data_end, last) from a CTE `bounds(data_start, data_end)`. */
function spanCte(g: Grain, ws: WeekStart): string {
  const t0 = periodStart(g, 'data_start', ws);
  const pe = periodStart(g, 'data_end', ws);
  // one row, referenced often: MATERIALIZED so that DuckDB binds the scope chain once
  return `span AS MATERIALIZED (
  SELECT t0, data_end, ${periodDiff(g, 't0', pe)} - CASE WHEN ${periodEnd(g, pe)} <= data_end THEN 0 ELSE 1 END AS last
  FROM (SELECT ${t0} AS t0, data_end FROM bounds)
)`;
}

/**
 * CRR from activity rows, with the activity window W: options.activityWindow, else the p90
 * rule. Pass the parsed activityWindowSql result for the same options as `known` to skip
 * scanning the gaps a second time.
 */
export function crrSql(o: MetricOptions, _info: DatasetInfo, known?: ActivityWindow): string {
  const g = o.grain;
  const idx = (e: string) => periodIndex(g, o.weekStart, e);
  const r = boundaryRange(g, o.weekStart, 'CAST(day + 1 AS DATE)', 'CAST(day + w AS DATE)');
  // A window at least as long as the longest period covers a boundary from every activity day,
  // so each activity day has a range and its neighbours in the scope are the customer's previous
  // and next activity days (cday.prev_active, next_active; in scope when on or after data start,
  // and found in day_range, which ends at data end): no window over every customer-day.
  const w = o.activityWindow ?? known?.days ?? null;
  const marked =
    w !== null && w >= LONGEST_PERIOD_DAYS[g]
      ? `SELECT d.cid, r.q, r.lo, r.hi, p.hi AS prev_hi, n.lo AS next_lo, r.hi AS run_hi
  FROM fday d
  JOIN day_range r ON r.day = d.day
  LEFT JOIN (SELECT day_range.* FROM day_range, bounds WHERE day >= bounds.data_start) p ON p.day = d.prev_active
  LEFT JOIN day_range n ON n.day = d.next_active
  WHERE d.active`
      : undefined;
  // lo and hi depend on the day only: computing them once per calendar day and joining is
  // much cheaper than date arithmetic on every customer-day.
  return `WITH ${scopeCtes(o)},
${windowCtes(o, known)},
${spanCte(g, o.weekStart)},
day_range AS (
  SELECT day, q, greatest(lo, 0) AS lo, least(hi, last + 1) AS hi FROM (
    SELECT day, ${idx('day')} AS q, ${r.lo} AS lo, ${r.hi} AS hi, span.last
    FROM (SELECT CAST(ts AS DATE) AS day FROM span, range(span.t0, span.data_end + 1, INTERVAL 1 DAY) t(ts)), span, window_w
  ) WHERE lo <= hi AND lo <= last + 1
),
ranges AS (
  SELECT d.cid, r.q, r.lo, r.hi FROM fday d JOIN day_range r ON r.day = d.day WHERE d.active
),
first_index AS (
  SELECT cid, ${idx('first_day')} AS fi FROM fcust, span
),
${coreSql({ grain: g, weekStart: o.weekStart, monotone: true, hasWindow: true, marked })}`;
}

/**
 * CRR from the `subscriptions` table. The data runs from the first start to the latest start
 * or end date, clipped to the date range. A customer's segment is the value on their first
 * subscription.
 */
export function crrSubscriptionsSql(o: MetricOptions): string {
  const g = o.grain;
  const idx = (e: string) => periodIndex(g, o.weekStart, e);
  const seg =
    o.segment && o.segment.values.length > 0
      ? `WHERE customer_id IN (SELECT customer_id FROM subscriptions GROUP BY customer_id
    HAVING arg_min(${ident(o.segment.column)}, start_day) IN (${o.segment.values.map(lit).join(', ')}))`
      : '';
  const from = o.dateFrom ? dateLit(o.dateFrom) : null;
  const to = o.dateTo ? dateLit(o.dateTo) : null;
  const start = from ? `greatest(min(start_day), ${from})` : 'min(start_day)';
  const end = to ? `least(greatest(max(start_day), max(end_day)), ${to})` : 'greatest(max(start_day), max(end_day))';
  // subscribed on day t − 1 for t in [start + 1, end]
  const r = boundaryRange(g, o.weekStart, 'CAST(start_day + 1 AS DATE)', 'end_day');
  return `WITH fsub AS (SELECT customer_id AS cid, start_day, end_day FROM subscriptions ${seg}),
bounds AS (SELECT ${start} AS data_start, ${end} AS data_end FROM fsub),
${spanCte(g, o.weekStart)},
ranges AS (
  SELECT cid, q, greatest(lo, 0) AS lo, least(hi, last + 1) AS hi FROM (
    SELECT cid, ${idx('start_day')} AS q, ${r.lo} AS lo, ${r.hi} AS hi, span.last FROM fsub, span
  ) WHERE lo <= hi AND hi >= 0 AND lo <= last + 1
),
first_index AS (
  SELECT cid, ${idx('min(start_day)')} AS fi
  FROM fsub, span GROUP BY cid, span.t0
),
${coreSql({ grain: g, weekStart: o.weekStart, monotone: false, hasWindow: false })}`;
}

export function parseCrr(rows: Row[]): CrrResult {
  const periods = rows.map((r) => ({
    periodStart: s(r, 'period_start'),
    periodEnd: s(r, 'period_end'),
    customersStart: n(r, 'customers_start'),
    customersEnd: n(r, 'customers_end'),
    new: n(r, 'new'),
    retained: n(r, 'retained'),
    churned: n(r, 'churned'),
    reactivated: n(r, 'reactivated'),
    newInEnd: n(r, 'new_in_end'),
    crr: nOrNull(r, 'crr'),
    churnRate: nOrNull(r, 'churn_rate'),
  }));
  const first = rows[0];
  return { periods, windowDays: first ? nOrNull(first, 'window_days') : null };
}

export const CRR_CSV_COLUMNS = [
  'period_start',
  'period_end',
  'customers_start',
  'customers_end',
  'new',
  'retained',
  'churned',
  'reactivated',
  'crr',
  'churn_rate',
  'window_days',
  'new_in_end',
] as const;

export function crrCsv(result: CrrResult): CsvTable {
  return {
    columns: [...CRR_CSV_COLUMNS],
    rows: result.periods.map((p) => [
      p.periodStart,
      p.periodEnd,
      p.customersStart,
      p.customersEnd,
      p.new,
      p.retained,
      p.churned,
      p.reactivated,
      p.crr,
      p.churnRate,
      result.windowDays,
      p.newInEnd,
    ]),
  };
}
