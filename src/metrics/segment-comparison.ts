/**
 * Segment comparison in one query per chart: for each chosen value of a segment column, the
 * same numbers as cohorts.ts (average retention curve) and lness.ts (histogram) give with
 * that value as the segment filter — data end per segment — but scanning the customer-days
 * once instead of once per value.
 */
import { scopeCtes } from './scope';
import { dateLit, ident, isoDate, num, periodAdd, periodDiff, periodEnd, periodStart } from './sql';
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
  return `WITH ${scopeCtes({ ...o, segment: { column, values } })},
seg AS (SELECT cid, first_day, ${ident(column)} AS segment FROM fcust),
sb AS MATERIALIZED (
  SELECT s.segment, min(d.day) AS data_start, max(d.day) AS data_end
  FROM fday d JOIN seg s ON d.cid = s.cid WHERE d.active GROUP BY s.segment
),
cohort AS (
  SELECT s.cid, s.segment, ${ps('s.first_day')} AS c
  FROM seg s JOIN sb ON sb.segment = s.segment WHERE s.first_day BETWEEN sb.data_start AND sb.data_end
),
sizes AS (SELECT segment, c, count(*) AS size FROM cohort GROUP BY segment, c),
cp AS (
  SELECT DISTINCT k.segment, k.c, k.cid, ${periodDiff(g, 'k.c', ps('d.day'))} AS k
  FROM fday d JOIN cohort k ON d.cid = k.cid
  WHERE d.active AND ${ps('d.day')} >= k.c
),
act AS (SELECT segment, c, k, count(*) AS n FROM cp GROUP BY segment, c, k),
last_k AS (SELECT segment, c, lk, count(*) AS n FROM (SELECT segment, c, cid, max(k) AS lk FROM cp GROUP BY ALL) GROUP BY ALL),
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
