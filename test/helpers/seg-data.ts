/** Test data for the segment, survey and reason metrics: `events` built directly in SQL, plus plain-TS rows. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connector } from '../../src/engine/connector';
import { lit } from '../../src/metrics/sql';
import type { Row } from '../../src/metrics/rows';

export const DATASETS = resolve(__dirname, '../../../shared/datasets');

/** One source row. `segs` maps segment keys (s1, s2, …) to values. */
export interface Ev {
  c: string;
  day: string;
  amount?: number | null;
  order?: string;
  refund?: boolean;
  segs?: Record<string, string | null>;
}

const v = (x: string | null | undefined) => (x === null || x === undefined ? 'NULL' : lit(x));
const numOrNull = (x: number | null | undefined) => (x === null || x === undefined ? 'NULL' : String(x));

/** CREATE TABLE events with the model contract's columns from plain rows (row_no = position + 1). */
export async function loadEvents(c: Connector, evs: Ev[], segKeys: string[] = []): Promise<void> {
  const segCols = segKeys.map((k) => `, CAST(${k} AS VARCHAR) AS ${k}`).join('');
  const values = evs
    .map((e, i) => {
      const segs = segKeys.map((k) => ', ' + v(e.segs?.[k])).join('');
      const order = e.order ?? `row:${i + 1}`;
      return `(${i + 1}, ${lit(e.c)}, ${lit(e.day)}, ${lit(order)}, ${numOrNull(e.amount)}, ${e.refund ? 'true' : 'false'}${segs})`;
    })
    .join(',\n');
  await c.exec(`CREATE OR REPLACE TABLE events AS
SELECT CAST(row_no AS BIGINT) AS row_no, customer_id, CAST(d AS TIMESTAMP) AS ts, CAST(d AS DATE) AS day,
  order_id, CAST(amount AS DOUBLE) AS amount, CAST(NULL AS DOUBLE) AS cost, is_refund${segCols}
FROM (VALUES ${values}) t(row_no, customer_id, d, order_id, amount, is_refund${segKeys.map((k) => ', ' + k).join('')})`);
}

export async function rows(c: Connector, sql: string): Promise<Row[]> {
  return (await c.query(sql));
}

export async function runAll(c: Connector, statements: string[]): Promise<void> {
  for (const st of statements) await c.exec(st);
}

/** CDNOW purchase rows in file order. */
export interface CdnowRow {
  rowNo: number;
  id: string;
  day: string;
  dollars: number;
}

export function readCdnow(): CdnowRow[] {
  const lines = readFileSync(resolve(DATASETS, 'cdnow/CDNOW_master.txt'), 'utf8').split(/\r?\n/);
  const out: CdnowRow[] = [];
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || f[0] === 'customer_id') continue;
    const [id, d, , dollars] = f as [string, string, string, string];
    out.push({ rowNo: out.length + 1, id, day: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, dollars: Number(dollars) });
  }
  return out;
}

/** The dollar band of one purchase; a customer's segment is the band of their first purchase. */
export function dollarTier(d: number): string {
  return d < 15 ? 'A under 15' : d < 40 ? 'B 15-40' : 'C 40 and over';
}

/** events from CDNOW rows, s1 = dollar tier of the row; loaded from a registered CSV with explicit row numbers. */
export async function loadCdnowEvents(c: Connector, data: CdnowRow[]): Promise<void> {
  const csv = ['row_no,customer_id,day,amount,s1', ...data.map((r) => `${r.rowNo},${r.id},${r.day},${r.dollars},${dollarTier(r.dollars)}`)].join('\n');
  await c.registerFile('seg_cdnow.csv', new TextEncoder().encode(csv));
  await c.exec(`CREATE OR REPLACE TABLE events AS
SELECT CAST(row_no AS BIGINT) AS row_no, customer_id, CAST(day AS TIMESTAMP) AS ts, day, 'row:' || row_no AS order_id,
  amount, CAST(NULL AS DOUBLE) AS cost, false AS is_refund, s1
FROM read_csv('seg_cdnow.csv', header = true, columns = {'row_no': 'BIGINT', 'customer_id': 'VARCHAR', 'day': 'DATE', 'amount': 'DOUBLE', 's1': 'VARCHAR'})`);
}

/** Grocery purchases: no amounts (cust,date). */
export function readGrocery(): { id: string; day: string }[] {
  const lines = readFileSync(resolve(DATASETS, 'grocery/groceryElog.csv'), 'utf8').split(/\r?\n/).slice(1);
  return lines.filter((l) => l.includes(',')).map((l) => {
    const [id, day] = l.split(',') as [string, string];
    return { id: id.trim(), day: day.trim() };
  });
}

export async function loadGroceryEvents(c: Connector, data: { id: string; day: string }[], seg: (id: string) => string): Promise<void> {
  const csv = ['row_no,customer_id,day,s1', ...data.map((r, i) => `${i + 1},${r.id},${r.day},${seg(r.id)}`)].join('\n');
  await c.registerFile('seg_grocery.csv', new TextEncoder().encode(csv));
  await c.exec(`CREATE OR REPLACE TABLE events AS
SELECT CAST(row_no AS BIGINT) AS row_no, customer_id, CAST(day AS TIMESTAMP) AS ts, day, 'row:' || row_no AS order_id,
  CAST(NULL AS DOUBLE) AS amount, CAST(NULL AS DOUBLE) AS cost, false AS is_refund, s1
FROM read_csv('seg_grocery.csv', header = true, columns = {'row_no': 'BIGINT', 'customer_id': 'VARCHAR', 'day': 'DATE', 's1': 'VARCHAR'})`);
}

/** Seeded PRNG for generated fixtures. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Day arithmetic on ISO dates, in whole days (UTC, no DST). */
export const dayNo = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
export const isoOf = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
