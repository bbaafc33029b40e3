/**
 * The typed pass reads common dates with strptime and plain numbers with a cast, and only
 * the other values with the full expressions: on every value, dates, amounts and the reasons
 * for unusable rows must be exactly those of the full expressions alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { dateQuickSql } from '../../src/engine/ingest/dates';
import { openSource, withOverrides } from '../../src/engine/ingest/load';
import { amountQuickSql } from '../../src/engine/ingest/numbers';
import { typedSql } from '../../src/engine/ingest/typed';
import type { DateFormat, FormatChoices, Source } from '../../src/engine/ingest/types';
import { createNodeConnector } from '../../src/engine/node';
import { lit } from '../../src/metrics/sql';
import { rowsOf } from '../helpers/ingest-load';

const TAB = '\t';
const NL = '\n';
const VT = '\u000b';

const DATES = [
  // day-first / month-first
  '5-1-2023', '05-01-2023', '5/1/2023', '05.01.2023', ' 5-1-2023 ', '13-1-2023', '1-13-2023', '31-02-2023', '29-02-2024',
  '29-02-2023', '29-02-1900', '29-02-2000', '00-01-2023', '5-0-2023', '005-1-2023', '5-001-2023', '5-1/2023', '5/1.2023',
  '05-01-0023', '05-01-20230', '05-01-23', '5-1-1899', '1-1-1900', '31-12-2200', '1-1-2201', '+1-1-2023', '5-+1-2023',
  '-5-1-2023', '5-1--2023', '5--1-2023',
  '5-1-2023 9:05', '5-1-2023 09:05:07', '5-1-2023  9:05', '5-1-2023 9:5', '5-1-2023 9:05:7', '5-1-2023 009:05',
  '5-1-2023 24:00', '5-1-2023 23:60', '5-1-2023 23:59:60', '5-1-2023 00:00:00', '5-1-2023T9:05', '5-1-2023 T9:05',
  '5-1-2023, 9:05', '5-1-2023 9:05:00.5', '5-1-2023 9:05:00,25', '5-1-2023 9:05 PM', '5-1-2023 12:05 am', '5-1-2023 9:05Z',
  '5-1-2023 9:05:00+01:00', '5-1-2023 9:05 -0530', '5-1-2023 UTC', '5-1-2023Z', '5-1-2023 9', '5-1-2023 9:',
  // ISO
  '2023-01-05', '2023-1-5', '2023/01/05', '2023.1.5', '2023-01-05T09:05', '2023-01-05T09:05:07', '2023-01-05 9:05',
  '2023-01-05 T09:05', '2023-01-05TT09:05', '2023-01-05t09:05', '2023-01-05T09:05:07Z', '2023-01-05T09:05:07.123',
  '2023-01-05T09:05:07+02:00', '20230-01-05', '0023-01-05', '1899-12-31', '2200-12-31 23:59:59', '2201-01-01', '2023-02-29',
  '2024-02-29T24:00', '2023-01-05 9:5',
  // whitespace strptime would skip, other digits, other formats
  `${TAB}5-1-2023`, `5-1-2023${TAB}`, `5-1-2023${TAB}9:05`, `5-1-2023${VT}`, `${NL}2023-01-05`, `2023-01-05${NL}`,
  `5-1-2023${NL}9:05`, '5-1-2023\u00a09:05', '٥-١-٢٠٢٣', '５-１-２０２３', '20230105', '1709633700', '1709633700000', 'T', '-', ':',
  'not a date', '',
];

const AMOUNTS = [
  '12', '-12', '0', '-0', '007', '-007', '12,50', '-12,50', '-0,00', '12.5', '-12.5', '1.234', '1,234', '1.234,56', '1,234.56',
  '1.234.567', '1,234,567', '1 234,56', "1'234.56", ',5', '5,', '.5', '5.', '+1', '+1,5', '--5', '-', '- 5', '€ 12,50',
  '12,50 EUR', '(12,50)', '12,50-', '$1,234.00', '1e5', 'NaN', 'inf', '12,5,0', '1.2.3', `5${TAB}`, '9'.repeat(400),
  '０１２', '', 'twelve',
];

type Numbers = Pick<FormatChoices, 'decimalMark' | 'thousandsSeparator'>;
const CASES: [DateFormat, Numbers][] = [
  ['dd-mm-yyyy', { decimalMark: ',', thousandsSeparator: '.' }],
  ['mm-dd-yyyy', { decimalMark: '.', thousandsSeparator: ',' }],
  ['yyyy-mm-dd', { decimalMark: ',', thousandsSeparator: '' }],
  ['yyyymmdd', { decimalMark: '.', thousandsSeparator: '' }],
  ['dd-mm-yyyy', { decimalMark: '.', thousandsSeparator: '.' }],
  ['yyyy-mm-dd', { decimalMark: ',', thousandsSeparator: ',' }],
];

let c: Connector;
let opened: Source;
beforeAll(async () => {
  c = await createNodeConnector();
  opened = await openSource(c, new File(['customer;date;amount\nA;05-03-2024;12,50\n'], 'quick.csv'), 'qr');
  // Every date next to every amount, so that each amount's reason shows behind a readable date.
  const rows = DATES.flatMap((d) => AMOUNTS.map((a) => `('A', ${lit(d)}, ${lit(a)})`));
  await c.exec(`CREATE OR REPLACE TABLE quick_values (c1 VARCHAR, c2 VARCHAR, c3 VARCHAR)`);
  await c.exec(`INSERT INTO quick_values VALUES ${rows.join(', ')}`);
});
afterAll(async () => {
  await c.close();
});

function sourceFor(f: DateFormat, n: Numbers): Source {
  const s = withOverrides(opened, { roles: { c1: 'customer', c2: 'date', c3: 'amount' }, shape: 'activity', format: { dateFormats: { c2: f }, ...n } });
  expect([s.format.dateFormats.c2, s.format.decimalMark, s.format.thousandsSeparator]).toEqual([f, n.decimalMark, n.thousandsSeparator]);
  return { ...s, rawTable: 'quick_values' };
}

describe('quick readings in the typed pass', () => {
  it.each(CASES)('%s, %o: the same as the full expressions', async (f, n) => {
    const s = sourceFor(f, n);
    await c.exec(typedSql(s));
    await c.exec('CREATE OR REPLACE TEMP TABLE typed_quick AS SELECT * FROM typed_qr');
    await c.exec(typedSql(s, { quick: false }));
    // Amounts compared as text: -0.0 and 0.0 are equal as numbers.
    const [counts] = await rowsOf(
      c,
      `SELECT count(*) AS n, count(d_local) AS dates, count(amount) AS amounts, count(_why) AS unusable FROM typed_qr`,
    );
    expect(counts?.n).toBe(DATES.length * AMOUNTS.length);
    expect(counts?.dates).toBeGreaterThan(0);
    expect(counts?.amounts).toBeGreaterThan(0);
    const differ = await rowsOf(
      c,
      `SELECT v.c2 AS date, v.c3 AS amount, strftime(q.d_local, '%Y-%m-%d %H:%M:%S') AS quick_local, strftime(s.d_local, '%Y-%m-%d %H:%M:%S') AS full_local,
         strftime(q.d_utc, '%Y-%m-%d %H:%M:%S') AS quick_utc, strftime(s.d_utc, '%Y-%m-%d %H:%M:%S') AS full_utc,
         CAST(q.amount AS VARCHAR) AS quick_amount, CAST(s.amount AS VARCHAR) AS full_amount, q._why AS quick_why, s._why AS full_why
       FROM typed_quick q FULL JOIN typed_qr s USING (_rid) LEFT JOIN (SELECT rowid AS _rid, * FROM quick_values) v USING (_rid)
       WHERE q._rid IS NULL OR s._rid IS NULL OR q.row_no IS DISTINCT FROM s.row_no OR q.customer_id IS DISTINCT FROM s.customer_id
         OR q.d_local IS DISTINCT FROM s.d_local OR q.d_utc IS DISTINCT FROM s.d_utc
         OR CAST(q.amount AS VARCHAR) IS DISTINCT FROM CAST(s.amount AS VARCHAR) OR q._why IS DISTINCT FROM s._why
       LIMIT 20`,
    );
    expect(differ).toEqual([]);
  });

  async function quickDate(v: string, f: DateFormat): Promise<unknown> {
    const [r] = await rowsOf(c, `SELECT strftime(${dateQuickSql('v', f)}, '%Y-%m-%d %H:%M:%S') AS t FROM (SELECT ${lit(v)} AS v)`);
    return r?.t ?? null;
  }

  it.each<[string, DateFormat, string | null]>([
    ['5-1-2023', 'dd-mm-yyyy', '2023-01-05 00:00:00'],
    ['5/1/2023 9:05', 'dd-mm-yyyy', '2023-01-05 09:05:00'],
    ['05.01.2023 09:05:07', 'dd-mm-yyyy', '2023-01-05 09:05:07'],
    ['1/13/2023', 'mm-dd-yyyy', '2023-01-13 00:00:00'],
    ['2023-1-5', 'yyyy-mm-dd', '2023-01-05 00:00:00'],
    ['2023-01-05T09:05:07', 'yyyy-mm-dd', '2023-01-05 09:05:07'],
    ['2023/01/05  9:05', 'yyyy-mm-dd', '2023-01-05 09:05:00'],
    // left to the full expressions
    ['5-1-2023 9:5', 'dd-mm-yyyy', null],
    ['5-1-2023 9:05 PM', 'dd-mm-yyyy', null],
    ['5-1-2023T9:05', 'dd-mm-yyyy', null],
    ['2023-01-05T09:05:07Z', 'yyyy-mm-dd', null],
    ['2023-01-05T09:05:07.5', 'yyyy-mm-dd', null],
    [`${TAB}5-1-2023`, 'dd-mm-yyyy', null],
    [`5-1-2023${TAB}9:05`, 'dd-mm-yyyy', null],
    ['05-01-0023', 'dd-mm-yyyy', null],
    ['1-1-2201', 'dd-mm-yyyy', null],
    ['31-02-2023', 'dd-mm-yyyy', null],
    ['5-1/2023', 'dd-mm-yyyy', null],
    ['20230105', 'yyyymmdd', null],
  ])('date %j as %s: quick reading %s', async (v, f, expected) => {
    expect(await quickDate(v, f)).toBe(expected);
  });

  async function quickAmount(v: string, n: Numbers): Promise<unknown> {
    const [r] = await rowsOf(c, `SELECT CAST(${amountQuickSql('v', n)} AS VARCHAR) AS a FROM (SELECT ${lit(v)} AS v)`);
    return r?.a ?? null;
  }

  it.each<[string, Numbers['decimalMark'], Numbers['thousandsSeparator'], string | null]>([
    ['12,50', ',', '.', '12.5'],
    ['-0', ',', '.', '-0.0'],
    ['007', '.', ',', '7.0'],
    ['-12.5', '.', ',', '-12.5'],
    ['1.234', '.', ',', '1.234'],
    // left to the full expressions
    ['1.234', ',', '.', null],
    ['12.5', ',', '.', null],
    ['+1', ',', '.', null],
    ['1,234', '.', ',', null],
    ['1.5', '.', '.', null],
  ])('amount %j, decimal mark %j, thousands %j: quick reading %s', async (v, decimalMark, thousandsSeparator, expected) => {
    expect(await quickAmount(v, { decimalMark, thousandsSeparator })).toBe(expected);
  });
});
