/**
 * The real datasets load, checked against an independent reading of the files in
 * plain TypeScript (split lines, count, compare).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { DATASETS, diskFile, load, rolesByName, rowsOf } from '../helpers/ingest-load';

let c: Connector;
beforeAll(async () => {
  c = await createNodeConnector();
});
afterAll(async () => {
  await c.close();
});

interface Plain {
  rows: number;
  customers: number;
  first: string;
  last: string;
  revenue: number;
}

/** Lines split on blanks; `id`, `date` (yyyymmdd or yyyy-mm-dd) and optional `amount` by position. */
function plain(path: string, skipHeader: boolean, split: (l: string) => string[], id: number, date: number, amount: number | null): Plain {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const body = skipHeader ? lines.slice(1) : lines;
  const ids = new Set<string>();
  const days: string[] = [];
  let revenue = 0;
  for (const l of body) {
    const f = split(l);
    ids.add(f[id] ?? '');
    const d = (f[date] ?? '').replace(/-/g, '');
    days.push(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`);
    if (amount !== null) revenue += Number(f[amount]);
  }
  days.sort();
  return { rows: body.length, customers: ids.size, first: days[0] ?? '', last: days[days.length - 1] ?? '', revenue };
}

const blanks = (l: string): string[] => l.trim().split(/\s+/);

describe('real datasets', () => {
  it('CDNOW_master.txt: whitespace-aligned, CRLF, ids with leading zeros, YYYYMMDD', async () => {
    const path = `${DATASETS}/cdnow/CDNOW_master.txt`;
    const { source, report } = await load(c, diskFile(path), 'cdm');
    const ref = plain(path, true, blanks, 0, 1, 3);
    expect(ref).toMatchObject({ rows: 69659, customers: 23570, first: '1997-01-01', last: '1998-06-30' });
    expect(source.format).toMatchObject({ delimiter: 'whitespace', hasHeader: true, dateFormats: { c2: 'yyyymmdd' } });
    expect(rolesByName(source)).toEqual({ customer_id: 'customer', date: 'date', number_of_cds: 'ignore', dollar_value: 'amount' });
    expect(report).toMatchObject({ rowsRead: ref.rows, rowsLoaded: ref.rows, rowsNotRead: 0, customers: ref.customers, dateStart: ref.first, dateEnd: ref.last });
    const [agg] = await rowsOf(c, `SELECT sum(amount) AS revenue, min(customer_id) AS lo, max(customer_id) AS hi FROM events_cdm`);
    expect(agg?.revenue as number).toBeCloseTo(ref.revenue, 4);
    expect(agg).toMatchObject({ lo: '00001', hi: '23570' });
    // Zero-amount rows are purchases, not refunds.
    expect(report.refundRows).toBe(0);
  });

  it('CDNOW_sample.txt: no header, roles from the values', async () => {
    const path = `${DATASETS}/cdnow/CDNOW_sample.txt`;
    const { source, report } = await load(c, diskFile(path), 'cds');
    const ref = plain(path, false, blanks, 0, 2, 4);
    expect(ref.rows).toBe(6919);
    expect(source.format.hasHeader).toBe(false);
    expect(source.columns.map((col) => col.role)).toEqual(['customer', 'ignore', 'date', 'ignore', 'amount']);
    expect(report).toMatchObject({ rowsLoaded: ref.rows, customers: ref.customers, dateStart: ref.first, dateEnd: ref.last });
    const [agg] = await rowsOf(c, 'SELECT sum(amount) AS revenue FROM events_cds');
    expect(agg?.revenue as number).toBeCloseTo(ref.revenue, 4);
  });

  it('groceryElog.csv: cust,date without amounts', async () => {
    const path = `${DATASETS}/grocery/groceryElog.csv`;
    const { source, report } = await load(c, diskFile(path), 'gro');
    const ref = plain(path, true, (l) => l.split(','), 0, 1, null);
    expect(ref).toMatchObject({ rows: 10483, customers: 1525, first: '2006-01-01', last: '2007-12-30' });
    expect(rolesByName(source)).toEqual({ cust: 'customer', date: 'date' });
    expect(report).toMatchObject({ rowsLoaded: ref.rows, customers: ref.customers, dateStart: ref.first, dateEnd: ref.last, refundTotal: null });
    expect(await rowsOf(c, 'SELECT count(*) AS n FROM events_gro WHERE amount IS NOT NULL')).toEqual([{ n: 0 }]);
  });
});
