/**
 * The headline KPIs in one query (one pass over the compact tables), and their CSV export.
 * Money KPIs need a revenue column; without one they are "not available", never 0.
 * Row counts and the activity window come from the ingest layer and CRR, passed in.
 */
import { gapAggregates, gapCtes, gapHistogramCte, parseGapStatsRow } from './gaps';
import { customerCtes, parseRepeatRow, repeatAggregates } from './repeat';
import { rankedCte, topShareAggregates, TOP_PERCENTS } from './concentration';
import { nOrNull, type Row } from './rows';
import { scopeCtes } from './scope';
import type { CsvTable, DatasetInfo, MetricOptions } from './types';
import { clvAggregates, revenueMissing, type NotAvailable } from './value';

export interface KpiMoney {
  available: true;
  revenue: number;
  clvMean: number | null;
  clvMedian: number | null;
  /** Share of revenue from the top 1, 3, 10, 20 % of customers. */
  top1Share: number | null;
  top3Share: number | null;
  top10Share: number | null;
  top20Share: number | null;
}

export interface Kpis {
  customers: number;
  orders: number;
  repeatRate: number | null;
  ordersPerCustomer: number | null;
  visitFrequency: number | null;
  gaps: number;
  gapMedianDays: number | null;
  gapP25Days: number | null;
  gapP75Days: number | null;
  gapP90Days: number | null;
  gapMeanDays: number | null;
  money: KpiMoney | NotAvailable;
}

/** Figures computed elsewhere (ingest counts, CRR's activity window) that the KPI export shows. */
export interface KpiInputs {
  activityWindowDays: number;
  rowsRead: number;
  rowsNotRead: number;
  rowsWithoutCustomer: number;
  refundRows: number;
  /** Net amount of the refund rows (negative); null when unknown. */
  refundTotal: number | null;
}

/**
 * `shares: false` leaves out the revenue shares of the top customers (null in parseKpis): the
 * previous period's figures only feed the key figures' changes, which show none, and ranking every
 * customer by revenue is a third of the query (1 M rows: 110 → 72 ms native).
 */
export function kpisSql(o: MetricOptions, _info: DatasetInfo, { shares = true }: { shares?: boolean } = {}): string {
  return `WITH ${scopeCtes(o)},
${customerCtes(o)},
${gapCtes(o)},
${gapHistogramCte()}${shares ? `,\n${rankedCte()}` : ''}
SELECT * FROM
  (SELECT ${repeatAggregates()},
    ${clvAggregates()}
   FROM cso) AS a,
  (SELECT ${gapAggregates()} FROM ghist) AS g${shares ? `,\n  (SELECT ${topShareAggregates()} FROM ranked) AS t` : ''}`;
}

export function parseKpis(rows: Row[], info: DatasetInfo): Kpis {
  const [r] = rows;
  if (!r) throw new Error('kpis: expected one row');
  const rep = parseRepeatRow(r);
  const gap = parseGapStatsRow(r);
  const share = (p: (typeof TOP_PERCENTS)[number]) => (`top${p}_share` in r ? nOrNull(r, `top${p}_share`) : null);
  return {
    customers: rep.customers,
    orders: rep.orders,
    repeatRate: rep.repeatRate,
    ordersPerCustomer: rep.ordersPerCustomer,
    visitFrequency: rep.visitFrequency,
    gaps: gap.gaps,
    gapMedianDays: gap.median,
    gapP25Days: gap.p25,
    gapP75Days: gap.p75,
    gapP90Days: gap.p90,
    gapMeanDays: gap.mean,
    money: revenueMissing(info) ?? {
      available: true,
      revenue: nOrNull(r, 'revenue') ?? 0,
      clvMean: nOrNull(r, 'clv_mean'),
      clvMedian: nOrNull(r, 'clv_median'),
      top1Share: share(1),
      top3Share: share(3),
      top10Share: share(10),
      top20Share: share(20),
    },
  };
}

export const KPI_COLUMNS = ['metric', 'value'];

/**
 * Rows metric, value. A money KPI without a revenue column reads
 * "not available: no revenue column" in the value column.
 */
export function kpisCsv(k: Kpis, inputs: KpiInputs): CsvTable {
  const m = k.money;
  const money = (pick: (x: KpiMoney) => number | null): string | number | null => (m.available ? pick(m) : m.message);
  const refundTotal = inputs.refundTotal ?? (m.available ? null : m.message);
  const rows: [string, string | number | null][] = [
    ['customers', k.customers],
    ['orders', k.orders],
    ['revenue', money((x) => x.revenue)],
    ['repeat_rate', k.repeatRate],
    ['orders_per_customer', k.ordersPerCustomer],
    ['visit_frequency', k.visitFrequency],
    ['gap_median_days', k.gapMedianDays],
    ['gap_p25_days', k.gapP25Days],
    ['gap_p75_days', k.gapP75Days],
    ['gap_mean_days', k.gapMeanDays],
    ['clv_mean', money((x) => x.clvMean)],
    ['clv_median', money((x) => x.clvMedian)],
    ['top1_share', money((x) => x.top1Share)],
    ['top3_share', money((x) => x.top3Share)],
    ['top10_share', money((x) => x.top10Share)],
    ['top20_share', money((x) => x.top20Share)],
    ['activity_window_days', inputs.activityWindowDays],
    ['rows_read', inputs.rowsRead],
    ['rows_not_read', inputs.rowsNotRead],
    ['rows_without_customer', inputs.rowsWithoutCustomer],
    ['refund_rows', inputs.refundRows],
    ['refund_total', refundTotal],
  ];
  return { columns: KPI_COLUMNS, rows };
}

