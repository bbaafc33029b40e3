/**
 * Value: historical CLV, LTV curves, a simple predicted CLV and margin.
 *
 * All money is net revenue (refunds subtract) of the customers active in scope.
 * Without a revenue column these metrics are "not available", never zero: every parser
 * takes DatasetInfo and returns a NotAvailable result instead of reading rows.
 */
import { b, n, nOrNull, s, type Row } from './rows';
import { customerCtes } from './repeat';
import { scopeCtes } from './scope';
import { ident, isoDate, lit, periodAdd, periodDiff, periodEnd, periodStart, greatestOf } from './sql';
import type { DatasetInfo, MetricOptions } from './types';

export type NotAvailableReason = 'no revenue column' | 'no cost column';

export interface NotAvailable {
  available: false;
  reason: NotAvailableReason;
  /** Text to show or export, e.g. "not available: no revenue column". */
  message: string;
}

export function notAvailable(reason: NotAvailableReason): NotAvailable {
  return { available: false, reason, message: `not available: ${reason}` };
}

/** NotAvailable when revenue metrics cannot be computed; callers may skip the query. */
export function revenueMissing(info: DatasetInfo): NotAvailable | null {
  return info.hasRevenue ? null : notAvailable('no revenue column');
}

/** NotAvailable when margin cannot be computed (no revenue, or no cost/margin column). */
export function costMissing(info: DatasetInfo): NotAvailable | null {
  return revenueMissing(info) ?? (info.hasCost ? null : notAvailable('no cost column'));
}

// ── Historical CLV ─────────────────────────────────────────────────────────────

export interface Clv {
  available: true;
  customers: number;
  revenue: number;
  /** Revenue per customer to date; the median is the usual one (mean of the two middle values). */
  mean: number | null;
  median: number | null;
}

/** Select-list items over `cso` shared with the KPI query. */
export function clvAggregates(): string {
  return `CAST(sum(revenue) AS DOUBLE) AS revenue, avg(revenue) AS clv_mean, median(revenue) AS clv_median`;
}

export function clvSql(o: MetricOptions, _info: DatasetInfo): string {
  return `WITH ${scopeCtes(o)},
${customerCtes(o)}
SELECT count(*) AS customers, ${clvAggregates()} FROM cso`;
}

export function parseClv(rows: Row[], info: DatasetInfo): Clv | NotAvailable {
  const missing = revenueMissing(info);
  if (missing) return missing;
  const [r] = rows;
  if (!r) throw new Error('clv: expected one row');
  return { available: true, customers: n(r, 'customers'), revenue: nOrNull(r, 'revenue') ?? 0, mean: nOrNull(r, 'clv_mean'), median: nOrNull(r, 'clv_median') };
}

// ── LTV curves ─────────────────────────────────────────────────────────────────

export interface LtvCell {
  cohort: string;
  offset: number;
  customers: number;
  /** Revenue of the cohort in period cohort + offset. */
  revenue: number;
  /** Revenue of the cohort in periods 0..offset divided by the cohort size. */
  cumulativePerCustomer: number;
  /** Period cohort + offset ended by data end. */
  complete: boolean;
}

export interface LtvAveragePoint {
  offset: number;
  /** Size-weighted over the cohorts whose cell is complete. */
  cumulativePerCustomer: number;
  cohorts: number;
  customers: number;
}

export interface Ltv {
  available: true;
  cells: LtvCell[];
  average: LtvAveragePoint[];
}

/** Cohort = period (options.grain) of the customer's first activity ever; offsets up to data end. */
export function ltvSql(o: MetricOptions, _info: DatasetInfo): string {
  const ps = (e: string) => periodStart(o.grain, e, o.weekStart);
  return `WITH ${scopeCtes(o)},
${customerCtes(o)},
coh AS (SELECT c.cid, ${ps('f.first_day')} AS cohort FROM cs c JOIN fcust f USING (cid)),
csize AS (SELECT cohort, count(*) AS n FROM coh GROUP BY cohort),
rev AS (
  SELECT coh.cohort, ${greatestOf('0', periodDiff(o.grain, 'coh.cohort', ps('d.day')))} AS k, sum(d.revenue) AS r
  FROM fday d JOIN coh USING (cid) GROUP BY ALL
),
grid AS (
  SELECT s.cohort, s.n, CAST(unnest(range(0, ${periodDiff(o.grain, 's.cohort', ps('bo.data_end'))} + 1)) AS INTEGER) AS k
  FROM csize s CROSS JOIN bounds bo
)
SELECT ${isoDate('g.cohort')} AS cohort, g.k AS period_offset, g.n AS customers, coalesce(r.r, 0) AS revenue,
  sum(coalesce(r.r, 0)) OVER (PARTITION BY g.cohort ORDER BY g.k) / g.n AS cum_per_customer,
  ${periodEnd(o.grain, periodAdd(o.grain, 'g.cohort', 'g.k'))} <= bo.data_end AS complete
FROM grid g CROSS JOIN bounds bo LEFT JOIN rev r ON r.cohort = g.cohort AND r.k = g.k
ORDER BY g.cohort, g.k`;
}

export function parseLtv(rows: Row[], info: DatasetInfo): Ltv | NotAvailable {
  const missing = revenueMissing(info);
  if (missing) return missing;
  const cells = rows.map((r) => ({
    cohort: s(r, 'cohort'),
    offset: n(r, 'period_offset'),
    customers: n(r, 'customers'),
    revenue: n(r, 'revenue'),
    cumulativePerCustomer: n(r, 'cum_per_customer'),
    complete: b(r, 'complete'),
  }));
  return { available: true, cells, average: averageCurve(cells) };
}

function averageCurve(cells: LtvCell[]): LtvAveragePoint[] {
  const acc = new Map<number, { sum: number; customers: number; cohorts: number }>();
  for (const c of cells) {
    if (!c.complete) continue;
    const a = acc.get(c.offset) ?? { sum: 0, customers: 0, cohorts: 0 };
    a.sum += c.cumulativePerCustomer * c.customers;
    a.customers += c.customers;
    a.cohorts++;
    acc.set(c.offset, a);
  }
  return [...acc]
    .sort((x, y) => x[0] - y[0])
    .map(([offset, a]) => ({ offset, cumulativePerCustomer: a.sum / a.customers, cohorts: a.cohorts, customers: a.customers }));
}

// ── Simple predicted CLV ───────────────────────────────────────────────────────

export interface PredictedClv {
  available: true;
  /** Net revenue / orders, whole scope. */
  averageOrderValue: number | null;
  /** Orders in the last 365 days / customers active in them. */
  ordersPerYear: number | null;
  /** Customers active in the year before last (days E−729..E−365) … */
  previousYearCustomers: number;
  /** … share of them with no activity in the last year (E−364..E). */
  yearlyChurn: number | null;
  lifetimeYears: number | null;
  /** (revenue − cost) / revenue when a cost column is mapped, else null (prediction is revenue). */
  marginRate: number | null;
  predictedClv: number | null;
  /** Why predictedClv is null, if it is. */
  note: string | null;
}

export function predictedClvSql(o: MetricOptions, info: DatasetInfo): string {
  const margin = info.hasCost ? 'coalesce(margin_rate, 1)' : '1';
  return `WITH ${scopeCtes(o)},
${customerCtes(o)},
yr AS (
  SELECT d.cid,
    bool_or(d.day BETWEEN bo.data_end - 729 AND bo.data_end - 365) AS prev_year,
    bool_or(d.day > bo.data_end - 365) AS last_year
  FROM fday d CROSS JOIN bounds bo WHERE d.active GROUP BY d.cid
),
parts AS (
  SELECT
    (SELECT CAST(sum(revenue) AS DOUBLE) / nullif(sum(orders), 0) FROM cso) AS aov,
    (SELECT count(*) FROM co CROSS JOIN bounds bo WHERE co.day > bo.data_end - 365) / nullif(count(*) FILTER (WHERE last_year), 0) AS orders_per_year,
    count(*) FILTER (WHERE prev_year) AS prev_year_customers,
    count(*) FILTER (WHERE prev_year AND NOT last_year) / nullif(count(*) FILTER (WHERE prev_year), 0) AS yearly_churn,
    ${info.hasCost ? '(SELECT (sum(revenue) - sum(cost)) / nullif(sum(revenue), 0) FROM cso)' : 'CAST(NULL AS DOUBLE)'} AS margin_rate
  FROM yr
)
SELECT *, 1 / nullif(yearly_churn, 0) AS lifetime_years,
  aov * orders_per_year / nullif(yearly_churn, 0) * ${margin} AS predicted_clv
FROM parts`;
}

export function parsePredictedClv(rows: Row[], info: DatasetInfo): PredictedClv | NotAvailable {
  const missing = revenueMissing(info);
  if (missing) return missing;
  const [r] = rows;
  if (!r) throw new Error('predicted clv: expected one row');
  const prev = n(r, 'prev_year_customers');
  const churn = nOrNull(r, 'yearly_churn');
  const predicted = nOrNull(r, 'predicted_clv');
  const note =
    predicted !== null
      ? null
      : prev === 0
        ? 'needs activity more than 365 days before data end'
        : churn === 0
          ? 'no customer of the previous year churned: lifetime unbounded'
          : 'no orders';
  return {
    available: true,
    averageOrderValue: nOrNull(r, 'aov'),
    ordersPerYear: nOrNull(r, 'orders_per_year'),
    previousYearCustomers: prev,
    yearlyChurn: churn,
    lifetimeYears: nOrNull(r, 'lifetime_years'),
    marginRate: nOrNull(r, 'margin_rate'),
    predictedClv: predicted,
    note,
  };
}

// ── Margin ─────────────────────────────────────────────────────────────────────

export interface MarginRow {
  /** null for the total row. */
  segmentKey: string | null;
  segmentValue: string | null;
  customers: number;
  revenue: number;
  cost: number;
  margin: number;
  marginPerCustomer: number | null;
  marginMedian: number | null;
  /** margin / revenue; null when revenue is 0. */
  marginRate: number | null;
}

export interface Margin {
  available: true;
  total: MarginRow;
  /** Per value of every segment column (the customer's value on their first activity). */
  segments: MarginRow[];
}

export function marginSql(o: MetricOptions, info: DatasetInfo): string {
  const agg = `count(*) AS customers, CAST(coalesce(sum(revenue), 0) AS DOUBLE) AS revenue, CAST(coalesce(sum(cost), 0) AS DOUBLE) AS cost,
    CAST(coalesce(sum(revenue), 0) - coalesce(sum(cost), 0) AS DOUBLE) AS margin,
    (coalesce(sum(revenue), 0) - coalesce(sum(cost), 0)) / nullif(count(*), 0) AS margin_per_customer,
    median(coalesce(revenue, 0) - coalesce(cost, 0)) AS margin_median,
    (coalesce(sum(revenue), 0) - coalesce(sum(cost), 0)) / nullif(sum(revenue), 0) AS margin_rate`;
  const perSegment = info.segments.map(
    (sg, i) => `SELECT ${i + 1} AS part, ${lit(sg.key)} AS segment_key, segment_value, ${agg}
FROM (SELECT c.revenue, c.cost, CAST(f.${ident(sg.key)} AS VARCHAR) AS segment_value FROM cso c JOIN fcust f USING (cid))
GROUP BY segment_value`,
  );
  return `WITH ${scopeCtes(o)},
${customerCtes(o)}
SELECT * FROM (
SELECT 0 AS part, CAST(NULL AS VARCHAR) AS segment_key, CAST(NULL AS VARCHAR) AS segment_value, ${agg} FROM cso
${perSegment.map((q) => `UNION ALL\n${q}`).join('\n')}
) ORDER BY part, segment_value NULLS LAST`;
}

export function parseMargin(rows: Row[], info: DatasetInfo): Margin | NotAvailable {
  const missing = costMissing(info);
  if (missing) return missing;
  const all = rows.map((r) => ({
    segmentKey: r['segment_key'] === null ? null : s(r, 'segment_key'),
    segmentValue: r['segment_value'] === null ? null : s(r, 'segment_value'),
    customers: n(r, 'customers'),
    revenue: n(r, 'revenue'),
    cost: n(r, 'cost'),
    margin: n(r, 'margin'),
    marginPerCustomer: nOrNull(r, 'margin_per_customer'),
    marginMedian: nOrNull(r, 'margin_median'),
    marginRate: nOrNull(r, 'margin_rate'),
  }));
  const [total, ...segments] = all;
  if (!total || total.segmentKey !== null) throw new Error('margin: expected the total row first');
  return { available: true, total, segments };
}
