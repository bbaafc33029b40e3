/**
 * Spend by purchase number and by year after the first purchase.
 *
 * Orders are numbered per customer from their first order ever, by time then order id
 * (same-time orders without an order id follow their row order as text, 'row:12' < 'row:9');
 * the 10th and later share one group. Year k after the first purchase = days
 * [365(k−1), 365k) after the first activity day; only customers whose year k had fully
 * elapsed by data end are counted for year k, so a young customer never pulls a year down.
 */
import { n, nOrNull, type Row } from './rows';
import { customerCtes } from './repeat';
import { inRange, scopeCtes, unscoped } from './scope';
import { num, leastOf, greatestOf } from './sql';
import type { CsvTable, DatasetInfo, MetricOptions } from './types';
import { revenueMissing, type NotAvailable } from './value';

/** Order numbers from this one on are grouped ("10+"). */
export const LAST_ORDER_NUMBER = 10;

export interface SpendByOrder {
  /** 1..9, and LAST_ORDER_NUMBER for "10th and later". */
  orderNumber: number;
  label: string;
  customers: number;
  orders: number;
  avgOrderValue: number | null;
}

export interface SpendByYear {
  /** 1 = the first 365 days from the first purchase. */
  year: number;
  /** Customers whose year had fully elapsed by data end. */
  customers: number;
  /** Of those, customers with activity in that year. */
  activeCustomers: number;
  revenue: number;
  revenuePerCustomer: number | null;
  revenuePerActiveCustomer: number | null;
}

export function spendByOrderSql(o: MetricOptions, _info: DatasetInfo): string {
  const last = num(LAST_ORDER_NUMBER);
  // A customer has one order with each number, so below the last bucket orders are customers.
  // So are the last bucket's orders numbered exactly `last`, unless a date range cut that order
  // off; only then are distinct customers counted (count(DISTINCT) is 4× slower in DuckDB-WASM).
  const lastBucket = o.dateFrom || o.dateTo ? `count(DISTINCT cid) FILTER (WHERE k = ${last})` : `count(*) FILTER (WHERE seq = ${last})`;
  return `WITH ${scopeCtes(o)},
kept AS (
  SELECT o.cid, o.seq, o.amount, ${leastOf('o.seq', last)} AS k
  FROM corder o${unscoped(o) ? '' : ' SEMI JOIN fcust c ON o.cid = c.cid'}
  WHERE ${inRange('o.day', o)}
)
SELECT CAST(k AS INTEGER) AS order_number,
  CASE WHEN k < ${last} THEN count(*) ELSE ${lastBucket} END AS customers,
  count(*) AS orders, avg(amount) AS avg_order_value
FROM kept GROUP BY k ORDER BY k`;
}

export function spendByYearSql(o: MetricOptions, _info: DatasetInfo): string {
  return `WITH ${scopeCtes(o)},
${customerCtes(o)},
base AS (SELECT c.cid, f.first_day FROM cs c JOIN fcust f USING (cid)),
yrev AS (
  SELECT d.cid, ${greatestOf('0', 'd.day - b.first_day')} // 365 + 1 AS k, sum(d.revenue) AS r, bool_or(d.active) AS active
  FROM fday d JOIN base b USING (cid) GROUP BY ALL
),
ks AS (
  SELECT CAST(unnest(range(1, coalesce(max(bo.data_end - b.first_day + 1) // 365, 0) + 1)) AS INTEGER) AS k
  FROM base b CROSS JOIN bounds bo
),
obs AS (SELECT ks.k, b.cid FROM ks CROSS JOIN bounds bo JOIN base b ON b.first_day + 365 * ks.k - 1 <= bo.data_end)
SELECT o.k AS year, count(*) AS customers, count(*) FILTER (WHERE y.active) AS active_customers,
  CAST(coalesce(sum(y.r), 0) AS DOUBLE) AS revenue,
  coalesce(sum(y.r), 0) / count(*) AS revenue_per_customer,
  sum(y.r) FILTER (WHERE y.active) / nullif(count(*) FILTER (WHERE y.active), 0) AS revenue_per_active_customer
FROM obs o LEFT JOIN yrev y ON y.cid = o.cid AND y.k = o.k
GROUP BY o.k ORDER BY o.k`;
}

export function parseSpendByOrder(rows: Row[], info: DatasetInfo): SpendByOrder[] | NotAvailable {
  const missing = revenueMissing(info);
  if (missing) return missing;
  return rows.map((r) => {
    const k = n(r, 'order_number');
    return {
      orderNumber: k,
      label: k >= LAST_ORDER_NUMBER ? `${k}+` : String(k),
      customers: n(r, 'customers'),
      orders: n(r, 'orders'),
      avgOrderValue: nOrNull(r, 'avg_order_value'),
    };
  });
}

export function parseSpendByYear(rows: Row[], info: DatasetInfo): SpendByYear[] | NotAvailable {
  const missing = revenueMissing(info);
  if (missing) return missing;
  return rows.map((r) => ({
    year: n(r, 'year'),
    customers: n(r, 'customers'),
    activeCustomers: n(r, 'active_customers'),
    revenue: n(r, 'revenue'),
    revenuePerCustomer: nOrNull(r, 'revenue_per_customer'),
    revenuePerActiveCustomer: nOrNull(r, 'revenue_per_active_customer'),
  }));
}

export const SPEND_COLUMNS = ['order_number', 'customers', 'avg_order_value'];
export const SPEND_YEAR_COLUMNS = ['year', 'customers', 'active_customers', 'revenue_per_customer', 'revenue_per_active_customer'];

/** order_number is 1..9, then "10+". Without revenue: one row per column saying why. */
export function spendCsv(spend: SpendByOrder[] | NotAvailable): CsvTable {
  if (!Array.isArray(spend)) return { columns: SPEND_COLUMNS, rows: [[spend.message, null, null]] };
  return { columns: SPEND_COLUMNS, rows: spend.map((x) => [x.orderNumber >= LAST_ORDER_NUMBER ? x.label : x.orderNumber, x.customers, x.avgOrderValue]) };
}

export function spendByYearCsv(spend: SpendByYear[] | NotAvailable): CsvTable {
  if (!Array.isArray(spend)) return { columns: SPEND_YEAR_COLUMNS, rows: [[spend.message, null, null, null, null]] };
  return {
    columns: SPEND_YEAR_COLUMNS,
    rows: spend.map((y) => [y.year, y.customers, y.activeCustomers, y.revenuePerCustomer, y.revenuePerActiveCustomer]),
  };
}
