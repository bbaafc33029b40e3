/**
 * Segments: which group a customer belongs to, and the KPI table that compares groups.
 *
 * A customer's segment value lives on `cust` (one row per customer), so every metric
 * filters and groups by the same value:
 *  - activity rows: the value on the customer's first activity (modelSql does that);
 *  - a customers file (`customer_attrs`) overrides it where it has a non-blank value;
 *  - blank and missing values become EMPTY_SEGMENT, so the segment filter can select
 *    them and no customer silently disappears from a breakdown;
 *  - two derived segments are added: `spend_tier` (revenue quartiles) and `rfm`
 *    (recency / frequency / monetary groups). See docs/metrics.md (Segments).
 */
import { inRange, scopeCtes, segmentFiltered } from './scope';
import { createTable } from './model';
import { dateLit, ident, lit, num, periodAdd, periodEnd, periodStart } from './sql';
import { n, nOrNull, s, type Row } from './rows';
import type { CsvTable, DatasetInfo, MetricOptions, SegmentColumn, TablesPresent } from './types';

export const EMPTY_SEGMENT = '(empty)';

/** Segments every dataset gets, computed on `cust` by segmentModelSql. */
export const DERIVED_SEGMENTS: readonly SegmentColumn[] = [
  { key: 'spend_tier', label: 'Spend tier' },
  { key: 'rfm', label: 'RFM group' },
];

/** Spend tiers from the best quartile down; `spend_tier` is NULL when no revenue is mapped. */
export const SPEND_TIERS = ['Q1 (top 25 %)', 'Q2 (25-50 %)', 'Q3 (50-75 %)', 'Q4 (bottom 25 %)'] as const;

/** RFM groups in display order (best first). */
export const RFM_GROUPS = [
  'Champions',
  'Loyal customers',
  'Potential loyalists',
  'New customers',
  'Promising',
  'Need attention',
  'About to sleep',
  'At risk',
  "Can't lose them",
  'Hibernating',
  'Lost',
] as const;

/** A segment value as shown and filtered: trimmed text, blank or NULL as EMPTY_SEGMENT. */
export function segmentValueExpr(e: string): string {
  return `coalesce(nullif(trim(CAST(${e} AS VARCHAR)), ''), ${lit(EMPTY_SEGMENT)})`;
}

/**
 * Statements to run after modelSql(info). `attrSegments` are the segment columns the
 * customers table has (keys shared with events by label); a key that events lack
 * becomes a new column on cust. Without a customers table it may be left out.
 *
 * One statement rewrites cust with both the overridden and the derived segments: at ten
 * million rows, writing the (compressed) customer table once more cost most of a second.
 */
export function segmentModelSql(
  info: DatasetInfo,
  tables: TablesPresent,
  attrSegments: readonly SegmentColumn[] = [],
  temp = false,
): string[] {
  const o = overrideParts(info, tables.customerAttrs ? attrSegments : []);
  const d = derivedParts(info);
  return [`${createTable('cust', temp)} AS
WITH ${[...o.ctes, ...d.ctes].join(',\n')}
SELECT ${[...o.columns, ...d.columns].join(',\n  ')}
FROM cust c ${[...o.joins, ...d.joins].join(' ')}`];
}

interface CustParts {
  ctes: string[];
  columns: string[];
  joins: string[];
}

/** A customers file overrides the first-activity value (cust, from modelSql); blanks become EMPTY_SEGMENT. */
function overrideParts(info: DatasetInfo, attrs: readonly SegmentColumn[]): CustParts {
  const eventKeys = new Set(info.segments.map((c) => c.key));
  const attrKeys = new Set(attrs.map((c) => c.key));
  const replaced = info.segments.map((c) => {
    const fromAttrs = attrKeys.has(c.key) ? `a.${ident(c.key)}, ` : '';
    return `coalesce(${fromAttrs}nullif(trim(c.${ident(c.key)}), ''), ${lit(EMPTY_SEGMENT)}) AS ${ident(c.key)}`;
  });
  const added = attrs
    .filter((c) => !eventKeys.has(c.key))
    .map((c) => `coalesce(a.${ident(c.key)}, ${lit(EMPTY_SEGMENT)}) AS ${ident(c.key)}`);
  const star = replaced.length ? `c.* REPLACE (${replaced.join(', ')})` : 'c.*';
  if (!attrs.length) return { ctes: [], columns: [star, ...added], joins: [] };
  // One row per customer is the contract; min() keeps a duplicated id deterministic.
  const agg = attrs.map((c) => `min(nullif(trim(${ident(c.key)}), '')) AS ${ident(c.key)}`).join(', ');
  return {
    ctes: [`a AS (SELECT trim(customer_id) AS customer, ${agg} FROM customer_attrs GROUP BY 1)`],
    columns: [star, ...added],
    joins: ['LEFT JOIN a ON a.customer = c.customer'],
  };
}

/**
 * Scores are positions, not ntile buckets, so that tied customers always share a score:
 * score = 1 + k·(customers strictly worse) // all customers. Ties take the lower score,
 * which keeps every one-time buyer at F = 1 even when they are half of the customers.
 */
function derivedParts(info: DatasetInfo): CustParts {
  const below = (order: string, buckets: number) => `1 + (${buckets} * (rank() OVER (ORDER BY ${order}) - 1)) // count(*) OVER ()`;
  const fm = info.hasRevenue ? '(f + m) // 2' : 'f';
  const tier = info.hasRevenue
    ? `CASE q ${SPEND_TIERS.map((t, i) => `WHEN ${4 - i} THEN ${lit(t)}`).join(' ')} END`
    : 'CAST(NULL AS VARCHAR)';
  // The scores are ranked over the few columns they need and joined back by customer: a window
  // over every column of cust (ids and segments included) cost three times as much.
  return {
    ctes: [
      `b AS (
  SELECT cid, (SELECT max(last_day) FROM cust) - last_day AS recency_days, coalesce(revenue, 0) AS money, orders FROM cust
)`,
      `scored AS (
  SELECT cid,
    ${below('money', 4)} AS q,
    ${below('recency_days DESC', 5)} AS r,
    ${below('orders', 5)} AS f,
    ${info.hasRevenue ? below('money', 5) : 'CAST(NULL AS BIGINT)'} AS m
  FROM b
)`,
      `grid AS (SELECT *, ${fm} AS fm FROM scored)`,
    ],
    columns: [
      `${tier} AS spend_tier`,
      'CAST(r AS INTEGER) AS rfm_r, CAST(f AS INTEGER) AS rfm_f, CAST(m AS INTEGER) AS rfm_m',
      `${rfmGroupExpr('r', 'fm')} AS rfm`,
    ],
    joins: ['JOIN grid USING (cid)'],
  };
}

/** The R × FM grid (FM = floor of the mean of F and M; F alone without revenue); r and fm are 1…5 expressions. */
export function rfmGroupExpr(r: string, fm: string): string {
  const g = (name: (typeof RFM_GROUPS)[number]) => lit(name);
  const R = `(${r})`;
  const FM = `(${fm})`;
  return `CASE
    WHEN ${R} = 5 AND ${FM} >= 4 THEN ${g('Champions')}
    WHEN ${R} >= 3 AND ${FM} >= 4 THEN ${g('Loyal customers')}
    WHEN ${R} >= 4 AND ${FM} >= 2 THEN ${g('Potential loyalists')}
    WHEN ${R} = 5 THEN ${g('New customers')}
    WHEN ${R} = 4 THEN ${g('Promising')}
    WHEN ${R} = 3 AND ${FM} = 3 THEN ${g('Need attention')}
    WHEN ${R} = 3 THEN ${g('About to sleep')}
    WHEN ${FM} = 5 THEN ${g("Can't lose them")}
    WHEN ${FM} >= 3 THEN ${g('At risk')}
    WHEN ${R} = 2 THEN ${g('Hibernating')}
    ELSE ${g('Lost')}
  END`;
}

export interface SegmentValue {
  value: string;
  customers: number;
}

/** Distinct values of a cust column with customer counts, largest first, for the filter UI. */
export function segmentValuesSql(column: string): string {
  return `SELECT ${segmentValueExpr(ident(column))} AS value, count(*) AS customers
FROM cust GROUP BY 1 ORDER BY customers DESC, value`;
}

export function parseSegmentValues(rows: Row[]): SegmentValue[] {
  return rows.map((r) => ({ value: s(r, 'value'), customers: n(r, 'customers') }));
}

export interface SegmentKpi {
  segment: string;
  customers: number;
  /** Fractions 0…1. */
  repeatRate: number;
  /** (E − N) / S of the last complete period; null when there is none or S = 0. */
  crrLast: number | null;
  gapMedianDays: number | null;
  /** Mean net revenue per customer; null without revenue. */
  clvMean: number | null;
}

/**
 * KPI table per value of `column` over the filtered scope. `windowDays` is the activity
 * window W of the CRR (the crr module resolves the data-derived default); it falls back
 * to options.activityWindow.
 */
export function segmentKpisSql(
  o: MetricOptions,
  info: DatasetInfo,
  column: string,
  windowDays: number | null = o.activityWindow,
): string {
  if (windowDays === null || windowDays < 1) throw new Error('segmentKpisSql needs the activity window W in days');
  const w = num(Math.round(windowDays));
  const range = [o.dateFrom ? `day >= ${dateLit(o.dateFrom)}` : '', o.dateTo ? `day <= ${dateLit(o.dateTo)}` : '']
    .filter(Boolean)
    .join(' AND ');
  const p = (e: string) => periodStart(o.grain, e, o.weekStart);
  // gaps: the previous activity day (cday.prev_active) is in scope when it is on or after the
  // range's start: it comes before an activity day in scope, and the segment filter keeps whole
  // customers. crr: a customer new in the period was active on their first day, inside the days read.
  // seg is read three times; computing it each time was quicker than DuckDB's copy (1 M rows: 118 → 89 ms).
  const last = `CASE WHEN ${periodEnd(o.grain, p('data_end'))} <= data_end THEN ${p('data_end')} ELSE ${periodAdd(o.grain, p('data_end'), '-1')} END`;
  return `WITH ${scopeCtes(o)},
seg AS NOT MATERIALIZED (SELECT cid, first_day${range ? '' : ', orders, revenue'}, ${segmentValueExpr(ident(column))} AS segment FROM fcust),
act AS (SELECT cid, day FROM fday WHERE active),
gaps AS (SELECT cid, day - prev_active AS gap FROM fday WHERE active AND ${inRange('prev_active', { dateFrom: o.dateFrom, dateTo: null })}),
per AS (
  SELECT d0, ${periodEnd(o.grain, 'd0')} AS d1
  FROM (SELECT ${last} AS d0, ${p('data_start')} AS first_period FROM bounds)
  WHERE d0 > first_period
),
crr AS (
  SELECT s.segment,
    count(DISTINCT a.cid) FILTER (WHERE a.day BETWEEN per.d0 - ${w} AND per.d0 - 1) AS s_n,
    count(DISTINCT a.cid) FILTER (WHERE a.day BETWEEN per.d1 - ${w} + 1 AND per.d1) AS e_n,
    count(DISTINCT a.cid) FILTER (WHERE s.first_day BETWEEN per.d0 AND per.d1) AS n_n
  FROM act a JOIN seg s USING (cid) CROSS JOIN per
  WHERE a.day BETWEEN per.d0 - ${w} AND per.d1
  GROUP BY s.segment
),
gap_med AS (
  SELECT s.segment, median(g.gap) AS gap_median_days
  FROM gaps g JOIN seg s USING (cid) WHERE g.gap IS NOT NULL GROUP BY s.segment
),
${segmentBaseCte(info, range, segmentFiltered(o))}
SELECT b.segment, b.customers, CAST(b.repeat_rate AS DOUBLE) AS repeat_rate,
  CASE WHEN c.s_n > 0 THEN (c.e_n - c.n_n) / c.s_n END AS crr_last,
  CAST(g.gap_median_days AS DOUBLE) AS gap_median_days, CAST(b.clv_mean AS DOUBLE) AS clv_mean
FROM base b LEFT JOIN crr c USING (segment) LEFT JOIN gap_med g USING (segment)
ORDER BY b.customers DESC, b.segment`;
}

/**
 * `base(segment, customers, repeat_rate, clv_mean)` over the customers active in scope. Without
 * a date range they are every customer of `seg` (a segment filter keeps whole customers), with
 * their orders and revenue already on cust: three passes over the customer-days and orders fewer.
 */
function segmentBaseCte(info: DatasetInfo, range: string, segmentFilter: boolean): string {
  const cols = (orders: string, revenue: string) => `count(*) AS customers,
    avg(CASE WHEN coalesce(${orders}, 0) >= 2 THEN 1.0 ELSE 0.0 END) AS repeat_rate,
    ${info.hasRevenue ? `avg(coalesce(${revenue}, 0))` : 'CAST(NULL AS DOUBLE)'} AS clv_mean`;
  if (!range) return `base AS (SELECT segment, ${cols('orders', 'revenue')} FROM seg GROUP BY segment)`;
  return `pop AS (SELECT DISTINCT cid FROM act),
ord AS (
  SELECT cid, count(*) AS orders FROM corder${segmentFilter ? ' SEMI JOIN fcust USING (cid)' : ''}
  WHERE ${range} GROUP BY cid
),
rev AS (SELECT cid, sum(revenue) AS revenue FROM fday GROUP BY cid),
base AS (
  SELECT s.segment, ${cols('o.orders', 'r.revenue')}
  FROM pop JOIN seg s USING (cid) LEFT JOIN ord o USING (cid) LEFT JOIN rev r USING (cid)
  GROUP BY s.segment
)`;
}

export function parseSegmentKpis(rows: Row[]): SegmentKpi[] {
  return rows.map((r) => ({
    segment: s(r, 'segment'),
    customers: n(r, 'customers'),
    repeatRate: n(r, 'repeat_rate'),
    crrLast: nOrNull(r, 'crr_last'),
    gapMedianDays: nOrNull(r, 'gap_median_days'),
    clvMean: nOrNull(r, 'clv_mean'),
  }));
}

export const SEGMENTS_CSV_COLUMNS = [
  'segment_column',
  'segment',
  'customers',
  'repeat_rate',
  'crr_last',
  'gap_median_days',
  'clv_mean',
] as const;

/** `segmentColumn` is the label the user knows the column by. */
export function segmentsCsv(segmentColumn: string, kpis: SegmentKpi[]): CsvTable {
  return {
    columns: [...SEGMENTS_CSV_COLUMNS],
    rows: kpis.map((k) => [segmentColumn, k.segment, k.customers, k.repeatRate, k.crrLast, k.gapMedianDays, k.clvMean]),
  };
}
