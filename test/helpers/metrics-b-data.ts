/**
 * Test data for the metrics-b suites: the real datasets parsed twice, on purpose.
 *  - `loadEventsSql` builds `events` (model.ts contract) inside DuckDB from the raw file;
 *  - `parseCdnow` / `parseGrocery` parse the same file in plain TypeScript for the
 *    independent computations. Agreement of both sides also checks both parsers.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector, registerPath } from '../../src/engine/node';
import { modelSql } from '../../src/metrics/model';
import type { DatasetInfo } from '../../src/metrics/types';

export const CDNOW_PATH = resolve(__dirname, '../../../shared/datasets/cdnow/CDNOW_master.txt');
export const GROCERY_PATH = resolve(__dirname, '../../../shared/datasets/grocery/groceryElog.csv');

/** One source row as the independent side sees it. */
export interface RawRow {
  rowNo: number;
  customer: string;
  day: string; // yyyy-mm-dd
  amount: number | null;
}

export const CDNOW_INFO: DatasetInfo = { hasRevenue: true, hasCost: false, hasOrderId: false, segments: [] };
export const GROCERY_INFO: DatasetInfo = { hasRevenue: false, hasCost: false, hasOrderId: false, segments: [] };

export function parseCdnow(): RawRow[] {
  const lines = readFileSync(CDNOW_PATH, 'utf8').split(/\r?\n/).slice(1);
  const out: RawRow[] = [];
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const [id, ymd, , dollars] = f as [string, string, string, string];
    out.push({
      rowNo: out.length + 1,
      customer: id,
      day: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
      amount: Number(dollars),
    });
  }
  return out;
}

export function parseGrocery(): RawRow[] {
  const lines = readFileSync(GROCERY_PATH, 'utf8').split(/\r?\n/).slice(1);
  const out: RawRow[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    const [cust, date] = line.split(',') as [string, string];
    out.push({ rowNo: out.length + 1, customer: cust.trim(), day: date.trim(), amount: null });
  }
  return out;
}

/** `events` from CDNOW_master.txt: each line split by a regexp in SQL; an order is a row. */
const CDNOW_EVENTS = `CREATE OR REPLACE TABLE events AS
WITH lines AS (
  SELECT row_number() OVER () AS row_no, regexp_split_to_array(trim(line), '\\s+') AS f
  FROM read_csv('cdnow.txt', columns = {'line': 'VARCHAR'}, header = true, delim = '\\x01', quote = '', escape = '', auto_detect = false)
  WHERE trim(line) <> ''
)
SELECT row_no, f[1] AS customer_id, CAST(strptime(f[2], '%Y%m%d') AS TIMESTAMP) AS ts,
  CAST(strptime(f[2], '%Y%m%d') AS DATE) AS day, 'row:' || row_no AS order_id,
  CAST(f[4] AS DOUBLE) AS amount, CAST(NULL AS DOUBLE) AS cost, CAST(f[4] AS DOUBLE) < 0 AS is_refund
FROM lines`;

const GROCERY_EVENTS = `CREATE OR REPLACE TABLE events AS
SELECT row_number() OVER () AS row_no, trim(CAST(cust AS VARCHAR)) AS customer_id, CAST(date AS TIMESTAMP) AS ts,
  CAST(date AS DATE) AS day, 'row:' || row_number() OVER () AS order_id,
  CAST(NULL AS DOUBLE) AS amount, CAST(NULL AS DOUBLE) AS cost, false AS is_refund
FROM read_csv('grocery.csv', header = true, columns = {'cust': 'VARCHAR', 'date': 'DATE'})`;

export type DatasetName = 'cdnow' | 'grocery';

export interface LoadedDataset {
  c: Connector;
  info: DatasetInfo;
  rows: RawRow[];
}

/** A fresh connector with `events` and the compact model tables of one real dataset. */
export async function loadDataset(name: DatasetName): Promise<LoadedDataset> {
  const c = await createNodeConnector();
  if (name === 'cdnow') {
    await registerPath(c, 'cdnow.txt', CDNOW_PATH);
    await c.exec(CDNOW_EVENTS);
  } else {
    await registerPath(c, 'grocery.csv', GROCERY_PATH);
    await c.exec(GROCERY_EVENTS);
  }
  const info = name === 'cdnow' ? CDNOW_INFO : GROCERY_INFO;
  for (const s of modelSql(info)) await c.exec(s);
  return { c, info, rows: name === 'cdnow' ? parseCdnow() : parseGrocery() };
}
