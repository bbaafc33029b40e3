/**
 * Segment comparison in one query per chart: for each chosen value of a segment column, the
 * same numbers as cohorts.ts (average retention curve) and lness.ts (histogram) give with
 * that value as the segment filter — data end per segment — but scanning the customer-days
 * once instead of once per value.
 */
import { scopeCtes } from './scope';
import { dateLit, ident, isoDate, num, periodAdd, periodDiff, periodEnd, periodStart, greatestOf } from './sql';
import { b, n, nOrNull, s, type Row } from './rows';
import { lnessWindow, type LnessHistogram } from './lness';
import type { MetricOptions } from './types';

export interface SegmentCurvePoint {
  segment: string;
  offset: number;
  /** Cohorts with a complete cell at this offset, and their customers (the weight). */
  cohorts: number;
  customers: number;
  retention: number;
  unbounded: number;
}

export function segmentCurvesSql(o: MetricOptions, column: string, values: string[]): string {
  const g = o.grain;
  const ps = (e: string) => periodStart(g, e, o.weekStart);
  // sb: each segment's data start and end; sid numbers the segments so that the per-day work
  // groups by an integer. Without a date range every activity day of a customer lies between
  // their first and last, so cust has the bounds and the customer-days need not be read.
  // day_index: periods as indices from the first period of any segment (t0), once per calendar day.
  // cohort: a cohort customer with their segment's bounds and cohort index, per customer, so that
  // the customer-days need one join.
  // offsets: as in cohorts.ts, each active day of a cohort's customer, flagged when it is the
  // customer's first activity in its period and when it is their last in the segment's scope.
  return `WITH ${scopeCtes({ ...o, segment: { column, values } })},
seg AS (SELECT cid, first_day, ${ident(column)} AS segment FROM fcust),
sb AS MATERIALIZED (
  SELECT segment, CAST(row_number() OVER (ORDER BY segment) AS INTEGER) AS sid, data_start, data_end
  FROM (${
    o.dateFrom || o.dateTo
      ? 'SELECT s.segment, min(d.day) AS data_start, max(d.day) AS data_end FROM fday d JOIN seg s ON d.cid = s.cid WHERE d.active GROUP BY s.segment'
      : `SELECT ${ident(column)} AS segment, min(first_day) AS data_start, max(last_day) AS data_end FROM fcust GROUP BY 1`
  })
),
span AS MATERIALIZED (SELECT ${ps('min(data_start)')} AS t0, max(data_end) AS hi FROM sb),
day_index AS (
  SELECT day, ${periodDiff(g, 'span.t0', ps('day'))} AS i, ${ps('day')} AS p
  FROM (SELECT CAST(ts AS DATE) AS day FROM span, range(span.t0, span.hi + 1, INTERVAL 1 DAY) t(ts)), span
),
cohort AS (
  SELECT s.cid, sb.sid, s.segment, ${ps('s.first_day')} AS c, ${periodDiff(g, 'span.t0', ps('s.first_day'))} AS ci, sb.data_start, sb.data_end
  FROM seg s JOIN sb ON sb.segment = s.segment, span WHERE s.first_day BETWEEN sb.data_start AND sb.data_end
),
sizes AS (SELECT segment, c, count(*) AS size FROM cohort GROUP BY segment, c),
offsets AS (
  SELECT k.sid, k.ci, x.i - k.ci AS k,
    d.prev_active IS NULL OR d.prev_active < ${greatestOf('x.p', 'k.data_start')} AS first_in_period,
    d.next_active IS NULL OR d.next_active > k.data_end AS last_in_scope
  FROM fday d
  JOIN (SELECT cid, sid, ci, data_start, data_end FROM cohort) k ON k.cid = d.cid
  JOIN day_index x ON x.day = d.day
  WHERE d.active
),
cells AS (
  SELECT sb.segment, ${periodAdd(g, 'span.t0', 'o.ci')} AS c, o.k, o.n, o.last_n
  FROM (
    SELECT sid, ci, k, count(*) FILTER (WHERE first_in_period) AS n, count(*) FILTER (WHERE last_in_scope) AS last_n
    FROM offsets GROUP BY sid, ci, k
  ) o JOIN sb USING (sid), span
),
act AS (SELECT segment, c, k, n FROM cells),
last_k AS (SELECT segment, c, k AS lk, last_n AS n FROM cells WHERE last_n > 0),
grid AS (
  SELECT z.segment, z.c, z.size, CAST(unnest(range(0, ${periodDiff(g, 'z.c', ps('sb.data_end'))} + 1)) AS INTEGER) AS k, sb.data_end
  FROM sizes z JOIN sb ON sb.segment = z.segment
),
complete AS (SELECT segment, c, size, k FROM grid WHERE ${periodEnd(g, periodAdd(g, 'c', 'k'))} <= data_end),
unb AS (
  SELECT g.segment, g.c, g.k, sum(l.n) AS n
  FROM complete g JOIN last_k l ON l.segment = g.segment AND l.c = g.c AND l.lk >= g.k
  GROUP BY g.segment, g.c, g.k
)
SELECT g.segment, g.k AS "offset", count(*) AS cohorts, CAST(sum(g.size) AS BIGINT) AS customers,
  CAST(sum(coalesce(a.n, 0)) AS DOUBLE) / sum(g.size) AS retention,
  CAST(sum(coalesce(u.n, 0)) AS DOUBLE) / sum(g.size) AS unbounded
FROM complete g
LEFT JOIN act a ON a.segment = g.segment AND a.c = g.c AND a.k = g.k
LEFT JOIN unb u ON u.segment = g.segment AND u.c = g.c AND u.k = g.k
GROUP BY g.segment, g.k
ORDER BY g.segment, g.k`;
}

export function parseSegmentCurves(rows: Row[]): SegmentCurvePoint[] {
  return rows.map((r) => ({
    segment: s(r, 'segment'),
    offset: n(r, 'offset'),
    cohorts: n(r, 'cohorts'),
    customers: n(r, 'customers'),
    retention: n(r, 'retention'),
    unbounded: n(r, 'unbounded'),
  }));
}

/** Lness histogram per segment value at options.lnessAnchor, else at that segment's data end. */
export function segmentLnessSql(o: MetricOptions, column: string, values: string[]): string {
  const back = num(lnessWindow(o) - 1);
  const anchor = o.lnessAnchor ? dateLit(o.lnessAnchor) : 'data_end';
  return `WITH ${scopeCtes({ ...o, segment: { column, values } })},
seg AS (SELECT cid, ${ident(column)} AS segment FROM fcust),
sb AS MATERIALIZED (
  SELECT s.segment, min(d.day) AS data_start, max(d.day) AS data_end
  FROM fday d JOIN seg s ON d.cid = s.cid WHERE d.active GROUP BY s.segment
),
anchors AS (SELECT segment, data_start, ${anchor} AS anchor FROM sb),
win AS (
  SELECT a.segment, d.cid, count(*) AS d
  FROM anchors a JOIN seg s ON s.segment = a.segment
  JOIN fday d ON d.cid = s.cid AND d.active AND d.day BETWEEN a.anchor - ${back} AND a.anchor
  GROUP BY a.segment, d.cid
),
hist AS (SELECT segment, d, count(*) AS customers FROM win GROUP BY segment, d),
tot AS (SELECT segment, count(*) AS total FROM win GROUP BY segment)
SELECT a.segment, ${isoDate('a.anchor')} AS anchor_date, ${isoDate(`a.anchor - ${back}`)} AS window_start,
  coalesce(a.anchor - ${back} >= a.data_start, false) AS complete,
  CAST(g.days_active AS INTEGER) AS days_active,
  coalesce(h.customers, 0) AS customers, coalesce(t.total, 0) AS total,
  CASE WHEN t.total > 0 THEN coalesce(h.customers, 0) / t.total END AS share
FROM anchors a CROSS JOIN range(1, ${num(lnessWindow(o) + 1)}) AS g(days_active)
LEFT JOIN hist h ON h.segment = a.segment AND h.d = g.days_active
LEFT JOIN tot t ON t.segment = a.segment
ORDER BY a.segment, g.days_active`;
}

export function parseSegmentLness(rows: Row[], o: Pick<MetricOptions, 'lnessWindow'>): Map<string, LnessHistogram> {
  const out = new Map<string, LnessHistogram>();
  for (const r of rows) {
    const segment = s(r, 'segment');
    let h = out.get(segment);
    if (!h) {
      h = { windowDays: lnessWindow(o), anchor: s(r, 'anchor_date'), windowStart: s(r, 'window_start'), complete: b(r, 'complete'), customers: n(r, 'total'), bins: [] };
      out.set(segment, h);
    }
    h.bins.push({ days: n(r, 'days_active'), customers: n(r, 'customers'), share: nOrNull(r, 'share') });
  }
  return out;
}
