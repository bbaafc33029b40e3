/**
 * Repeat behaviour: repeat rate (% loyal), orders per customer, average visit frequency.
 *
 * Customers are those with at least one activity day in scope (segment + date range).
 * An order is a distinct order id (a row when no order id is mapped), counted on the day
 * it was placed. Visit frequency = activity days ÷ months of active life, per customer,
 * averaged over customers; active life = first to last activity day inclusive, in months
 * of 30.4375 days (365.25 / 12), at least one month.
 */
import { n, nOrNull, type Row } from './rows';
import { inRange, scopeCtes, segmentFiltered } from './scope';
import { greatestOf } from './sql';
import type { DatasetInfo, MetricOptions } from './types';

export const DAYS_PER_MONTH = 30.4375;

/**
 * CTEs to follow scopeCtes: `co` = orders placed on an in-scope day; `cs` = one row per
 * customer active in scope (first_day, last_day, active_days, orders, revenue, cost).
 * revenue/cost are net of refunds (a refund day is not activity but its amount counts).
 */
export function customerCtes(o: Pick<MetricOptions, 'segment' | 'dateFrom' | 'dateTo'>): string {
  // An order's day is one of its customer's days in cday: in fday when the customer is in fcust and the day in range.
  const co = `SELECT o.* FROM corder o${segmentFiltered(o) ? ' SEMI JOIN fcust c ON o.cid = c.cid' : ''} WHERE ${inRange('o.day', o)}`;
  if (!o.dateFrom && !o.dateTo) {
    // Without a date range every order and customer-day of a customer in scope counts (a segment
    // filter keeps whole customers): `cust` (built once per load) already holds these figures,
    // so nothing is recomputed from cday and corder.
    return `co AS (${co}),
cs AS (SELECT cid, first_day, last_day, active_days, revenue, cost FROM fcust),
cso AS (SELECT cid, first_day, last_day, active_days, revenue, cost, orders FROM fcust)`;
  }
  return `co AS (${co}),
cs_orders AS (SELECT cid, count(*) AS orders FROM co GROUP BY cid),
cs AS (
  SELECT d.cid,
    min(d.day) FILTER (WHERE d.active) AS first_day,
    max(d.day) FILTER (WHERE d.active) AS last_day,
    count(*) FILTER (WHERE d.active) AS active_days,
    sum(d.revenue) AS revenue,
    sum(d.cost) AS cost
  FROM fday d
  GROUP BY d.cid
  HAVING bool_or(d.active)
),
cso AS (SELECT cs.*, coalesce(o.orders, 0) AS orders FROM cs LEFT JOIN cs_orders o USING (cid))`;
}

/** Select-list items over `cso` shared with the KPI query. */
export function repeatAggregates(): string {
  return `count(*) AS customers,
  CAST(coalesce(sum(orders), 0) AS BIGINT) AS orders,
  count(*) FILTER (WHERE orders >= 2) AS repeat_customers,
  count(*) FILTER (WHERE active_days >= 2) AS repeat_customers_by_days,
  count(*) FILTER (WHERE orders >= 2) / nullif(count(*), 0) AS repeat_rate,
  count(*) FILTER (WHERE active_days >= 2) / nullif(count(*), 0) AS repeat_rate_by_days,
  sum(orders) / nullif(count(*), 0) AS orders_per_customer,
  avg(active_days / ${greatestOf('1', `(last_day - first_day + 1) / ${DAYS_PER_MONTH}`)}) AS visit_frequency`;
}

export interface Repeat {
  customers: number;
  orders: number;
  /** Customers with 2 or more orders. */
  repeatCustomers: number;
  repeatRate: number | null;
  /** Customers with 2 or more distinct activity days (same-day orders merged). */
  repeatCustomersByDays: number;
  repeatRateByDays: number | null;
  ordersPerCustomer: number | null;
  /** Activity days per customer per month of active life. */
  visitFrequency: number | null;
}

export function repeatSql(o: MetricOptions, _info: DatasetInfo): string {
  return `WITH ${scopeCtes(o)},
${customerCtes(o)}
SELECT ${repeatAggregates()}
FROM cso`;
}

export function parseRepeatRow(r: Row): Repeat {
  return {
    customers: n(r, 'customers'),
    orders: n(r, 'orders'),
    repeatCustomers: n(r, 'repeat_customers'),
    repeatRate: nOrNull(r, 'repeat_rate'),
    repeatCustomersByDays: n(r, 'repeat_customers_by_days'),
    repeatRateByDays: nOrNull(r, 'repeat_rate_by_days'),
    ordersPerCustomer: nOrNull(r, 'orders_per_customer'),
    visitFrequency: nOrNull(r, 'visit_frequency'),
  };
}

export function parseRepeat(rows: Row[]): Repeat {
  const [r] = rows;
  if (!r) throw new Error('repeat: expected one row');
  return parseRepeatRow(r);
}
