import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { lifecycleCsv, lifecycleSql, parseLifecycle, type LifecyclePeriod } from '../../src/metrics/lifecycle';
import { scopeCtes } from '../../src/metrics/scope';
import type { MetricOptions } from '../../src/metrics/types';
import { a, connectWith, infoFor, readCdnow, readGrocery, sweepRows, withFixture, type ActivityRow } from '../helpers/metrics-a-data';
import { refLifecycle } from '../helpers/metrics-a-reference';
import { GRAINS, optionMatrix, opts, rowsOf } from '../helpers/metrics-a-run';

async function lifecycleOf(rows: ActivityRow[], o: Partial<MetricOptions> = {}): Promise<LifecyclePeriod[]> {
  const c = await withFixture(rows);
  return parseLifecycle(await rowsOf(c, lifecycleSql(opts(o), infoFor(rows))));
}

const table = (ps: LifecyclePeriod[]) => ps.map((p) => [p.periodStart, p.new, p.returning, p.resurrecting, p.dormant, p.complete]);

describe('lifecycle: hand-worked monthly fixture', () => {
  //   A: Jan 5, Feb 10, Apr 3          B: Jan 20, Mar 3, Mar 20
  //   C: Feb 1 (two orders), Mar 15 refund only (not activity)
  //   D: Mar 31                        E: Apr 10 (data end: April incomplete)
  // Jan: active A, B, both new                                → new 2
  // Feb: active A, C: C new, A returning; B dormant           → 1, 1, 0, 1
  // Mar: active B, D: D new, B resurrecting; A, C dormant     → 1, 0, 1, 2
  // Apr: active A, E: E new, A resurrecting; B, D dormant     → 1, 0, 1, 2
  const rows = [
    a('A', '2024-01-05', 10),
    a('A', '2024-02-10', 10),
    a('A', '2024-04-03', 10),
    a('B', '2024-01-20', 10),
    a('B', '2024-03-03', 10),
    a('B', '2024-03-20', 10),
    a('C', '2024-02-01', 10),
    a('C', '2024-02-01', 10),
    a('C', '2024-03-15', -10),
    a('D', '2024-03-31', 10),
    a('E', '2024-04-10', 10),
  ];

  it('classifies every active customer once and counts the dormant', async () => {
    expect(table(await lifecycleOf(rows))).toEqual([
      ['2024-01-01', 2, 0, 0, 0, true],
      ['2024-02-01', 1, 1, 0, 1, true],
      ['2024-03-01', 1, 0, 1, 2, true],
      ['2024-04-01', 1, 0, 1, 2, false],
    ]);
  });

  it('treats customers acquired before the date range as resurrecting in its first period', async () => {
    // From Feb 1: February is the first period, A (acquired in January) has no visible previous
    // period → resurrecting; B's January is not seen, so nobody is dormant in February.
    // Feb: C new, A resurrecting.  Mar: D new, B resurrecting, A and C dormant.  Apr: as above.
    expect(table(await lifecycleOf(rows, { dateFrom: '2024-02-01' }))).toEqual([
      ['2024-02-01', 1, 0, 1, 0, true],
      ['2024-03-01', 1, 0, 1, 2, true],
      ['2024-04-01', 1, 0, 1, 2, false],
    ]);
  });

  it('filters by segment', async () => {
    // Only A and D (segment x): Jan A new; Feb A returning; Mar D new, A dormant; Apr A resurrecting, D dormant.
    const tagged = rows.map((r) => ({ ...r, s1: r.customer === 'A' || r.customer === 'D' ? 'x' : 'y' }));
    expect(table(await lifecycleOf(tagged, { segment: { column: 's1', values: ['x'] } }))).toEqual([
      ['2024-01-01', 1, 0, 0, 0, true],
      ['2024-02-01', 0, 1, 0, 0, true],
      ['2024-03-01', 1, 0, 0, 1, true],
      ['2024-04-01', 0, 0, 1, 1, false],
    ]);
  });

  it('keeps empty periods and counts a gap of several periods once as dormant', async () => {
    // Q: Jan 15, May 2 (data end). Feb: Q dormant; Mar, Apr: nothing; May: Q resurrecting.
    expect(table(await lifecycleOf([a('Q', '2024-01-15'), a('Q', '2024-05-02')]))).toEqual([
      ['2024-01-01', 1, 0, 0, 0, true],
      ['2024-02-01', 0, 0, 0, 1, true],
      ['2024-03-01', 0, 0, 0, 0, true],
      ['2024-04-01', 0, 0, 0, 0, true],
      ['2024-05-01', 0, 0, 1, 0, false],
    ]);
  });

  it('uses Sunday weeks across the new year', async () => {
    // Sunday weeks: Sat 2024-12-28 is in the week of Sun 12-22; Sun 12-29 starts the next week;
    // Sun 2025-01-05 the one after. X: 12-28, 12-29 → new, returning; Y: 2025-01-05 → new, X dormant.
    const r = await lifecycleOf([a('X', '2024-12-28'), a('X', '2024-12-29'), a('Y', '2025-01-05')], { grain: 'week', weekStart: 'sunday' });
    expect(table(r)).toEqual([
      ['2024-12-22', 1, 0, 0, 0, true],
      ['2024-12-29', 0, 1, 0, 0, true],
      ['2025-01-05', 1, 0, 0, 1, false],
    ]);
    expect(r.map((p) => p.periodEnd)).toEqual(['2024-12-28', '2025-01-04', '2025-01-11']);
  });

  it('exports the contract columns with dormant as a positive count', async () => {
    const csv = lifecycleCsv(await lifecycleOf(rows));
    expect(csv.columns).toEqual(['period_start', 'new', 'returning', 'resurrecting', 'dormant', 'complete']);
    expect(csv.rows[2]).toEqual(['2024-03-01', 1, 0, 1, 2, true]);
  });
});

describe('lifecycle on real data against an independent computation', () => {
  for (const [name, read] of [
    ['CDNOW', readCdnow],
    ['grocery', readGrocery],
  ] as const) {
    describe(name, () => {
      let rows: ActivityRow[];
      let c: Connector;
      beforeAll(async () => {
        rows = read();
        c = await connectWith(rows);
      });
      afterAll(async () => c.close());

      for (const grain of GRAINS) {
        it(grain, async () => {
          const got = parseLifecycle(await rowsOf(c, lifecycleSql(opts({ grain }), infoFor(rows))));
          expect(table(got)).toEqual(
            refLifecycle(rows, grain, 'monday').map((p) => [p.periodStart, p.new, p.returning, p.resurrecting, p.dormant, p.complete]),
          );
        });
      }

      // Ranges that cut periods: a customer's activity just before the range is unseen, so
      // their first activity in the range's first period must not look like a return.
      for (const [grain, from, to] of [
        ['month', '1997-02-17', '1997-11-12'],
        ['week', '1997-03-05', '1998-01-21'],
        ['quarter', '1997-02-10', '1998-05-20'],
      ] as const) {
        it(`${grain}, dates ${from} to ${to}`, async () => {
          const got = parseLifecycle(await rowsOf(c, lifecycleSql(opts({ grain, dateFrom: from, dateTo: to }), infoFor(rows))));
          expect(table(got)).toEqual(
            refLifecycle(rows, grain, 'monday', { from, to }).map((p) => [p.periodStart, p.new, p.returning, p.resurrecting, p.dormant, p.complete]),
          );
        });
      }

      it('week, Sunday start', async () => {
        const got = parseLifecycle(await rowsOf(c, lifecycleSql(opts({ grain: 'week', weekStart: 'sunday' }), infoFor(rows))));
        expect(table(got)).toEqual(
          refLifecycle(rows, 'week', 'sunday').map((p) => [p.periodStart, p.new, p.returning, p.resurrecting, p.dormant, p.complete]),
        );
      });
    });
  }
});

describe('lifecycle: every option combination', () => {
  it('binds, runs and keeps its invariants', async () => {
    const rows = sweepRows();
    const c = await withFixture(rows);
    for (const o of optionMatrix()) {
      const r = parseLifecycle(await rowsOf(c, lifecycleSql(o, infoFor(rows))));
      if (o.dateFrom === '2030-01-01') expect(r).toEqual([]);
      else expect(r.length).toBeGreaterThan(0);
      for (const [i, p] of r.entries()) {
        expect(Math.min(p.new, p.returning, p.resurrecting, p.dormant)).toBeGreaterThanOrEqual(0);
        // everyone active in the previous period is either returning or dormant now
        const prev = r[i - 1];
        if (prev) expect(p.returning + p.dormant).toBe(prev.new + prev.returning + prev.resurrecting);
        if (i < r.length - 1) expect(p.complete).toBe(true);
      }
    }
  });

  it('returns nothing for an empty dataset', async () => {
    const c = await withFixture([], infoFor([a('x', '2024-01-01', 1)]));
    expect(parseLifecycle(await rowsOf(c, lifecycleSql(opts(), infoFor([]))))).toEqual([]);
  });
});

describe('lifecycle SQL', () => {
  it('is stable (a change to the query shows up here)', () => {
    const o = opts();
    expect(lifecycleSql(o, infoFor([])).replace(scopeCtes(o), '<scope>')).toMatchInlineSnapshot(`
      "WITH <scope>,
      span AS MATERIALIZED (
        SELECT t0, data_start, data_end, CAST(((year(CAST(date_trunc('month', data_end) AS DATE)) - year(t0)) * 12 + month(CAST(date_trunc('month', data_end) AS DATE)) - month(t0)) AS INTEGER) AS last
        FROM (SELECT CAST(date_trunc('month', data_start) AS DATE) AS t0, data_start, data_end FROM bounds)
      ),
      day_index AS (
        SELECT day, CAST(((year(CAST(date_trunc('month', day) AS DATE)) - year(span.t0)) * 12 + month(CAST(date_trunc('month', day) AS DATE)) - month(span.t0)) AS INTEGER) AS i, p,
          greatest(p, span.data_start) AS lo,
          greatest(CAST((p) + to_months(CAST(-1 AS INTEGER)) AS DATE), span.data_start) AS prev_lo,
          least(CAST(CAST((CAST((p) + to_months(CAST(1 AS INTEGER)) AS DATE)) + to_months(CAST(1 AS INTEGER)) AS DATE) - 1 AS DATE), span.data_end) AS next_hi
        FROM (SELECT day, CAST(date_trunc('month', day) AS DATE) AS p FROM (SELECT CAST(ts AS DATE) AS day FROM span, range(span.t0, span.data_end + 1, INTERVAL 1 DAY) t(ts))), span
      ),
      flags AS (
        SELECT x.i,
          d.prev_active IS NULL OR d.prev_active < x.lo AS first_in_period,
          coalesce(d.prev_active >= x.prev_lo, false) AS from_previous,
          d.first_day >= x.p AS first_ever,
          d.next_active IS NULL OR d.next_active > x.next_hi AS gone_next
        FROM fday d JOIN day_index x ON x.day = d.day
        WHERE d.active
      ),
      counts AS (
        SELECT i,
          count(*) FILTER (WHERE first_in_period) AS active,
          count(*) FILTER (WHERE first_in_period AND from_previous) AS returning,
          count(*) FILTER (WHERE first_in_period AND first_ever) AS n_new,
          count(*) FILTER (WHERE gone_next) AS gone
        FROM flags GROUP BY i
      ),
      per AS (SELECT CAST(unnest(range(0, last + 1)) AS INTEGER) AS i FROM span)
      SELECT strftime(CAST((span.t0) + to_months(CAST(per.i AS INTEGER)) AS DATE), '%Y-%m-%d') AS period_start,
        strftime(CAST(CAST((CAST((span.t0) + to_months(CAST(per.i AS INTEGER)) AS DATE)) + to_months(CAST(1 AS INTEGER)) AS DATE) - 1 AS DATE), '%Y-%m-%d') AS period_end,
        CAST(coalesce(a.n_new, 0) AS BIGINT) AS new,
        CAST(coalesce(a.returning, 0) AS BIGINT) AS returning,
        CAST(coalesce(a.active, 0) - coalesce(a.returning, 0) - coalesce(a.n_new, 0) AS BIGINT) AS resurrecting,
        CAST(coalesce(dm.gone, 0) AS BIGINT) AS dormant,
        CAST(CAST((CAST((span.t0) + to_months(CAST(per.i AS INTEGER)) AS DATE)) + to_months(CAST(1 AS INTEGER)) AS DATE) - 1 AS DATE) <= span.data_end AS complete
      FROM per
      LEFT JOIN counts a ON a.i = per.i
      LEFT JOIN counts dm ON dm.i + 1 = per.i
      CROSS JOIN span
      ORDER BY per.i"
    `);
  });
});
