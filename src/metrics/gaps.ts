/**
 * Time between purchases: for each customer, the days between consecutive distinct
 * activity days. Quantiles are nearest-rank (the smallest gap g with at least p % of gaps
 * <= g), so a quantile is always a gap that occurred, in whole days, and p90 matches the
 * default activity window of the CRR definition.
 *
 * Purchase numbers count activity days from the customer's first activity ever, so with
 * a date range "1st→2nd" still means their first repeat; a gap is kept when both of its
 * days lie in scope.
 */
import { n, nOrNull, type Row } from './rows';
import { inRange, scopeCtes, segmentFiltered } from './scope';
import { num, leastOf } from './sql';
import type { CsvTable, DatasetInfo, MetricOptions } from './types';

/** Transitions from this number on are grouped ("10+" = 10th→11th and later). */
export const LAST_TRANSITION = 10;

/** CTEs to follow scopeCtes: `gaps(cid, transition, gap_days)`, transition 1 = 1st→2nd activity day. */
export function gapCtes(o: Pick<MetricOptions, 'segment' | 'dateFrom' | 'dateTo'>): string {
  const ranged = o.dateFrom !== null || o.dateTo !== null;
  // Both days of a cgap row are activity days of cday, so "in fday" is the range test (customers are filtered above).
  const inScope = (col: string) => inRange(`g.${col}`, o);
  return `gseq AS (
  SELECT d.cid, d.day, d.prev, d.transition
  FROM cgap d${segmentFiltered(o) ? ' SEMI JOIN fcust c ON d.cid = c.cid' : ''}
),
gaps AS (
  SELECT cid, CAST(transition AS INTEGER) AS transition, CAST(day - prev AS INTEGER) AS gap_days
  FROM gseq g
  WHERE prev IS NOT NULL${ranged ? ` AND ${inScope('day')} AND ${inScope('prev')}` : ''}
)`;
}

/**
 * Nearest-rank percentile over a cumulative histogram with columns (gap_days, cum, total):
 * the smallest gap with cum >= pct % of total. pct is a whole number, so the test is exact.
 */
export function nearestRankSql(pct: number): string {
  if (!Number.isInteger(pct) || pct < 0 || pct > 100) throw new Error(`percentile must be a whole number 0..100, got ${pct}`);
  return `min(gap_days) FILTER (WHERE cum * 100 >= ${num(pct)} * total)`;
}

/** CTE `ghist(gap_days, c, cum, total)` over `gaps`. */
export function gapHistogramCte(): string {
  return `ghist AS (
  SELECT gap_days, c, sum(c) OVER (ORDER BY gap_days) AS cum, sum(c) OVER () AS total
  FROM (SELECT gap_days, count(*) AS c FROM gaps GROUP BY gap_days)
)`;
}

/** Select-list items over `ghist` shared with the KPI query. */
export function gapAggregates(): string {
  return `CAST(coalesce(sum(c), 0) AS BIGINT) AS gaps,
  ${nearestRankSql(25)} AS gap_p25_days,
  ${nearestRankSql(50)} AS gap_median_days,
  ${nearestRankSql(75)} AS gap_p75_days,
  ${nearestRankSql(90)} AS gap_p90_days,
  CAST(sum(gap_days * c) AS DOUBLE) / nullif(sum(c), 0) AS gap_mean_days`;
}

export interface GapBin {
  gapDays: number;
  gaps: number;
}

export interface GapStats {
  gaps: number;
  /** All null when there is no repeat purchase. */
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  mean: number | null;
}

export interface GapTransition {
  /** 1 = 1st→2nd activity day; LAST_TRANSITION groups that one and all later ones. */
  transition: number;
  label: string;
  gaps: number;
  median: number;
  mean: number;
}

/** Histogram: one row per gap length that occurs. */
export function gapsSql(o: MetricOptions, _info: DatasetInfo): string {
  return `WITH ${scopeCtes(o)},
${gapCtes(o)}
SELECT gap_days, count(*) AS gaps FROM gaps GROUP BY gap_days ORDER BY gap_days`;
}

export function gapStatsSql(o: MetricOptions, _info: DatasetInfo): string {
  return `WITH ${scopeCtes(o)},
${gapCtes(o)},
${gapHistogramCte()}
SELECT ${gapAggregates()} FROM ghist`;
}

export function gapsByPurchaseSql(o: MetricOptions, _info: DatasetInfo): string {
  return `WITH ${scopeCtes(o)},
${gapCtes(o)},
h AS (SELECT ${leastOf('transition', num(LAST_TRANSITION))} AS t, gap_days, count(*) AS c FROM gaps GROUP BY ALL),
hc AS (SELECT t, gap_days, c, sum(c) OVER (PARTITION BY t ORDER BY gap_days) AS cum, sum(c) OVER (PARTITION BY t) AS total FROM h)
SELECT t AS transition, CAST(sum(c) AS BIGINT) AS gaps, ${nearestRankSql(50)} AS median_days,
  CAST(sum(gap_days * c) AS DOUBLE) / sum(c) AS mean_days
FROM hc GROUP BY t ORDER BY t`;
}

export function parseGaps(rows: Row[]): GapBin[] {
  return rows.map((r) => ({ gapDays: n(r, 'gap_days'), gaps: n(r, 'gaps') }));
}

export function parseGapStatsRow(r: Row): GapStats {
  return {
    gaps: n(r, 'gaps'),
    p25: nOrNull(r, 'gap_p25_days'),
    median: nOrNull(r, 'gap_median_days'),
    p75: nOrNull(r, 'gap_p75_days'),
    p90: nOrNull(r, 'gap_p90_days'),
    mean: nOrNull(r, 'gap_mean_days'),
  };
}

export function parseGapStats(rows: Row[]): GapStats {
  const [r] = rows;
  if (!r) throw new Error('gap stats: expected one row');
  return parseGapStatsRow(r);
}

export function parseGapsByPurchase(rows: Row[]): GapTransition[] {
  return rows.map((r) => {
    const t = n(r, 'transition');
    return {
      transition: t,
      label: t >= LAST_TRANSITION ? `${t}+` : `${t}→${t + 1}`,
      gaps: n(r, 'gaps'),
      median: n(r, 'median_days'),
      mean: n(r, 'mean_days'),
    };
  });
}

export const GAPS_COLUMNS = ['gap_days', 'gaps'];

export function gapsCsv(bins: GapBin[]): CsvTable {
  return { columns: GAPS_COLUMNS, rows: bins.map((b) => [b.gapDays, b.gaps]) };
}
