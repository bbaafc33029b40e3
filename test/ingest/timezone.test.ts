import { describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';
import { offsetAt, offsetSpans, offsetTableSql } from '../../src/engine/ingest/timezone';
import { rowsOf } from '../helpers/ingest-load';

const ms = (iso: string): number => Date.parse(iso);

describe('offsetSpans', () => {
  it('finds the Amsterdam DST changes of 2024 to the minute', () => {
    // CET +60 until 2024-03-31 01:00 UTC, CEST +120 until 2024-10-27 01:00 UTC, then +60 again.
    const spans = offsetSpans('Europe/Amsterdam', ms('2024-01-01T00:00:00Z'), ms('2024-12-31T00:00:00Z'));
    expect(spans.map((s) => s.offsetMinutes)).toEqual([60, 120, 60]);
    expect(new Date(spans[1]?.fromUtcMs ?? 0).toISOString()).toBe('2024-03-31T01:00:00.000Z');
    expect(new Date(spans[2]?.fromUtcMs ?? 0).toISOString()).toBe('2024-10-27T01:00:00.000Z');
  });

  it('finds New York changes (second Sunday of March, first of November, at 2:00 local)', () => {
    const spans = offsetSpans('America/New_York', ms('2024-01-01T00:00:00Z'), ms('2024-12-31T00:00:00Z'));
    expect(spans.map((s) => s.offsetMinutes)).toEqual([-300, -240, -300]);
    // 2024-03-10 02:00 EST = 07:00 UTC; 2024-11-03 02:00 EDT = 06:00 UTC.
    expect(new Date(spans[1]?.fromUtcMs ?? 0).toISOString()).toBe('2024-03-10T07:00:00.000Z');
    expect(new Date(spans[2]?.fromUtcMs ?? 0).toISOString()).toBe('2024-11-03T06:00:00.000Z');
  });

  it('has one span for UTC and covers several years', () => {
    expect(offsetSpans('UTC', ms('2000-01-01T00:00:00Z'), ms('2030-01-01T00:00:00Z'))).toHaveLength(1);
    // Two changes a year, 2020..2024 inclusive.
    expect(offsetSpans('Europe/Amsterdam', ms('2020-01-01T00:00:00Z'), ms('2024-12-31T00:00:00Z'))).toHaveLength(11);
  });

  it('agrees with offsetAt around each change', () => {
    const spans = offsetSpans('Europe/Amsterdam', ms('2024-01-01T00:00:00Z'), ms('2024-12-31T00:00:00Z'));
    for (const s of spans.slice(1)) {
      expect(offsetAt('Europe/Amsterdam', s.fromUtcMs)).toBe(s.offsetMinutes);
      expect(offsetAt('Europe/Amsterdam', s.fromUtcMs - 60_000)).not.toBe(s.offsetMinutes);
    }
  });

  it('converts instants in SQL with an ASOF join', async () => {
    const c = await createNodeConnector();
    await c.exec(offsetTableSql('tz_t', offsetSpans('Europe/Amsterdam', ms('2024-03-01T00:00:00Z'), ms('2024-11-30T00:00:00Z'))));
    const rows = await rowsOf(
      c,
      `SELECT strftime(u + to_minutes(z.offset_minutes), '%Y-%m-%d %H:%M') AS local
FROM (VALUES (TIMESTAMP '2024-03-31 00:59:00'), (TIMESTAMP '2024-03-31 01:00:00'), (TIMESTAMP '2024-10-27 00:59:00'), (TIMESTAMP '2024-10-27 01:00:00')) v(u)
ASOF JOIN tz_t z ON v.u >= z.from_utc ORDER BY u`,
    );
    // 00:59Z +1 = 01:59; 01:00Z +2 = 03:00; 00:59Z +2 = 02:59; 01:00Z +1 = 02:00.
    expect(rows.map((r) => r.local)).toEqual(['2024-03-31 01:59', '2024-03-31 03:00', '2024-10-27 02:59', '2024-10-27 02:00']);
    await c.close();
  });
});
