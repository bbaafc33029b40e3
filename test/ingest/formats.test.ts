/**
 * Every fixture under test/fixtures/ingest loads with the right roles and format,
 * and its rows land in the typed table with the values worked out by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { fixtureFile, load, rolesByName, rowsOf } from '../helpers/ingest-load';

let c: Connector;
beforeAll(async () => {
  c = await createNodeConnector();
});
afterAll(async () => {
  await c.close();
});

const events = (id: string, cols = 'row_no, customer_id, ts, day, order_id, amount, is_refund'): Promise<Record<string, unknown>[]> =>
  rowsOf(c, `SELECT ${cols} FROM events_${id} ORDER BY row_no`);

describe('delimiters and layouts', () => {
  it('Dutch export: ; decimal comma with thousands dots, dd-mm-yyyy, empty klantnummer, -12,50 refund', async () => {
    const { source, report } = await load(c, fixtureFile('dutch-orders.csv'), 'nl');
    expect(source.format).toMatchObject({ delimiter: ';', decimalMark: ',', thousandsSeparator: '.', hasHeader: true, dateFormats: { c3: 'dd-mm-yyyy' } });
    expect(rolesByName(source)).toEqual({ ordernummer: 'order_id', klantnummer: 'customer', besteldatum: 'date', bedrag: 'amount', kanaal: 'segment' });
    expect(await events('nl', 'row_no, customer_id, day, order_id, amount, is_refund, seg_c5')).toEqual([
      { row_no: 1, customer_id: '000123', day: '2024-03-05', order_id: '1001', amount: 12.5, is_refund: false, seg_c5: 'web' },
      { row_no: 2, customer_id: '000124', day: '2024-03-15', order_id: '1002', amount: 1234.56, is_refund: false, seg_c5: 'winkel' },
      { row_no: 4, customer_id: '000123', day: '2024-04-01', order_id: '1004', amount: -12.5, is_refund: true, seg_c5: 'web' },
      { row_no: 5, customer_id: '000125', day: '2024-12-31', order_id: '1005', amount: 7.5, is_refund: false, seg_c5: 'telefoon' },
      { row_no: 6, customer_id: '000124', day: '2025-01-02', order_id: '1006', amount: 100, is_refund: false, seg_c5: 'winkel' },
    ]);
    // Row 3 has no klantnummer: counted, not loaded. One refund of -12,50.
    expect(report).toMatchObject({ rowsRead: 6, rowsLoaded: 5, rowsWithoutCustomer: 1, rowsNotRead: 0, refundRows: 1, refundTotal: -12.5, customers: 3 });
    expect(report).toMatchObject({ dateStart: '2024-03-05', dateEnd: '2025-01-02' });
  });

  it(', with quoted fields (embedded delimiter, doubled quotes, line break), CRLF, 1,234.56', async () => {
    const { source } = await load(c, fixtureFile('comma-quoted.csv'), 'cq');
    expect(source.format).toMatchObject({ delimiter: ',', decimalMark: '.', thousandsSeparator: ',' });
    expect(source.columns.find((col) => col.name === 'product')?.samples).toEqual(['Widget, large', 'He said "hi"', 'two\r\nlines', 'Widget']);
    expect((await events('cq')).map((r) => [r.order_id, r.customer_id, r.day, r.amount])).toEqual([
      ['A1', 'c1', '2024-01-05', 1234.56],
      ['A2', 'c2', '2024-01-06', 12.5],
      ['A3', 'c1', '2024-02-10', 99],
      ['A4', 'c3', '2024-02-11', 1000],
    ]);
  });

  it('tab, m/d/yyyy settled by 3/13, $1,234.00 and (12.50)', async () => {
    const { source } = await load(c, fixtureFile('tab-mdy.tsv'), 'tab');
    expect(source.format).toMatchObject({ delimiter: '\t', dateFormats: { c2: 'mm-dd-yyyy' } });
    expect(source.ambiguousDate).toBe(false);
    expect((await events('tab')).map((r) => [r.day, r.amount, r.is_refund])).toEqual([
      ['2024-03-13', 1234, false],
      ['2024-03-05', 12, false],
      ['2024-12-01', 0.5, false],
      ['2024-01-02', -12.5, true],
    ]);
  });

  it('pipe, yyyymmdd, € 12,50 / 12,50 EUR / €1.234,56 / -€ 7,25', async () => {
    const { source } = await load(c, fixtureFile('pipe-euro.txt'), 'pipe');
    expect(source.format).toMatchObject({ delimiter: '|', decimalMark: ',', dateFormats: { c2: 'yyyymmdd' } });
    expect((await events('pipe')).map((r) => [r.day, r.amount])).toEqual([
      ['2024-03-05', 12.5],
      ['2024-03-06', 12.5],
      ['2024-03-07', 1234.56],
      ['2024-03-08', -7.25],
    ]);
  });

  it('whitespace-aligned with CRLF: ids keep leading zeros', async () => {
    const { source } = await load(c, fixtureFile('aligned.txt'), 'ws');
    expect(source.format.delimiter).toBe('whitespace');
    expect(rolesByName(source)).toEqual({ cust: 'customer', day: 'date', n: 'ignore' });
    expect((await events('ws')).map((r) => [r.customer_id, r.day])).toEqual([
      ['00007', '2024-01-01'],
      ['00042', '2024-01-02'],
      ['00007', '2024-02-15'],
    ]);
  });
});

describe('encodings', () => {
  it('UTF-8 with BOM: the first header is clean, accents survive', async () => {
    const { source } = await load(c, fixtureFile('utf8-bom.csv'), 'bom');
    expect(source.columns[0]?.name).toBe('Klant ID');
    expect(rolesByName(source)).toEqual({ 'Klant ID': 'customer', Factuurdatum: 'date', Omzet: 'amount', Categorie: 'segment' });
    expect(source.format.dateFormats).toEqual({ c2: 'dd-mm-yyyy' });
    expect(await rowsOf(c, 'SELECT customer_id, day, amount, seg_c4 FROM events_bom ORDER BY row_no')).toEqual([
      { customer_id: '1', day: '2024-03-05', amount: 10, seg_c4: 'Café' },
      { customer_id: '2', day: '2024-03-25', amount: 20, seg_c4: 'Thé' },
      { customer_id: '1', day: '2024-04-01', amount: 5.5, seg_c4: 'Café' },
    ]);
  });

  it('Windows-1252: € (0x80) and ç read correctly after transcoding', async () => {
    const { source } = await load(c, fixtureFile('latin1.csv'), 'cp');
    expect(source.format.encoding).toBe('windows-1252');
    expect(source.columns.find((col) => col.name === 'bedrag')?.samples[0]).toBe('€ 12,50');
    expect(await rowsOf(c, 'SELECT customer_id, day, amount, seg_c4 FROM events_cp ORDER BY row_no')).toEqual([
      { customer_id: '501', day: '2024-01-03', amount: 12.5, seg_c4: 'Curaçao' },
      { customer_id: '502', day: '2024-01-14', amount: 1000, seg_c4: 'België' },
      { customer_id: '501', day: '2024-02-20', amount: 3, seg_c4: 'Curaçao' },
    ]);
  });

  it.each([
    ['utf16le.csv', 'utf-16le', 'u16le'],
    ['utf16be.csv', 'utf-16be', 'u16be'],
  ])('%s with BOM', async (file, encoding, id) => {
    const { source } = await load(c, fixtureFile(file), id);
    expect(source.format.encoding).toBe(encoding);
    expect(source.columns.map((col) => col.name)).toEqual(['customer', 'date', 'amount', 'country']);
    expect(await rowsOf(c, `SELECT customer_id, day, amount, seg_c4 FROM events_${id} ORDER BY row_no`)).toEqual([
      { customer_id: 'x1', day: '2024-05-01', amount: 10, seg_c4: 'Österreich' },
      { customer_id: 'x2', day: '2024-05-02', amount: 20, seg_c4: 'Deutschland' },
      { customer_id: 'x1', day: '2024-05-03', amount: 30, seg_c4: 'Österreich' },
    ]);
  });
});

describe('dates and times', () => {
  it('ISO timestamps: without offset kept as wall clock, with offset converted to Europe/Amsterdam across DST', async () => {
    await load(c, fixtureFile('timestamps.csv'), 'ts');
    // Amsterdam is UTC+1 until 2024-03-31 01:00Z and from 2024-10-27 01:00Z, UTC+2 in between.
    expect((await events('ts')).map((r) => r.ts)).toEqual([
      '2024-03-05 10:15:00', // no offset: as written
      '2024-03-31 00:30:00', // 2024-03-30 23:30+00:00 → +1
      '2024-03-31 01:30:00', // 00:30Z → +1
      '2024-03-31 03:30:00', // 01:30Z, after the change → +2
      '2024-10-27 01:30:00', // 2024-10-26 23:30Z → +2
      '2024-10-27 02:30:00', // 00:30Z → +2
      '2024-10-27 02:30:00', // 01:30Z, after the change → +1
      '2024-06-02 05:30:00', // 23:30-04:00 = 03:30Z → +2
      '2024-06-01 08:05:07', // no offset (fractional seconds dropped by the row conversion)
    ]);
  });

  it('the same instants in America/New_York and UTC', async () => {
    await load(c, fixtureFile('timestamps.csv'), 'tsny', {}, 'America/New_York');
    await load(c, fixtureFile('timestamps.csv'), 'tsutc', {}, 'UTC');
    const ny = (await events('tsny')).map((r) => r.ts);
    const utc = (await events('tsutc')).map((r) => r.ts);
    // New York: EDT (-4) from 2024-03-10 to 2024-11-03.
    expect(ny.slice(1, 4)).toEqual(['2024-03-30 19:30:00', '2024-03-30 20:30:00', '2024-03-30 21:30:00']);
    expect(ny[7]).toBe('2024-06-01 23:30:00');
    expect(utc.slice(1, 4)).toEqual(['2024-03-30 23:30:00', '2024-03-31 00:30:00', '2024-03-31 01:30:00']);
    expect(ny[0]).toBe('2024-03-05 10:15:00');
    expect(utc[0]).toBe('2024-03-05 10:15:00');
  });

  it('m/d/yyyy h:mm with quantity × unit price and C-prefixed invoices as cancellations (Online Retail)', async () => {
    const { source, report } = await load(c, fixtureFile('online-retail.csv'), 'or');
    expect(source.format).toMatchObject({ dateFormats: { c5: 'mm-dd-yyyy' }, cancelPrefix: 'C' });
    expect(rolesByName(source)).toMatchObject({ InvoiceNo: 'order_id', Quantity: 'quantity', InvoiceDate: 'date', UnitPrice: 'unit_price', CustomerID: 'customer', Country: 'segment' });
    const rows = await events('or');
    expect(rows.map((r) => [r.order_id, r.ts, r.is_refund])).toEqual([
      ['536365', '2010-12-01 08:26:00', false],
      ['536366', '2010-12-13 14:05:00', false],
      ['C536379', '2010-12-01 09:41:00', true],
      ['536370', '2010-12-01 08:45:00', false],
    ]);
    // 6 × 2.55, 2 × 3.39, -1 × 27.50, 24 × 3.75
    expect(rows.map((r) => Number((r.amount as number).toFixed(2)))).toEqual([15.3, 6.78, -27.5, 90]);
    expect(report).toMatchObject({ rowsWithoutCustomer: 1, refundRows: 1, refundTotal: -27.5 });
  });

  it('dd-mm-yyyy hh:mm with a status column (geannuleerd) and a cost column', async () => {
    const { source, report } = await load(c, fixtureFile('dmy-time-status.csv'), 'st');
    expect(rolesByName(source)).toEqual({ bestelnummer: 'order_id', klant: 'customer', datum: 'date', totaal: 'amount', kosten: 'cost', status: 'cancel_marker' });
    expect(await events('st', 'ts, amount, cost, is_refund')).toEqual([
      { ts: '2024-03-05 14:30:00', amount: 100, cost: 60, is_refund: false },
      { ts: '2024-03-06 09:05:00', amount: 50, cost: 20, is_refund: false },
      { ts: '2024-03-07 23:59:00', amount: -30, cost: -10, is_refund: true },
      { ts: '2024-03-13 00:00:00', amount: 10, cost: 4, is_refund: false },
    ]);
    expect(report.refundTotal).toBe(-30);
  });

  it('epoch seconds (with a margin column: cost = amount − margin) and epoch milliseconds', async () => {
    const s = await load(c, fixtureFile('epoch-s.csv'), 'es');
    expect(s.source.format.dateFormats).toEqual({ c2: 'epoch-s' });
    // 1709633700 = 2024-03-05 10:15Z → 11:15 Amsterdam; 1711846800 = 2024-03-31 01:00Z (the change) → 03:00;
    // 1730000000 = 2024-10-27 03:33:20Z → 04:33:20.
    expect(await events('es', 'ts, amount, cost')).toEqual([
      { ts: '2024-03-05 11:15:00', amount: 10, cost: 6 },
      { ts: '2024-03-31 03:00:00', amount: 20, cost: 15 },
      { ts: '2024-10-27 04:33:20', amount: 30, cost: 24 },
    ]);
    const m = await load(c, fixtureFile('epoch-ms.csv'), 'ems');
    expect(m.source.format.dateFormats).toEqual({ c2: 'epoch-ms' });
    expect((await events('ems')).map((r) => r.ts)).toEqual(['2024-03-05 11:15:00', '2024-03-31 03:00:00']);
  });

  it('ambiguous dd/mm vs mm/dd: flagged, day-first by default', async () => {
    const { source } = await load(c, fixtureFile('ambiguous.csv'), 'amb');
    expect(source.ambiguousDate).toBe(true);
    expect(source.confident).toBe(false);
    expect(source.format.dateFormats).toEqual({ c2: 'dd-mm-yyyy' });
    expect((await events('amb')).map((r) => r.day)).toEqual(['2024-02-01', '2024-04-03', '2024-06-05']);
  });
});

describe('other shapes', () => {
  it('subscriptions: start, empty end = active, mrr, plan', async () => {
    const { source } = await load(c, fixtureFile('subscriptions.csv'), 'sub');
    expect(source.shape).toBe('subscriptions');
    expect(source.table).toBe('subscriptions_sub');
    expect(await rowsOf(c, 'SELECT customer_id, start_day, end_day, mrr, seg_c5 FROM subscriptions_sub ORDER BY row_no')).toEqual([
      { customer_id: 'S1', start_day: '2024-01-01', end_day: null, mrr: 29, seg_c5: 'basis' },
      { customer_id: 'S2', start_day: '2024-01-15', end_day: '2024-03-15', mrr: 49, seg_c5: 'pro' },
      { customer_id: 'S3', start_day: '2024-02-01', end_day: '2025-02-01', mrr: 29, seg_c5: 'basis' },
      { customer_id: 'S1', start_day: '2024-06-01', end_day: null, mrr: 49, seg_c5: 'pro' },
    ]);
  });

  it('customers: id plus attributes, no dates', async () => {
    const { source } = await load(c, fixtureFile('customers.csv'), 'cust');
    expect(source.shape).toBe('customers');
    expect(rolesByName(source)).toEqual({ customer_id: 'customer', country: 'segment', channel: 'segment', signup_note: 'ignore' });
    expect(await rowsOf(c, 'SELECT customer_id, seg_c2, seg_c3 FROM customer_attrs_cust ORDER BY row_no LIMIT 2')).toEqual([
      { customer_id: '000123', seg_c2: 'NL', seg_c3: 'web' },
      { customer_id: '000124', seg_c2: 'BE', seg_c3: 'store' },
    ]);
  });

  it('NPS survey with reasons and an optional customer', async () => {
    const { source, report } = await load(c, fixtureFile('survey-nps.csv'), 'nps');
    expect(source.shape).toBe('survey');
    expect(source.scale).toBe('nps');
    expect(rolesByName(source)).toEqual({ email: 'customer', date: 'date', nps: 'score', reason: 'reason' });
    expect(await rowsOf(c, 'SELECT customer_id, day, score, reason FROM survey_nps ORDER BY row_no')).toEqual([
      { customer_id: 'a@x.nl', day: '2024-01-05', score: 10, reason: 'great service' },
      { customer_id: 'b@x.nl', day: '2024-01-06', score: 6, reason: 'too expensive' },
      { customer_id: 'c@x.nl', day: '2024-02-01', score: 9, reason: null },
      { customer_id: null, day: '2024-02-02', score: 0, reason: 'no reason' },
    ]);
    expect(report.rowsLoaded).toBe(4);
  });

  it('a 1–5 score without a scale in its name is CSAT', async () => {
    const { source } = await load(c, fixtureFile('survey-csat.csv'), 'csat');
    expect(source.scale).toBe('csat');
    expect(rolesByName(source)).toEqual({ date: 'date', score: 'score', comment: 'reason' });
  });
});
