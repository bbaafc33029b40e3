/**
 * Exit / cancellation reasons: how often each reason is given, over time and per segment.
 * Source: survey.reason (the subscriptions table has no reason column in the contract).
 *
 * Free text is merged on a key that ignores case and surrounding or repeated spaces, so
 * 'Too expensive' and 'too  expensive ' are one reason, shown in its most frequent spelling.
 */
import { isoDate, lit } from './sql';
import { n, s, type Row } from './rows';
import { ALL_SEGMENTS, surveyRowsCte } from './survey';
import type { CsvTable, MetricOptions } from './types';

/**
 * Rows per (period, segment, reason), per (period, reason) over all segments ('(all)'),
 * per (segment, reason) over the whole range (period_start NULL), and per reason overall.
 * share = responses / all reasons given in the same period and segment.
 */
export function reasonsSql(
  o: Pick<MetricOptions, 'grain' | 'weekStart' | 'dateFrom' | 'dateTo' | 'segment'>,
  by: string | null = null,
  surveyKeys: readonly string[] = [],
): string {
  const sets = by
    ? '(period_start, segment, reason_key), (period_start, reason_key), (segment, reason_key), (reason_key)'
    : '(period_start, segment, reason_key), (segment, reason_key)';
  return `WITH ${surveyRowsCte(o, by, surveyKeys)},
given AS (
  SELECT period_start, segment, regexp_replace(trim(reason), '\\s+', ' ', 'g') AS reason_text
  FROM sv WHERE nullif(trim(reason), '') IS NOT NULL
),
keyed AS (SELECT *, lower(reason_text) AS reason_key FROM given),
spelling AS (
  SELECT reason_key, first(reason_text ORDER BY uses DESC, reason_text) AS reason
  FROM (SELECT reason_key, reason_text, count(*) AS uses FROM keyed GROUP BY ALL)
  GROUP BY reason_key
),
agg AS (
  SELECT period_start, CASE WHEN grouping(segment) = 1 THEN ${lit(ALL_SEGMENTS)} ELSE segment END AS segment,
    reason_key, count(*) AS responses
  FROM keyed
  GROUP BY GROUPING SETS (${sets})
)
SELECT ${isoDate('a.period_start')} AS period_start, a.segment, sp.reason, a.responses,
  a.responses / sum(a.responses) OVER (PARTITION BY a.period_start, a.segment) AS share
FROM agg a JOIN spelling sp USING (reason_key)
ORDER BY a.period_start NULLS LAST, a.segment <> ${lit(ALL_SEGMENTS)}, a.segment, a.responses DESC, sp.reason`;
}

export interface ReasonRow {
  /** ISO date; null = the whole range. */
  periodStart: string | null;
  /** A segment value, or '(all)'. */
  segment: string;
  reason: string;
  responses: number;
  /** Fraction 0…1 of the reasons given in the same period and segment. */
  share: number;
}

export function parseReasons(rows: Row[]): ReasonRow[] {
  return rows.map((r) => ({
    periodStart: r.period_start === null ? null : s(r, 'period_start'),
    segment: s(r, 'segment'),
    reason: s(r, 'reason'),
    responses: n(r, 'responses'),
    share: n(r, 'share'),
  }));
}

export const REASONS_CSV_COLUMNS = ['period_start', 'segment', 'reason', 'responses', 'share'] as const;

export function reasonsCsv(rows: ReasonRow[]): CsvTable {
  return {
    columns: [...REASONS_CSV_COLUMNS],
    rows: rows.map((r) => [r.periodStart, r.segment, r.reason, r.responses, r.share]),
  };
}
