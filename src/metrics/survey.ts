/**
 * Survey scores (NPS, CSAT, CES) by period and by segment, from the `survey` table:
 *   survey(customer_id NULL, day, score, scale ('nps'|'csat'|'ces'), reason NULL, s1…sN)
 *
 * A response's segment is the survey's own column when it has that column (the
 * answer-time value), else the answering customer's segment on `cust`, joined by customer id.
 * Responses without a known customer still count in the '(all)' rows and fall in
 * the '(empty)' segment, so breakdowns always add up to the total.
 */
import { dateLit, ident, isoDate, lit, periodEnd, periodStart } from './sql';
import { n, nOrNull, s, b, type Row } from './rows';
import { segmentValueExpr } from './segments';
import type { CsvTable, MetricOptions } from './types';

export const ALL_SEGMENTS = '(all)';

/**
 * The CTE `sv(day, period_start, score, scale, reason, segment)`: survey rows inside the
 * date range and segment filter. `by` is the segment column to break down by (null = none);
 * `surveyKeys` are the segment keys the survey table itself has.
 */
export function surveyRowsCte(
  o: Pick<MetricOptions, 'grain' | 'weekStart' | 'dateFrom' | 'dateTo' | 'segment'>,
  by: string | null,
  surveyKeys: readonly string[] = [],
): string {
  const own = new Set(surveyKeys);
  const filter = o.segment && o.segment.values.length > 0 ? o.segment : null;
  const needsCust = [by, filter?.column ?? null].some((k) => k !== null && !own.has(k));
  // The survey's own column is the answer-time value; otherwise the customer's segment.
  const value = (k: string) => segmentValueExpr(own.has(k) ? `v.${ident(k)}` : `c.${ident(k)}`);
  const where = [
    o.dateFrom ? `v.day >= ${dateLit(o.dateFrom)}` : '',
    o.dateTo ? `v.day <= ${dateLit(o.dateTo)}` : '',
    filter ? `${value(filter.column)} IN (${filter.values.map(lit).join(', ')})` : '',
  ].filter(Boolean);
  return `sv AS (
  SELECT v.day, ${periodStart(o.grain, 'v.day', o.weekStart)} AS period_start, CAST(v.score AS DOUBLE) AS score,
    lower(trim(v.scale)) AS scale, v.reason, ${by ? value(by) : lit(ALL_SEGMENTS)} AS segment
  FROM survey v${needsCust ? ' LEFT JOIN cust c ON c.customer = trim(v.customer_id)' : ''}
  ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
)`;
}

/** Whether a score is on its scale; other rows (and rows without a score) are no response. */
const VALID = `score IS NOT NULL AND (
    (scale = 'nps' AND score BETWEEN 0 AND 10) OR (scale = 'csat' AND score BETWEEN 1 AND 5) OR (scale = 'ces' AND score BETWEEN 1 AND 7))`;

/**
 * One row per (period, segment), per period over all segments (segment '(all)'),
 * per segment over the whole range (period_start NULL), and the grand total.
 */
export function surveySql(
  o: Pick<MetricOptions, 'grain' | 'weekStart' | 'dateFrom' | 'dateTo' | 'segment'>,
  by: string | null = null,
  surveyKeys: readonly string[] = [],
): string {
  // Without a breakdown, segment is the constant '(all)' and only splits by period.
  const sets = by ? '(period_start, segment), (period_start), (segment), ()' : '(period_start, segment), (segment)';
  const cnt = (cond: string) => `count(*) FILTER (WHERE ${cond})`;
  return `WITH ${surveyRowsCte(o, by, surveyKeys)},
ok AS (SELECT * FROM sv WHERE ${VALID}),
agg AS (
  SELECT period_start, CASE WHEN grouping(segment) = 1 THEN ${lit(ALL_SEGMENTS)} ELSE segment END AS segment,
    count(*) AS responses,
    100.0 * (${cnt("scale = 'nps' AND score >= 9")} - ${cnt("scale = 'nps' AND score <= 6")}) / nullif(${cnt("scale = 'nps'")}, 0) AS nps,
    100.0 * ${cnt("scale = 'csat' AND score >= 4")} / nullif(${cnt("scale = 'csat'")}, 0) AS csat,
    avg(score) FILTER (WHERE scale = 'ces') AS ces
  FROM ok
  GROUP BY GROUPING SETS (${sets})
)
SELECT ${isoDate('period_start')} AS period_start, segment, responses,
  CAST(nps AS DOUBLE) AS nps, CAST(csat AS DOUBLE) AS csat, CAST(ces AS DOUBLE) AS ces,
  period_start IS NULL OR ${periodEnd(o.grain, 'period_start')} <= (SELECT max(day) FROM sv) AS complete
FROM agg
ORDER BY agg.period_start NULLS LAST, segment <> ${lit(ALL_SEGMENTS)}, segment`;
}

export interface SurveyRow {
  /** ISO date; null = the whole range. */
  periodStart: string | null;
  /** A segment value, or '(all)'. */
  segment: string;
  responses: number;
  /** −100…100; null without NPS responses. */
  nps: number | null;
  /** % of CSAT responses scoring 4 or 5, 0…100. */
  csat: number | null;
  /** Mean CES score, 1…7. */
  ces: number | null;
  /** False for a period that ends after the last response. */
  complete: boolean;
}

export function parseSurvey(rows: Row[]): SurveyRow[] {
  return rows.map((r) => ({
    periodStart: r.period_start === null ? null : s(r, 'period_start'),
    segment: s(r, 'segment'),
    responses: n(r, 'responses'),
    nps: nOrNull(r, 'nps'),
    csat: nOrNull(r, 'csat'),
    ces: nOrNull(r, 'ces'),
    complete: b(r, 'complete'),
  }));
}

export const SURVEY_CSV_COLUMNS = ['period_start', 'segment', 'responses', 'nps', 'csat', 'ces'] as const;

export function surveyCsv(rows: SurveyRow[]): CsvTable {
  return {
    columns: [...SURVEY_CSV_COLUMNS],
    rows: rows.map((r) => [r.periodStart, r.segment, r.responses, r.nps, r.csat, r.ces]),
  };
}
