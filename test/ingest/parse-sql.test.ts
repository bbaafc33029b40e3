/** The date and amount SQL expressions, run through DuckDB on single values. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { dateExtractSql, dateLocalSql, datePartsSql, dateUtcSql } from '../../src/engine/ingest/dates';
import { moneyExtractSql, moneyValueSql } from '../../src/engine/ingest/numbers';
import type { DateFormat, FormatChoices } from '../../src/engine/ingest/types';
import { lit } from '../../src/metrics/sql';
import { createNodeConnector } from '../../src/engine/node';
import { rowsOf } from '../helpers/ingest-load';

let c: Connector;
beforeAll(async () => {
  c = await createNodeConnector();
});
afterAll(async () => {
  await c.close();
});

async function readDate(v: string, f: DateFormat): Promise<[unknown, unknown]> {
  const [r] = await rowsOf(
    c,
    `SELECT strftime(${dateLocalSql('p')}, '%Y-%m-%d %H:%M:%S') AS l, strftime(${dateUtcSql('p')}, '%Y-%m-%d %H:%M:%S') AS u
FROM (SELECT ${datePartsSql('x', f)} AS p FROM (SELECT ${dateExtractSql(lit(v), f)} AS x))`,
  );
  return [r?.l ?? null, r?.u ?? null];
}

async function readMoney(v: string, f: Pick<FormatChoices, 'decimalMark' | 'thousandsSeparator'>): Promise<unknown> {
  const [r] = await rowsOf(c, `SELECT ${moneyValueSql('m', f)} AS v FROM (SELECT ${moneyExtractSql(lit(v))} AS m)`);
  return r?.v ?? null;
}

describe('dates', () => {
  it.each<[string, DateFormat, string | null, string | null]>([
    ['2024-03-05', 'yyyy-mm-dd', '2024-03-05 00:00:00', null],
    ['2024/3/5 9:05', 'yyyy-mm-dd', '2024-03-05 09:05:00', null],
    ['2024-03-05T10:15:00Z', 'yyyy-mm-dd', null, '2024-03-05 10:15:00'],
    ['2024-03-05 10:15:00+01:00', 'yyyy-mm-dd', null, '2024-03-05 09:15:00'],
    ['2024-03-05T10:15:00-0530', 'yyyy-mm-dd', null, '2024-03-05 15:45:00'],
    ['05-03-2024', 'dd-mm-yyyy', '2024-03-05 00:00:00', null],
    ['05.03.2024 14:30', 'dd-mm-yyyy', '2024-03-05 14:30:00', null],
    ['3/13/2024', 'mm-dd-yyyy', '2024-03-13 00:00:00', null],
    ['12/1/2010 8:26 PM', 'mm-dd-yyyy', '2010-12-01 20:26:00', null],
    ['12/1/2010 12:05 AM', 'mm-dd-yyyy', '2010-12-01 00:05:00', null],
    ['3/13/2024', 'dd-mm-yyyy', null, null],
    ['29-02-2024', 'dd-mm-yyyy', '2024-02-29 00:00:00', null],
    ['29-02-2023', 'dd-mm-yyyy', null, null],
    ['31-04-2024', 'dd-mm-yyyy', null, null],
    ['20240305', 'yyyymmdd', '2024-03-05 00:00:00', null],
    ['20241305', 'yyyymmdd', null, null],
    ['1709633700', 'epoch-s', null, '2024-03-05 10:15:00'],
    ['1709633700000', 'epoch-ms', null, '2024-03-05 10:15:00'],
    ['123456789', 'epoch-s', null, null],
    ['not a date', 'yyyy-mm-dd', null, null],
  ])('%s as %s', async (v, f, local, utc) => {
    expect(await readDate(v, f)).toEqual([local, utc]);
  });
});

describe('amounts', () => {
  const comma = { decimalMark: ',', thousandsSeparator: '.' } as const;
  const point = { decimalMark: '.', thousandsSeparator: ',' } as const;
  it.each<[string, typeof comma | typeof point, number | null]>([
    ['12,50', comma, 12.5],
    ['1.234,56', comma, 1234.56],
    ['1 234,56', comma, 1234.56],
    ['€ 12,50', comma, 12.5],
    ['12,50 EUR', comma, 12.5],
    ['-12,50', comma, -12.5],
    ['-€ 7,25', comma, -7.25],
    ['12,50-', comma, -12.5],
    ['12.5', comma, null],
    ['1.234.567', comma, 1234567],
    ['1,234.56', point, 1234.56],
    ['$1,234.00', point, 1234],
    ['(12.50)', point, -12.5],
    ['(12.50', point, null],
    ['12,5', point, null],
    ['007', point, 7],
    ['twelve', point, null],
  ])('%s', async (v, f, expected) => {
    expect(await readMoney(v, f)).toBe(expected);
  });
});
