/**
 * The compact tables every metric reads, built once per load from `events`.
 *
 * `events` is the contract with the ingest layer: one row per readable source row
 * that has a customer id and a date, with these columns:
 *   row_no BIGINT       source data row number (1 = first row after the header)
 *   customer_id VARCHAR trimmed, never empty
 *   ts TIMESTAMP        wall-clock time in the dashboard's time zone
 *   day DATE            CAST(ts AS DATE)
 *   order_id VARCHAR    the mapped order id, else 'row:' || row_no (an order is a row)
 *   amount DOUBLE       net amount; NULL when no revenue is mapped; negative for refunds
 *   cost DOUBLE         NULL when no cost/margin is mapped
 *   is_refund BOOLEAN   negative amount or cancellation marker: revenue, never activity
 *   s1 … sN VARCHAR     segment columns (see DatasetInfo.segments)
 *
 * Reading the raw rows once here keeps every option change cheap: metrics scan
 * cday (one row per customer-day, with the customer's first activity day, the activity
 * days before and after it and its number among the activity days), corder (one row per order,
 * numbered per customer), cgap (each activity day with the customer's previous one, a view of
 * cday) and cust (one row per customer) instead.
 */
import { ident } from './sql';
import type { DatasetInfo } from './types';

/** The tables modelSql creates. */
export const MODEL_TABLES = ['cids', 'cday', 'corder', 'cust'] as const;

/** The views modelSql creates (over the tables, so they cost nothing to build). */
export const MODEL_VIEWS = ['cgap'] as const;

/** `CREATE OR REPLACE [TEMP] TABLE`: small datasets keep the model uncompressed (quicker), see UNCOMPRESSED_ROWS. */
export function createTable(name: string, temp: boolean): string {
  return `CREATE OR REPLACE ${temp ? 'TEMP ' : ''}TABLE ${name}`;
}

/**
 * Customers are numbered (`cid`, in the order of their id text, so sorting by cid sorts by id):
 * every metric groups, joins and partitions by customer, and integers do that about a third
 * faster than text. Only `cust.customer` keeps the id as written in the file.
 *
 * Named windows are named after their table: the SQL shown for a panel runs these statements
 * and the panel's query as one script, and DuckDB's parser rejects a window name that two
 * statements of one script define.
 */
export function modelSql(info: DatasetInfo, temp = false): string[] {
  const segs = info.segments.map((s) => ident(s.key));
  // A customer's segment is the value at their first non-refund row (earliest time, then file
  // order). Taken per customer from the rows, not per order: an aggregate with a struct key per
  // order (a million groups) cost twice as much as corder itself.
  const firstRow = '{t: e.ts, r: e.row_no}';
  const custSegs = segs.map((s) => `, arg_min_null(e.${s}, ${firstRow}) AS ${s}`).join('');
  const custSegCols = segs.map((s) => `, f.${s}`).join('');
  const firstSegs = segs.length
    ? `,
f AS (
  SELECT m.cid${custSegs}
  FROM events e JOIN cids m ON m.customer = e.customer_id
  WHERE NOT e.is_refund GROUP BY m.cid
)`
    : '';
  return [
    `${createTable('cids', temp)} AS
SELECT customer_id AS customer, CAST(row_number() OVER (ORDER BY customer_id) AS INTEGER) AS cid
FROM (SELECT DISTINCT customer_id FROM events)`,
    // first_day, prev_active and next_active are per-customer facts that retention queries
    // would otherwise get from a join with cust and a window or a group per customer and period
    // (the costliest steps of those queries); computed once here, they are plain columns. The
    // window leaves the rows grouped by customer and sorted by day; a further ORDER BY cost
    // about 15 % of the table's build and made no query faster.
    `${createTable('cday', temp)} AS
WITH g AS (
  SELECT m.cid, e.day,
    sum(e.amount) AS revenue,
    sum(e.cost) AS cost,
    bool_or(NOT e.is_refund) AS active
  FROM events e JOIN cids m ON m.customer = e.customer_id
  GROUP BY m.cid, e.day
)
SELECT *,
  min(day) FILTER (WHERE active) OVER (PARTITION BY cid) AS first_day,
  lag(CASE WHEN active THEN day END IGNORE NULLS) OVER cday_w AS prev_active,
  lead(CASE WHEN active THEN day END IGNORE NULLS) OVER cday_w AS next_active,
  CAST(count(*) FILTER (WHERE active) OVER cday_w AS INTEGER) AS active_seq
FROM g
WINDOW cday_w AS (PARTITION BY cid ORDER BY day)`,
    // seq: the order's number in the customer's purchase history (1 = first purchase ever), the
    // same under every filter, so numbered once here. The order id itself is not kept: no metric
    // reads it, and at 10 M rows writing ten million distinct ids to compressed storage took
    // longer than grouping them.
    `${createTable('corder', temp)} AS
SELECT cid, ts, day, amount, cost, CAST(row_number() OVER (PARTITION BY cid ORDER BY ts, order_id) AS INTEGER) AS seq
FROM (
  ${orderRows(info)}
)`,
    // Consecutive activity days per customer. cday's window already found each activity day's
    // predecessor and its number (active_seq: the customer's activity days up to and including
    // this one); a table of its own cost a second sort of the customer-days.
    `CREATE OR REPLACE VIEW cgap AS
SELECT cid, day, prev_active AS prev, active_seq - 1 AS transition
FROM cday
WHERE active`,
    // Customers with at least one non-refund row; revenue and cost net of their refunds.
    `${createTable('cust', temp)} AS
WITH d AS (
  SELECT cid,
    min(day) FILTER (WHERE active) AS first_day,
    max(day) FILTER (WHERE active) AS last_day,
    count(*) FILTER (WHERE active) AS active_days,
    sum(revenue) AS revenue,
    sum(cost) AS cost
  FROM cday GROUP BY cid HAVING bool_or(active)
),
o AS (SELECT cid, count(*) AS orders FROM corder GROUP BY cid)${firstSegs}
SELECT d.cid, m.customer, d.first_day, d.last_day, o.orders, d.active_days, d.revenue, d.cost${custSegCols}
FROM d JOIN o USING (cid) JOIN cids m USING (cid)${segs.length ? ' JOIN f USING (cid)' : ''}
ORDER BY d.cid`,
  ];
}

/**
 * One row per order (not refunds). Without a mapped order id every row is its own order (its id is
 * `row:<row_no>`, unique), so the rows need no grouping: at 10 M rows the grouping by customer and
 * order id was three quarters of corder's time.
 */
function orderRows(info: DatasetInfo): string {
  if (!info.hasOrderId) {
    return `SELECT m.cid, e.order_id, e.ts, e.day, e.amount, e.cost
  FROM events e JOIN cids m ON m.customer = e.customer_id
  WHERE NOT e.is_refund`;
  }
  return `SELECT m.cid, e.order_id, min(e.ts) AS ts, min(e.day) AS day, sum(e.amount) AS amount, sum(e.cost) AS cost
  FROM events e JOIN cids m ON m.customer = e.customer_id
  WHERE NOT e.is_refund
  GROUP BY m.cid, e.order_id`;
}
