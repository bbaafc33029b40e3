/** Every detected choice can be overridden; re-building reads the raw table, not the file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { buildSource, openSource, withOverrides } from '../../src/engine/ingest/load';
import { createNodeConnector } from '../../src/engine/node';
import { fixtureFile, rowsOf } from '../helpers/ingest-load';

let c: Connector;
beforeAll(async () => {
  c = await createNodeConnector();
});
afterAll(async () => {
  await c.close();
});

const tz = { timeZone: 'Europe/Amsterdam' };

describe('overrides', () => {
  it('an ambiguous column switched to month-first, without the file', async () => {
    const s = await openSource(c, fixtureFile('ambiguous.csv'), 'ov1');
    await buildSource(c, s, tz);
    // The file is gone: a rebuild that tried to read it would fail.
    await c.dropFile('kohort_ov1.csv');
    const mdy = withOverrides(s, { format: { dayFirst: false } });
    expect(mdy.format.dateFormats).toEqual({ c2: 'mm-dd-yyyy' });
    await buildSource(c, mdy, tz);
    // 01/02 → 2 Jan, 03/04 → 4 Mar, 05/06 → 6 May
    expect((await rowsOf(c, 'SELECT day FROM events_ov1 ORDER BY row_no')).map((r) => r.day)).toEqual(['2024-01-02', '2024-03-04', '2024-05-06']);
    const explicit = withOverrides(s, { format: { dateFormats: { c2: 'mm-dd-yyyy' } } });
    await buildSource(c, explicit, tz);
    expect((await rowsOf(c, 'SELECT day FROM events_ov1 ORDER BY row_no')).map((r) => r.day)).toEqual(['2024-01-02', '2024-03-04', '2024-05-06']);
  });

  it('a wrong date format makes rows unreadable, counted, not guessed', async () => {
    const s = await openSource(c, fixtureFile('tab-mdy.tsv'), 'ov2');
    const report = await buildSource(c, withOverrides(s, { format: { dateFormats: { c2: 'dd-mm-yyyy' } } }), tz);
    // 3/13/2024 and 12/1/2024 read day-first: 13 is no month → unreadable; 12/1 → 12 January.
    expect(report.notRead.map((g) => [g.reason, g.count])).toEqual([['date not readable', 1]]);
    expect((await rowsOf(c, 'SELECT day FROM events_ov2 ORDER BY row_no')).map((r) => r.day)).toEqual(['2024-05-03', '2024-01-12', '2024-02-01']);
  });

  it('decimal mark: a comma file read as decimal point', async () => {
    const s = await openSource(c, fixtureFile('dutch-orders.csv'), 'ov3');
    const point = withOverrides(s, { format: { decimalMark: '.' } });
    expect(point.format.thousandsSeparator).toBe(',');
    const report = await buildSource(c, point, tz);
    // 12,50 → 1250 (comma as thousands is valid grouping? no: "12,50" is not groups of three) → unreadable;
    // 1.234,56 unreadable; 20,00 (no customer) not counted here; -12,50 unreadable; "7,5" unreadable; 100 → 100.
    expect(report.notRead).toEqual([expect.objectContaining({ reason: 'amount not readable', count: 4 })]);
    expect(await rowsOf(c, 'SELECT amount FROM events_ov3')).toEqual([{ amount: 100 }]);
  });

  it('roles: the segment dropped, the order id unmapped (orders become rows), a column made the customer', async () => {
    const s = await openSource(c, fixtureFile('dutch-orders.csv'), 'ov4');
    const o = withOverrides(s, { roles: { c1: 'ignore', c5: 'ignore' } });
    await buildSource(c, o, tz);
    expect(await rowsOf(c, 'SELECT order_id FROM events_ov4 ORDER BY row_no LIMIT 2')).toEqual([{ order_id: 'row:1' }, { order_id: 'row:2' }]);
    expect((await c.query('DESCRIBE SELECT * FROM events_ov4')).map((r) => r.column_name)).toEqual([
      'row_no', 'customer_id', 'ts', 'day', 'order_id', 'amount', 'cost', 'is_refund',
    ]);
    // kanaal as the customer: three channel "customers".
    const byChannel = withOverrides(s, { roles: { c2: 'ignore', c5: 'customer' } });
    const report = await buildSource(c, byChannel, tz);
    expect(report.customers).toBe(3);
    expect(report.rowsWithoutCustomer).toBe(0);
  });

  it('an override that removes the customer throws an IngestError naming the file', async () => {
    const s = await openSource(c, fixtureFile('dutch-orders.csv'), 'ov5');
    await expect(buildSource(c, withOverrides(s, { roles: { c2: 'ignore' } }), tz)).rejects.toThrow(/^dutch-orders\.csv: no column looks like a customer id/);
  });

  it('delimiter and header given up front (openSource overrides)', async () => {
    const s = await openSource(c, fixtureFile('aligned.txt'), 'ov6', { format: { hasHeader: false }, roles: { c1: 'customer', c2: 'date' } });
    expect(s.format.dateFormats).toEqual({ c2: 'yyyymmdd' });
    // The header line becomes data: "cust" "day" "n" has no readable date → one unreadable row.
    expect(s.format.hasHeader).toBe(false);
    const report = await buildSource(c, s, tz);
    expect(report.rowsRead).toBe(4);
    expect(report.notRead.map((g) => [g.reason, g.count, g.examples[0]?.row])).toEqual([['date not readable', 1, 1]]);
  });
});
