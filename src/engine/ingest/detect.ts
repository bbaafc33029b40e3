/**
 * The detection pass: one SQL scan of the raw table that counts, per column and
 * over every row, how many values each plausible date format reads, how many look
 * like amounts (and with which decimal mark), distinct values, cancellation words.
 * Which counts are worth computing is decided from the head of the file.
 */
import { ident, lit } from '../../metrics/sql';
import type { Row } from '../../metrics/rows';
import { dateExtractSql, dateInstantSql, datePartsSql, dateReadSql, plausibleDateFormats } from './dates';
import { CANCEL_WORDS, roleFromName } from './names';
import { commaDecimalSql, looksLikeNumber, moneyExtractSql, pointDecimalSql, wholeNumberSql } from './numbers';
import type { ColumnStats, DateFormat } from './types';
import { cellValueSql } from './values';

export interface DetectPlan {
  key: string;
  dateFormats: DateFormat[];
  numeric: boolean;
  text: boolean;
  idLike: boolean;
  /** Worth finding the smallest and largest whole number (a survey score). */
  scoreLike: boolean;
}

/** What is worth counting for a column, judged from its values at the head of the file. */
export function planColumn(key: string, name: string | null, head: string[]): DetectPlan {
  const values = head.filter((v) => v.trim() !== '');
  const distinct = new Set(values).size;
  const dateFormats = plausibleDateFormats(values);
  const calendar = dateFormats.some((f) => !f.startsWith('epoch'));
  return {
    key,
    dateFormats,
    // A column of dates like 20240305 needs no amount counts.
    numeric: !calendar && values.some(looksLikeNumber),
    text: distinct <= 60 && values.some((v) => /[a-z]/i.test(v)),
    // The cancel prefix (C536379) only matters on an order-id column.
    scoreLike: name === null || roleFromName(name)?.role === 'score',
    idLike: (name === null || roleFromName(name)?.role === 'order_id') && values.some((v) => /^[A-Za-z]?\d+$/.test(v.trim())),
  };
}

const alias = (k: string, kind: string, f: DateFormat): string => `${k}_${kind}_${f.replace(/-/g, '_')}`;

/**
 * `every` > 1: the pattern counts (dates, amounts, words) are taken on every `every`-th row
 * only, next to that sample's own non-empty count (`<key>_sn`, for scaling in parseDetect);
 * row, non-empty, distinct and multi-line counts always cover the whole table.
 */
export function detectSql(rawTable: string, plans: DetectPlan[], every = 1): string {
  const inner: string[] = [];
  const middle: string[] = ['*'];
  const whole: string[] = [];
  const aggs: string[] = [];
  for (const p of plans) {
    const col = ident(p.key);
    const v = cellValueSql(col);
    inner.push(`${v} AS ${ident(p.key)}`);
    whole.push(
      `count(${ident(p.key)}) AS ${ident(p.key + '_n')}`,
      `approx_count_distinct(${ident(p.key)}) AS ${ident(p.key + '_d')}`,
      `count(*) FILTER (WHERE contains(${ident(p.key)}, chr(10))) AS ${ident(p.key + '_ml')}`,
    );
    if (every > 1) aggs.push(`count(${ident(p.key)}) AS ${ident(p.key + '_sn')}`);
    const extracted = new Set<string>();
    for (const f of p.dateFormats) {
      // dd-mm-yyyy and mm-dd-yyyy share one extraction.
      const base: DateFormat = f === 'mm-dd-yyyy' ? 'dd-mm-yyyy' : f;
      const x = alias(p.key, 'x', base);
      if (!extracted.has(x)) {
        inner.push(`${dateExtractSql(v, base)} AS ${x}`);
        extracted.add(x);
      }
      const parts = alias(p.key, 'p', f);
      middle.push(`${datePartsSql(x, f)} AS ${parts}`);
      aggs.push(`count(*) FILTER (WHERE ${dateReadSql(parts)}) AS ${ident(`${p.key}_f_${f}`)}`);
    }
    const first = p.dateFormats[0];
    if (first) aggs.push(`count(*) FILTER (WHERE ${dateInstantSql(alias(p.key, 'p', first))}) AS ${ident(p.key + '_tz')}`);
    if (p.numeric) {
      const x = `${p.key}_m`;
      inner.push(`${moneyExtractSql(v)} AS ${x}`);
      aggs.push(
        `count(*) FILTER (WHERE ${x}.b <> '') AS ${ident(p.key + '_num')}`,
        `count(*) FILTER (WHERE ${commaDecimalSql(x)}) AS ${ident(p.key + '_cd')}`,
        `count(*) FILTER (WHERE ${pointDecimalSql(x)}) AS ${ident(p.key + '_pd')}`,
      );
      if (p.scoreLike) aggs.push(`min(${wholeNumberSql(x)}) AS ${ident(p.key + '_imin')}`, `max(${wholeNumberSql(x)}) AS ${ident(p.key + '_imax')}`);
    }
    if (p.text) aggs.push(`count(*) FILTER (WHERE regexp_matches(lower(${ident(p.key)}), ${lit(CANCEL_WORDS)})) AS ${ident(p.key + '_cw')}`);
    if (p.idLike) {
      aggs.push(
        `count(*) FILTER (WHERE regexp_full_match(${ident(p.key)}, '[Cc]\\d+')) AS ${ident(p.key + '_pc')}`,
        `count(*) FILTER (WHERE regexp_full_match(${ident(p.key)}, '\\d+')) AS ${ident(p.key + '_do')}`,
      );
    }
  }
  const trimmed = (from: string) => `(SELECT ${inner.join(',\n  ')} FROM ${from})`;
  if (every <= 1) {
    return `SELECT count(*) AS rows, ${[...whole, ...aggs].join(',\n  ')}
FROM (SELECT ${middle.join(',\n  ')} FROM ${trimmed(ident(rawTable))})`;
  }
  const wholeInner = plans.map((p) => `${cellValueSql(ident(p.key))} AS ${ident(p.key)}`).join(', ');
  return `SELECT * FROM
  (SELECT count(*) AS rows, ${whole.join(',\n  ')} FROM (SELECT ${wholeInner} FROM ${ident(rawTable)})),
  (SELECT ${aggs.join(',\n  ')}
   FROM (SELECT ${middle.join(',\n  ')} FROM ${trimmed(`(SELECT * FROM ${ident(rawTable)} WHERE rowid % ${Math.floor(every)} = 0)`)}))`;
}

export function parseDetect(row: Row, plans: DetectPlan[]): Map<string, ColumnStats> {
  const num = (k: string): number => {
    const v = row[k];
    return typeof v === 'number' ? v : 0;
  };
  const numOrNull = (k: string): number | null => {
    const v = row[k];
    return typeof v === 'number' ? v : null;
  };
  const out = new Map<string, ColumnStats>();
  for (const p of plans) {
    const k = p.key;
    // Counts taken on a sample stand for the whole column in the same proportion.
    const sampled = numOrNull(`${k}_sn`);
    const scale = sampled === null ? 1 : sampled > 0 ? num(`${k}_n`) / sampled : 0;
    const count = (key: string): number => Math.round(num(key) * scale);
    const dateCounts: Partial<Record<DateFormat, number>> = {};
    for (const f of p.dateFormats) dateCounts[f] = count(`${k}_f_${f}`);
    out.set(k, {
      nonEmpty: num(`${k}_n`),
      distinct: num(`${k}_d`),
      dateCounts,
      withOffset: count(`${k}_tz`),
      numeric: count(`${k}_num`),
      commaDecimal: count(`${k}_cd`),
      pointDecimal: count(`${k}_pd`),
      intMin: numOrNull(`${k}_imin`),
      intMax: numOrNull(`${k}_imax`),
      cancelWords: count(`${k}_cw`),
      prefixC: count(`${k}_pc`),
      digitsOnly: count(`${k}_do`),
      multiline: num(`${k}_ml`),
    });
  }
  return out;
}
