/** Bad files throw IngestError naming the file; unreadable rows are counted per reason with examples. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { IngestError } from '../../src/engine/ingest/errors';
import { openSource } from '../../src/engine/ingest/load';
import { createNodeConnector } from '../../src/engine/node';
import { fixtureFile, load, rowsOf } from '../helpers/ingest-load';

let c: Connector;
beforeAll(async () => {
  c = await createNodeConnector();
});
afterAll(async () => {
  await c.close();
});

async function failure(file: File): Promise<IngestError> {
  try {
    await openSource(c, file, 'bad');
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error(`${file.name} loaded`);
}

describe('files that cannot be analysed', () => {
  it.each([
    ['empty.csv', /empty/],
    ['header-only.csv', /header but no rows/],
    ['image.csv', /PNG image/],
    ['workbook.csv', /ZIP archive.*xlsx/],
    ['no-date.csv', /no column looks like a date/],
    ['no-customer.csv', /no column looks like a customer id\. Pick the customer column/],
  ])('%s', async (name, message) => {
    const e = await failure(fixtureFile(name));
    expect(e.fileName).toBe(name);
    expect(e.message.startsWith(`${name}: `)).toBe(true);
    expect(e.message).toMatch(message);
    expect(e.hint.length).toBeGreaterThan(10);
  });

  it('binary with NUL bytes and no known signature', async () => {
    const e = await failure(new File([new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01, 0x02])], 'odd.csv'));
    expect(e.message).toMatch(/^odd\.csv: this is binary data/);
  });

  it('a role problem carries the read source so the column settings can fix it', async () => {
    const e = await failure(fixtureFile('no-customer.csv'));
    expect(e.source?.columns.map((col) => col.name)).toEqual(['date', 'amount']);
  });
});

describe('rows that cannot be read', () => {
  it('are counted per reason with examples (row number + text), never loaded', async () => {
    const { report } = await load(c, fixtureFile('broken.csv'), 'broken');
    // a: ok; b: "not a date"; c: amount "twelve"; d: empty date; e: 5 fields; f: 2024-02-30; g: ok.
    expect(report.rowsRead).toBe(7);
    expect(report.rowsLoaded).toBe(2);
    expect(report.rowsNotRead).toBe(5);
    const by = Object.fromEntries(report.notRead.map((g) => [g.reason, g]));
    expect(by['date not readable']).toEqual({
      reason: 'date not readable',
      count: 2,
      examples: [
        { row: 2, text: 'b,not a date,20' },
        { row: 6, text: 'f,2024-02-30,7' },
      ],
    });
    expect(by['amount not readable']?.examples).toEqual([{ row: 3, text: 'c,2024-01-03,twelve' }]);
    expect(by['date missing']?.examples).toEqual([{ row: 4, text: 'd,,5' }]);
    expect(by['line has more fields than the header']?.examples).toEqual([{ row: 5, text: 'e,2024-01-05,1,2,3' }]);
    // Row numbers after a rejected line still count it.
    expect(await rowsOf(c, 'SELECT row_no, customer_id FROM events_broken ORDER BY row_no')).toEqual([
      { row_no: 1, customer_id: 'a' },
      { row_no: 7, customer_id: 'g' },
    ]);
  });

  it('at most five examples per reason; an amount in the wrong grouping is unreadable, not rescaled', async () => {
    const lines = ['klant;datum;bedrag'];
    for (let i = 1; i <= 6; i++) lines.push(`k${i};0${i}-01-2024;x${i}`);
    for (let i = 7; i <= 12; i++) lines.push(`k${i};01-02-2024;${i},50`);
    lines.push('k13;01-01-2024;1.234,5', 'k14;01-01-2024;12.5');
    const { report } = await load(c, new File([lines.join('\n')], 'many.csv'), 'many');
    const g = report.notRead.find((x) => x.reason === 'amount not readable');
    // x1..x6 and 12.5 (a point in a decimal-comma file, not a group of three digits).
    expect(g?.count).toBe(7);
    expect(g?.examples.map((e) => e.row)).toEqual([1, 2, 3, 4, 5]);
    expect(g?.examples[0]?.text).toBe('k1;01-01-2024;x1');
    const amounts = (await rowsOf(c, 'SELECT amount FROM events_many ORDER BY row_no')).map((r) => r.amount);
    expect(amounts).toEqual([7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 1234.5]);
  });

  it('a whitespace-aligned line with the wrong number of fields', async () => {
    const text = ' id   date      amount\r\n 001  20240101  1.00\r\n 002  20240102\r\n 003  20240103  3.00\r\n';
    const { report } = await load(c, new File([text], 'aligned-bad.txt'), 'wsbad');
    expect(report.rowsLoaded).toBe(2);
    expect(report.notRead).toEqual([{ reason: 'line could not be split into columns', count: 1, examples: [{ row: 2, text: ' 002  20240102' }] }]);
  });
});
