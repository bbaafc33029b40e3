/** Small hand-made `events` tables (model.ts contract) for the metrics-b fixture tests. */
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { modelSql } from '../../src/metrics/model';
import type { Row } from '../../src/metrics/rows';
import { DEFAULT_OPTIONS, type DatasetInfo, type MetricOptions } from '../../src/metrics/types';

export interface Ev {
  c: string;
  /** 'yyyy-mm-dd' or 'yyyy-mm-dd hh:mm:ss' */
  t: string;
  amount?: number;
  cost?: number;
  order?: string;
  /** default: amount < 0 */
  refund?: boolean;
  s1?: string;
}

export interface Fixture {
  c: Connector;
  info: DatasetInfo;
  rows(sql: string): Promise<Row[]>;
}

function sqlText(v: string | null): string {
  return v === null ? 'NULL' : "'" + v.replaceAll("'", "''") + "'";
}

function sqlNum(v: number | undefined | null): string {
  return v === undefined || v === null ? 'NULL' : String(v);
}

/** Builds `events` + compact tables. Revenue/cost/order-id/segment presence follows `info` (default: revenue only). */
export async function fixture(events: Ev[], info: Partial<DatasetInfo> = {}): Promise<Fixture> {
  const full: DatasetInfo = { hasRevenue: true, hasCost: false, hasOrderId: false, segments: [], ...info };
  const c = await createNodeConnector();
  const values = events
    .map((e, i) => {
      const rowNo = i + 1;
      const ts = e.t.length === 10 ? `${e.t} 00:00:00` : e.t;
      const amount = full.hasRevenue ? (e.amount ?? 0) : null;
      const refund = e.refund ?? (e.amount ?? 0) < 0; // a cancellation stays one without revenue
      return `(${rowNo}, ${sqlText(e.c)}, TIMESTAMP '${ts}', ${sqlText(full.hasOrderId && e.order ? e.order : `row:${rowNo}`)}, ${sqlNum(amount)}, ${sqlNum(full.hasCost ? e.cost ?? 0 : null)}, ${refund}, ${sqlText(e.s1 ?? null)})`;
    })
    .join(',\n');
  await c.exec(`CREATE OR REPLACE TABLE events AS
SELECT CAST(row_no AS BIGINT) AS row_no, customer_id, ts, CAST(ts AS DATE) AS day, order_id,
  CAST(amount AS DOUBLE) AS amount, CAST(cost AS DOUBLE) AS cost, is_refund, CAST(s1 AS VARCHAR) AS s1
FROM (VALUES ${values}) AS v(row_no, customer_id, ts, order_id, amount, cost, is_refund, s1)`);
  for (const s of modelSql(full)) await c.exec(s);
  return { c, info: full, rows: async (sql: string) => (await c.query(sql)) };
}

export function opts(over: Partial<MetricOptions> = {}): MetricOptions {
  return { ...DEFAULT_OPTIONS, ...over };
}
