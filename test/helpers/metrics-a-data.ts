/**
 * Test data for the cohort / CRR / lifecycle metrics: the two real datasets parsed
 * plainly in TypeScript (for the independent reference computations) and loaded into
 * DuckDB as `events` (for the SQL side), plus small hand-made fixtures.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { modelSql } from '../../src/metrics/model';
import type { DatasetInfo } from '../../src/metrics/types';

/** One activity row: ISO day, amount null when the dataset has no revenue; negative = refund. */
export interface ActivityRow {
  customer: string;
  day: string;
  amount: number | null;
  /** Optional first segment column (s1). */
  s1?: string;
}

const DATASETS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/datasets');

/** CDNOW_master.txt: whitespace-aligned `customer_id date number_of_cds dollar_value`, ids with leading zeros. */
export function readCdnow(): ActivityRow[] {
  const text = readFileSync(resolve(DATASETS, 'cdnow/CDNOW_master.txt'), 'utf8');
  const rows: ActivityRow[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const [id, ymd, , dollars] = f as [string, string, string, string];
    rows.push({ customer: id, day: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`, amount: Number(dollars) });
  }
  return rows;
}

/** groceryElog.csv: `cust,date`, no amounts. */
export function readGrocery(): ActivityRow[] {
  const text = readFileSync(resolve(DATASETS, 'grocery/groceryElog.csv'), 'utf8');
  const rows: ActivityRow[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const [cust, date] = line.split(',') as [string, string];
    rows.push({ customer: cust.trim(), day: date.trim(), amount: null });
  }
  return rows;
}

export function infoFor(rows: ActivityRow[]): DatasetInfo {
  return {
    hasRevenue: rows.some((r) => r.amount !== null),
    hasCost: false,
    hasOrderId: false,
    segments: rows.some((r) => r.s1 !== undefined) ? [{ key: 's1', label: 'Segment' }] : [],
  };
}

/**
 * Creates `events` from rows (through a registered CSV, so large files load fast) and the
 * compact model tables. A negative amount is a refund, as the ingest layer marks it.
 */
export async function loadEvents(c: Connector, rows: ActivityRow[], info: DatasetInfo = infoFor(rows)): Promise<void> {
  const esc = (v: string) => '"' + v.replaceAll('"', '""') + '"';
  const lines = rows.map((r, i) =>
    [i + 1, esc(r.customer), r.day, r.amount === null ? '' : String(r.amount), r.s1 === undefined ? '' : esc(r.s1)].join(','),
  );
  const name = `metrics-a-${Math.random().toString(36).slice(2)}.csv`;
  await c.registerFile(name, new TextEncoder().encode('row_no,customer_id,day,amount,s1\n' + lines.join('\n') + '\n'));
  await c.exec(`CREATE OR REPLACE TABLE events AS
SELECT row_no, customer_id, CAST(day AS TIMESTAMP) AS ts, day, 'row:' || row_no AS order_id,
  amount, CAST(NULL AS DOUBLE) AS cost, coalesce(amount < 0, false) AS is_refund, s1
FROM read_csv('${name}', header = true, delim = ',', quote = '"',
  columns = {'row_no': 'BIGINT', 'customer_id': 'VARCHAR', 'day': 'DATE', 'amount': 'DOUBLE', 's1': 'VARCHAR'})`);
  await c.dropFile(name);
  for (const sql of modelSql(info)) await c.exec(sql);
}

/** A fresh connector with `events` and the model tables built from rows. */
export async function connectWith(rows: ActivityRow[], info: DatasetInfo = infoFor(rows)): Promise<Connector> {
  const c = await createNodeConnector();
  await loadEvents(c, rows, info);
  return c;
}

/** Subscription row as in the `subscriptions` table contract (end = first day no longer subscribed). */
export interface SubscriptionRow {
  customer: string;
  start: string;
  end: string | null;
  s1?: string;
}

export async function loadSubscriptions(c: Connector, subs: SubscriptionRow[]): Promise<void> {
  const esc = (v: string) => '"' + v.replaceAll('"', '""') + '"';
  const lines = subs.map((r) => [esc(r.customer), r.start, r.end ?? '', r.s1 === undefined ? '' : esc(r.s1)].join(','));
  const name = `metrics-a-subs-${Math.random().toString(36).slice(2)}.csv`;
  await c.registerFile(name, new TextEncoder().encode('customer_id,start_day,end_day,s1\n' + lines.join('\n') + '\n'));
  await c.exec(`CREATE OR REPLACE TABLE subscriptions AS
SELECT customer_id, start_day, end_day, CAST(NULL AS DOUBLE) AS mrr, s1
FROM read_csv('${name}', header = true, delim = ',', quote = '"',
  columns = {'customer_id': 'VARCHAR', 'start_day': 'DATE', 'end_day': 'DATE', 's1': 'VARCHAR'})`);
  await c.dropFile(name);
}

/** Fixture shorthand: `a(customer, day, amount?)`. */
export function a(customer: string, day: string, amount: number | null = null, s1?: string): ActivityRow {
  return s1 === undefined ? { customer, day, amount } : { customer, day, amount, s1 };
}

let shared: Promise<Connector> | null = null;

/**
 * One connector per test file for small fixtures: each call replaces `events` and the model
 * tables (tests in a file run one after another), which saves starting DuckDB every time.
 */
export async function withFixture(rows: ActivityRow[], info: DatasetInfo = infoFor(rows)): Promise<Connector> {
  shared ??= createNodeConnector();
  const c = await shared;
  await c.exec('DROP TABLE IF EXISTS subscriptions');
  await loadEvents(c, rows, info);
  return c;
}

/** Six months of small activity with refunds and a segment value holding a quote, for option sweeps. */
export function sweepRows(): ActivityRow[] {
  const rows: ActivityRow[] = [];
  const segs = ["it's", 'web', 'shop'];
  for (let c = 0; c < 40; c++) {
    const start = Date.UTC(2024, 0, 1 + ((c * 7) % 120));
    for (let k = 0; k < 1 + (c % 5); k++) {
      const day = new Date(start + k * (5 + c) * 86_400_000).toISOString().slice(0, 10);
      rows.push(a(`c${c}`, day, k === 2 ? -3 : 10 + c, segs[c % 3]));
    }
  }
  return rows;
}
