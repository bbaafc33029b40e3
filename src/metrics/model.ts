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
 * cday (one row per customer-day), corder (one row per order), cgap (each activity day
 * with the customer's previous one) and cust (one row per customer) instead.
 */
import { ident } from './sql';
import type { DatasetInfo } from './types';

/** The tables modelSql creates. */
export const MODEL_TABLES = ['cday', 'corder', 'cgap', 'cust'] as const;

export function modelSql(info: DatasetInfo): string[] {
  const firstSeg = info.segments
    .map((s) => `arg_min_null(${ident(s.key)}, (ts, row_no)) FILTER (WHERE NOT is_refund) AS ${ident(s.key)}`)
    .join(',\n  ');
  return [
    `CREATE OR REPLACE TABLE cday AS
SELECT customer_id, day,
  count(DISTINCT order_id) FILTER (WHERE NOT is_refund) AS orders,
  sum(amount) AS revenue,
  sum(cost) AS cost,
  bool_or(NOT is_refund) AS active
FROM events
GROUP BY customer_id, day`,
    `CREATE OR REPLACE TABLE corder AS
SELECT customer_id, order_id, min(ts) AS ts, min(day) AS day, sum(amount) AS amount, sum(cost) AS cost
FROM events
WHERE NOT is_refund
GROUP BY customer_id, order_id`,
    // Consecutive activity days per customer, sorted once here instead of in every gap query.
    `CREATE OR REPLACE TABLE cgap AS
SELECT customer_id, day, lag(day) OVER w AS prev, CAST(row_number() OVER w - 1 AS INTEGER) AS transition
FROM cday
WHERE active
WINDOW w AS (PARTITION BY customer_id ORDER BY day)`,
    `CREATE OR REPLACE TABLE cust AS
SELECT customer_id,
  min(day) FILTER (WHERE NOT is_refund) AS first_day,
  max(day) FILTER (WHERE NOT is_refund) AS last_day,
  count(DISTINCT order_id) FILTER (WHERE NOT is_refund) AS orders,
  count(DISTINCT day) FILTER (WHERE NOT is_refund) AS active_days,
  sum(amount) AS revenue,
  sum(cost) AS cost${firstSeg ? ',\n  ' + firstSeg : ''}
FROM events
GROUP BY customer_id
HAVING min(day) FILTER (WHERE NOT is_refund) IS NOT NULL`,
  ];
}
