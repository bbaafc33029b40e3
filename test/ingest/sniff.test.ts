/** The pure sniffing pieces: bytes, delimiter, header, head splitting, names. */
import { describe, expect, it } from 'vitest';
import { isUtf8, sniffBytes } from '../../src/engine/ingest/bytes';
import { decodeCp1252 } from '../../src/engine/ingest/cp1252';
import { plausibleDateFormats } from '../../src/engine/ingest/dates';
import { pickDateFormat } from '../../src/engine/ingest/formats';
import { columnNames, sniffHeader } from '../../src/engine/ingest/header';
import { normalizeName, roleFromName } from '../../src/engine/ingest/names';
import { looksLikeNumber } from '../../src/engine/ingest/numbers';
import { sniffDelimiter, splitRecords } from '../../src/engine/ingest/text';
import type { ColumnStats } from '../../src/engine/ingest/types';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sniffBytes', () => {
  it('reads BOMs and falls back to Windows-1252 on invalid UTF-8', () => {
    expect(sniffBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'a')).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(sniffBytes(new Uint8Array([0xff, 0xfe, 0x61, 0]), 'a')).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(sniffBytes(new Uint8Array([0xfe, 0xff, 0, 0x61]), 'a')).toEqual({ encoding: 'utf-16be', bomLength: 2 });
    expect(sniffBytes(enc('Café;1'), 'a').encoding).toBe('utf-8');
    expect(sniffBytes(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x3b, 0x80]), 'a').encoding).toBe('windows-1252');
  });

  it('accepts a UTF-8 sequence cut off by the end of the head', () => {
    expect(isUtf8(enc('€').subarray(0, 2))).toBe(true);
    expect(isUtf8(new Uint8Array([0xe2, 0x41]))).toBe(false);
  });

  it('decodes 0x80–0x9F as Windows-1252, not as control characters', () => {
    expect(decodeCp1252(new Uint8Array([0x80, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x93, 0x94]))).toBe('€ Café“”');
  });
});

describe('sniffDelimiter and splitRecords', () => {
  it.each([
    ['a;b;c\n1;2,5;3\n4;5,5;6\n', ';'],
    ['a,b,c\n1,"2;5",3\n4,5,6\n', ','],
    ['a\tb\n1\t2\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['  id  date      n\n 001  20240101  1\n 002  20240102  2\n', 'whitespace'],
  ])('%j → %j', (text, d) => {
    expect(sniffDelimiter(text)).toBe(d);
  });

  it('keeps quoted delimiters, doubled quotes and line breaks in one field', () => {
    expect(splitRecords('a,b\r\n"x,y","say ""hi"""\r\n"1\n2",3\r\n', ',', 10)).toEqual([
      ['a', 'b'],
      ['x,y', 'say "hi"'],
      ['1\n2', '3'],
    ]);
  });
});

describe('sniffHeader', () => {
  it('a text first row over dates and numbers is a header; a row of values is not', () => {
    expect(sniffHeader([['id', 'date', 'amount'], ['1', '2024-01-01', '3.5'], ['2', '2024-01-02', '4']])).toBe(true);
    expect(sniffHeader([['00004', '0001', '19970101', '2', '29.33'], ['00004', '0001', '19970118', '2', '29.73']])).toBe(false);
    expect(sniffHeader([['customer', 'country'], ['a', 'NL']])).toBe(true);
  });

  it('blank and repeated header names get usable labels', () => {
    expect(columnNames(['a', '', 'a'], 4, true)).toEqual(['a', 'column 2', 'a (2)', 'column 4']);
  });
});

describe('names', () => {
  it('match case- and accent-insensitively, ignoring spaces, _ and -', () => {
    expect(normalizeName('Klant-ID')).toBe('klantid');
    expect(normalizeName('Dátum Bestelling')).toBe('datumbestelling');
    expect(roleFromName('E-mail')?.role).toBe('customer');
    expect(roleFromName('customer_id')?.role).toBe('customer');
    expect(roleFromName('Factuurdatum')?.role).toBe('date');
    expect(roleFromName('Order Date')?.role).toBe('date');
    expect(roleFromName('Opzegdatum')?.role).toBe('end_date');
    expect(roleFromName('Start_Datum')?.role).toBe('start_date');
    expect(roleFromName('Unit Price')?.role).toBe('unit_price');
    expect(roleFromName('InvoiceNo')?.role).toBe('order_id');
    expect(roleFromName('Kanaal')?.role).toBe('segment');
    expect(roleFromName('Inkoopprijs')?.role).toBe('cost');
    expect(roleFromName('NPS score')?.role).toBe('score');
    expect(roleFromName('whatever')).toBeNull();
  });
});

describe('value shapes', () => {
  it('dates', () => {
    expect(plausibleDateFormats(['2024-03-05T10:15:00+01:00'])).toEqual(['yyyy-mm-dd']);
    expect(plausibleDateFormats(['12/1/2010 8:26'])).toEqual(['dd-mm-yyyy', 'mm-dd-yyyy']);
    expect(plausibleDateFormats(['20240305'])).toEqual(['yyyymmdd']);
    expect(plausibleDateFormats(['1709633700'])).toEqual(['epoch-s']);
    expect(plausibleDateFormats(['hello'])).toEqual([]);
  });

  it('numbers', () => {
    for (const v of ['12,50', '1.234,56', '€ 12,50', '$1,234.00', '12,50 EUR', '-12,50', '(12.50)', '12,50-']) expect(looksLikeNumber(v)).toBe(true);
    for (const v of ['abc', '12 apples', '2024-01-01x']) expect(looksLikeNumber(v)).toBe(false);
  });

  it('pickDateFormat: a value above 12 settles it, otherwise day-first unless told', () => {
    const stats = (dm: number, md: number): ColumnStats => ({
      nonEmpty: 10, distinct: 10, dateCounts: { 'dd-mm-yyyy': dm, 'mm-dd-yyyy': md }, withOffset: 0, numeric: 0, commaDecimal: 0,
      pointDecimal: 0, intMin: null, intMax: null, cancelWords: 0, prefixC: 0, digitsOnly: 0, multiline: 0,
    });
    expect(pickDateFormat(stats(10, 7), true)).toEqual({ format: 'dd-mm-yyyy', ambiguous: false });
    expect(pickDateFormat(stats(6, 10), true)).toEqual({ format: 'mm-dd-yyyy', ambiguous: false });
    expect(pickDateFormat(stats(10, 10), true)).toEqual({ format: 'dd-mm-yyyy', ambiguous: true });
    expect(pickDateFormat(stats(10, 10), false)).toEqual({ format: 'mm-dd-yyyy', ambiguous: true });
  });
});
