/**
 * Revenue concentration: the share of net revenue coming from the top p % of customers
 * (top k = ceil(p % × customers), ties broken by customer id), the Lorenz curve and the
 * Gini coefficient. Shares are null when total revenue is not positive (they would not
 * mean anything).
 */
import { n, nOrNull, type Row } from './rows';
import { customerCtes } from './repeat';
import { scopeCtes } from './scope';
import { num } from './sql';
import type { DatasetInfo, MetricOptions } from './types';
import { revenueMissing, type NotAvailable } from './value';

export const TOP_PERCENTS = [1, 3, 10, 20] as const;
export type TopPercent = (typeof TOP_PERCENTS)[number];

/** CTE to follow customerCtes: `ranked(cid, revenue, rk, n, total)`, rk 1 = biggest spender. */
export function rankedCte(): string {
  return `ranked AS (
  SELECT cid, coalesce(revenue, 0) AS revenue,
    row_number() OVER (ORDER BY coalesce(revenue, 0) DESC, cid) AS rk,
    count(*) OVER () AS n, sum(coalesce(revenue, 0)) OVER () AS total
  FROM cso
)`;
}

/** Select-list items over `ranked`, shared with the KPI query: topP_share and topP_customers per P. */
export function topShareAggregates(): string {
  return TOP_PERCENTS.map((p) => {
    const inTop = `rk <= (${num(p)} * n + 99) // 100`;
    return `CASE WHEN any_value(total) > 0 THEN CAST(sum(revenue) FILTER (WHERE ${inTop}) / any_value(total) AS DOUBLE) END AS top${p}_share,
  count(*) FILTER (WHERE ${inTop}) AS top${p}_customers,
  (avg(revenue) FILTER (WHERE ${inTop})) / nullif(avg(revenue) FILTER (WHERE NOT (${inTop})), 0) AS top${p}_vs_rest`;
  }).join(',\n  ');
}

export interface TopShare {
  percent: TopPercent;
  customers: number;
  share: number | null;
  /** Mean revenue of the top customers ÷ mean revenue of all the others. */
  vsRest: number | null;
}

export interface Concentration {
  available: true;
  customers: number;
  revenue: number;
  top: TopShare[];
  /** 0 = everyone spends the same, → 1 = one customer has all revenue. */
  gini: number | null;
}

export function concentrationSql(o: MetricOptions, _info: DatasetInfo): string {
  // Gini from the ascending rank (n + 1 - rk): 2·Σ i·x_i / (n·Σx) − (n + 1) / n
  return `WITH ${scopeCtes(o)},
${customerCtes(o)},
${rankedCte()}
SELECT count(*) AS customers, CAST(coalesce(sum(revenue), 0) AS DOUBLE) AS revenue,
  ${topShareAggregates()},
  CASE WHEN sum(revenue) > 0 THEN CAST(2 * sum((n + 1 - rk) * revenue) / (count(*) * sum(revenue)) - (count(*) + 1) / count(*) AS DOUBLE) END AS gini
FROM ranked`;
}

export function parseConcentration(rows: Row[], info: DatasetInfo): Concentration | NotAvailable {
  const missing = revenueMissing(info);
  if (missing) return missing;
  const [r] = rows;
  if (!r) throw new Error('concentration: expected one row');
  return {
    available: true,
    customers: n(r, 'customers'),
    revenue: n(r, 'revenue'),
    top: TOP_PERCENTS.map((p) => ({
      percent: p,
      customers: n(r, `top${p}_customers`),
      share: nOrNull(r, `top${p}_share`),
      vsRest: nOrNull(r, `top${p}_vs_rest`),
    })),
    gini: nOrNull(r, 'gini'),
  };
}

export interface LorenzPoint {
  /** Share of customers, from the smallest spenders up: i / points. */
  customerShare: number;
  /** Share of revenue of the floor(customerShare × customers) smallest spenders. */
  revenueShare: number | null;
}

export interface Lorenz {
  available: true;
  points: LorenzPoint[];
}

/** points + 1 points (0 and 1 included), default 100 segments. */
export function lorenzSql(o: MetricOptions, _info: DatasetInfo, points = 100): string {
  if (!Number.isInteger(points) || points < 1) throw new Error(`Lorenz points must be a whole number >= 1, got ${points}`);
  return `WITH ${scopeCtes(o)},
${customerCtes(o)},
${rankedCte()},
asc_cum AS (SELECT n + 1 - rk AS i, sum(revenue) OVER (ORDER BY rk DESC) AS cum FROM ranked),
tot AS (SELECT count(*) AS n, sum(revenue) AS total FROM ranked)
SELECT p.i / ${num(points)} AS customer_share,
  CASE WHEN t.total > 0 THEN CAST(coalesce(a.cum, 0) / t.total AS DOUBLE) END AS revenue_share
FROM range(0, ${num(points + 1)}) AS p(i) CROSS JOIN tot t LEFT JOIN asc_cum a ON a.i = (p.i * t.n) // ${num(points)}
ORDER BY p.i`;
}

export function parseLorenz(rows: Row[], info: DatasetInfo): Lorenz | NotAvailable {
  const missing = revenueMissing(info);
  if (missing) return missing;
  return { available: true, points: rows.map((r) => ({ customerShare: n(r, 'customer_share'), revenueShare: nOrNull(r, 'revenue_share') })) };
}
