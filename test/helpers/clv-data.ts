/**
 * Test data for the CLV model: the real CDNOW and grocery files parsed in plain
 * TypeScript, and the same rows loaded into an `events` table (plus the compact
 * model tables) so the SQL path can be compared with a plain computation.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connector } from '../../src/engine/connector';
import { modelSql } from '../../src/metrics/model';
import type { DatasetInfo } from '../../src/metrics/types';

export const DATASETS = resolve(__dirname, '../../../shared/datasets');

export interface Purchase {
  customerId: string;
  /** ISO date. */
  day: string;
  /** null when the file has no amounts. */
  amount: number | null;
}

function isoFromCompact(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** CDNOW_sample.txt: master id, sample id, date, cds, dollars; the customer id is the sample id (1..2357). */
export function readCdnowSample(): Purchase[] {
  const text = readFileSync(resolve(DATASETS, 'cdnow/CDNOW_sample.txt'), 'utf8');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => {
      const [, sampleId, date, , dollars] = l.split(/\s+/);
      if (!sampleId || !date || !dollars) throw new Error(`bad CDNOW sample line: ${l}`);
      return { customerId: String(Number(sampleId)), day: isoFromCompact(date), amount: Number(dollars) };
    });
}

/** CDNOW_master.txt: header, then customer id (leading zeros kept), date, cds, dollars. */
export function readCdnowMaster(): Purchase[] {
  const lines = readFileSync(resolve(DATASETS, 'cdnow/CDNOW_master.txt'), 'utf8').split('\n').slice(1);
  return lines
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => {
      const [id, date, , dollars] = l.split(/\s+/);
      if (!id || !date || !dollars) throw new Error(`bad CDNOW master line: ${l}`);
      return { customerId: id, day: isoFromCompact(date), amount: Number(dollars) };
    });
}

/** groceryElog.csv: `cust,date` with ISO dates, no amounts. */
export function readGrocery(): Purchase[] {
  const lines = readFileSync(resolve(DATASETS, 'grocery/groceryElog.csv'), 'utf8').split('\n').slice(1);
  return lines
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => {
      const [cust, date] = l.split(',');
      if (!cust || !date) throw new Error(`bad grocery line: ${l}`);
      return { customerId: cust.replaceAll('"', ''), day: date.replaceAll('"', '').slice(0, 10), amount: null };
    });
}

/** lifetimes' summary of the sample: ID,frequency,recency,T (weeks, rounded to 2 decimals). */
export function readReferenceSummary(): Map<string, { frequency: number; recency: number; T: number }> {
  const lines = readFileSync(resolve(DATASETS, 'cdnow/cdnow_customers_summary.csv'), 'utf8').split('\n').slice(1);
  const out = new Map<string, { frequency: number; recency: number; T: number }>();
  for (const l of lines) {
    if (!l.trim()) continue;
    const [id, f, r, t] = l.trim().split(',').map(Number);
    if (id === undefined || f === undefined || r === undefined || t === undefined) throw new Error(`bad line ${l}`);
    out.set(String(id), { frequency: f, recency: r, T: t });
  }
  return out;
}

export function infoFor(purchases: Purchase[]): DatasetInfo {
  return { hasRevenue: purchases.some((p) => p.amount !== null), hasCost: false, hasOrderId: false, segments: [] };
}

/** Loads purchases as `events` (each row an order, none a refund) and builds cday/corder/cust. */
export async function loadEvents(c: Connector, purchases: Purchase[], file = 'clv_events.csv'): Promise<DatasetInfo> {
  const csv = ['customer_id,day,amount', ...purchases.map((p) => `${p.customerId},${p.day},${p.amount ?? ''}`)].join('\n');
  await c.registerFile(file, new TextEncoder().encode(csv + '\n'));
  await c.exec(`CREATE OR REPLACE TABLE events AS
SELECT row_no, customer_id, CAST(day AS TIMESTAMP) AS ts, day, 'row:' || row_no AS order_id, amount,
  CAST(NULL AS DOUBLE) AS cost, (amount IS NOT NULL AND amount < 0) AS is_refund
FROM (SELECT row_number() OVER () AS row_no, * FROM read_csv('${file}', header = true,
  columns = {'customer_id': 'VARCHAR', 'day': 'DATE', 'amount': 'DOUBLE'}))`);
  const info = infoFor(purchases);
  for (const s of modelSql(info)) await c.exec(s);
  return info;
}

/** Creates `events` from literal rows (hand-worked fixtures). Amounts may be null; negative amounts are refunds. */
export async function loadFixture(c: Connector, rows: [string, string, number | null][]): Promise<DatasetInfo> {
  return loadEvents(
    c,
    rows.map(([customerId, day, amount]) => ({ customerId, day, amount })),
    'clv_fixture.csv',
  );
}
