/**
 * The activity window W: how many days back a customer still counts as active.
 *
 * Default (metrics contract): the nearest-rank 90th percentile of all gaps between a
 * customer's consecutive activity days, i.e. the smallest g with at least 90 % of gaps <= g,
 * raised to at least 7 days; 365 when nobody ever came back. A fixed year would report
 * 100 % retention for any export shorter than a year, so W follows the data.
 *
 * Gaps are measured on the filtered scope (segment and date range), so W describes the
 * customers the page is showing.
 */
import { lit, num } from './sql';
import { inRange, scopeCtes, unscoped } from './scope';
import type { DatasetInfo, MetricOptions } from './types';
import { n, nOrNull, s, type Row } from './rows';

/** The filters W depends on; absent ones mean "not filtered". */
type Scope = Partial<Pick<MetricOptions, 'segment' | 'dateFrom' | 'dateTo'>>;

export const MIN_WINDOW_DAYS = 7;
export const NO_REPEAT_WINDOW_DAYS = 365;

export type WindowReason = 'p90' | 'minimum' | 'no-repeats' | 'user';

export interface ActivityWindow {
  /** W in days. */
  days: number;
  /** Why W has this value: the p90 itself, raised to the minimum, no gaps at all, or chosen by the user. */
  reason: WindowReason;
  /** Number of gaps between consecutive activity days (all customers). */
  gaps: number;
  /** Nearest-rank 90th percentile of the gaps; null when there are none. */
  p90: number | null;
  /** Share of gaps <= W (at least 0.9 when W is the p90); null when there are no gaps. */
  shareWithin: number | null;
}

/** Gap statistics (CTEs after scopeCtes): `gap_counts(gap, n)` and one row `gap_p90(gaps, p90)`. */
function gapCtes(o: Scope): string {
  // Counting gaps per value and taking the first cumulative count >= 90 % is the nearest rank
  // without sorting every gap; the integer comparison avoids a floating-point rank.
  // Unscoped, the consecutive days are already in cgap (built once per load).
  // Scoped, a customer's previous activity day (cday.prev_active) is in scope when it is on or
  // after the range's start: it precedes an activity day in scope, and segments keep whole customers.
  const days = unscoped({ segment: o.segment ?? null, dateFrom: o.dateFrom ?? null, dateTo: o.dateTo ?? null })
    ? 'SELECT CAST(day - prev AS INTEGER) AS gap FROM cgap'
    : `SELECT CAST(day - prev_active AS INTEGER) AS gap
  FROM fday WHERE active AND ${inRange('prev_active', { dateFrom: o.dateFrom ?? null, dateTo: null })}`;
  return `gap_days AS (
  ${days}
),
gap_counts AS MATERIALIZED (SELECT gap, count(*) AS n FROM gap_days WHERE gap IS NOT NULL GROUP BY gap),
gap_cum AS (SELECT gap, sum(n) OVER (ORDER BY gap) AS cum, sum(n) OVER () AS total FROM gap_counts),
gap_p90 AS (
  SELECT CAST((SELECT coalesce(sum(n), 0) FROM gap_counts) AS BIGINT) AS gaps,
    (SELECT min(gap) FROM gap_cum WHERE cum * 10 >= total * 9) AS p90
)`;
}

function userWindow(o: Pick<MetricOptions, 'activityWindow'>): number | null {
  const user = o.activityWindow;
  if (user !== null && (!Number.isInteger(user) || user < 1)) {
    throw new Error(`activity window must be a whole number of days >= 1: ${user}`);
  }
  return user;
}

/** `window_w(w, reason)`, one row: the user's W, or the p90 rule over gap_p90. */
function windowCte(user: number | null): string {
  if (user !== null) return `window_w AS MATERIALIZED (SELECT CAST(${num(user)} AS INTEGER) AS w, 'user' AS reason)`;
  return `window_w AS MATERIALIZED (
  SELECT CAST(CASE WHEN p90 IS NULL THEN ${NO_REPEAT_WINDOW_DAYS} ELSE greatest(p90, ${MIN_WINDOW_DAYS}) END AS INTEGER) AS w,
    CASE WHEN p90 IS NULL THEN 'no-repeats' WHEN p90 < ${MIN_WINDOW_DAYS} THEN 'minimum' ELSE 'p90' END AS reason
  FROM gap_p90
)`;
}

/**
 * CTE definitions (no leading WITH), to follow scopeCtes, ending in the one-row
 * `window_w(w, reason)`. A user-chosen W, or a W already computed by activityWindowSql for
 * the same options (`known`), skips the gap scan.
 */
export function windowCtes(o: Pick<MetricOptions, 'activityWindow'> & Scope, known?: ActivityWindow): string {
  const user = userWindow(o);
  if (user !== null) return windowCte(user);
  if (known) {
    if (!Number.isInteger(known.days) || known.days < 1) throw new Error(`activity window must be a whole number of days >= 1: ${known.days}`);
    return `window_w AS MATERIALIZED (SELECT CAST(${num(known.days)} AS INTEGER) AS w, ${lit(known.reason)} AS reason)`;
  }
  return `${gapCtes(o)},\n${windowCte(null)}`;
}

/** W and the numbers that explain it (also computed for a user-chosen W, to compare). */
export function activityWindowSql(o: MetricOptions, _info: DatasetInfo): string {
  return `WITH ${scopeCtes(o)},
${gapCtes(o)},
${windowCte(userWindow(o))}
SELECT w.w AS window_days, w.reason, p.gaps, p.p90,
  CAST((SELECT sum(n) FROM gap_counts WHERE gap <= w.w) AS DOUBLE) / nullif(p.gaps, 0) AS share_within
FROM window_w w, gap_p90 p`;
}

export function parseActivityWindow(rows: Row[]): ActivityWindow {
  const r = rows[0];
  if (!r || rows.length !== 1) throw new Error(`activity window: expected one row, got ${rows.length}`);
  const reason = s(r, 'reason');
  if (reason !== 'p90' && reason !== 'minimum' && reason !== 'no-repeats' && reason !== 'user') {
    throw new Error(`activity window: unknown reason ${reason}`);
  }
  const gaps = n(r, 'gaps');
  return {
    days: n(r, 'window_days'),
    reason,
    gaps,
    p90: nOrNull(r, 'p90'),
    shareWithin: gaps > 0 ? nOrNull(r, 'share_within') : null,
  };
}
