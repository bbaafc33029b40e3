import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { activityWindowSql, parseActivityWindow } from '../../src/metrics/activity-window';
import { crrCsv, crrSql, crrSubscriptionsSql, parseCrr, periodsLongerThanW, type CrrPeriod, type CrrResult } from '../../src/metrics/crr';
import { scopeCtes } from '../../src/metrics/scope';
import type { Grain, MetricOptions } from '../../src/metrics/types';
import {
  a,
  connectWith,
  infoFor,
  loadSubscriptions,
  readCdnow,
  readGrocery,
  sweepRows,
  withFixture,
  type ActivityRow,
  type SubscriptionRow,
} from '../helpers/metrics-a-data';
import { dayNum, isoOf, refActivityWindow, refCrr, refCrrSubscriptions, type RefCrr } from '../helpers/metrics-a-reference';
import { optionMatrix, opts, rowsOf } from '../helpers/metrics-a-run';

async function crrOf(rows: ActivityRow[], o: Partial<MetricOptions> = {}): Promise<CrrResult> {
  const c = await withFixture(rows);
  return parseCrr(await rowsOf(c, crrSql(opts(o), infoFor(rows))));
}

async function subsCrrOf(subs: SubscriptionRow[], o: Partial<MetricOptions> = {}): Promise<CrrResult> {
  const c = await withFixture([]);
  await loadSubscriptions(c, subs);
  return parseCrr(await rowsOf(c, crrSubscriptionsSql(opts(o))));
}

/** The counts of a period, compactly: [start, S, E, N, retained, churned, reactivated, N∩E]. */
function counts(p: CrrPeriod): (string | number)[] {
  return [p.periodStart, p.customersStart, p.customersEnd, p.new, p.retained, p.churned, p.reactivated, p.newInEnd];
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);

/**
 * Seed example as activity rows, monthly, W = 10 days. `keep` of the `s` customers active on
 * Jan 25 buy again on Feb 25; `n` new customers first buy on Feb 22; Z buys on Mar 5 so that
 * February is complete. For February: S = [Jan 22, Jan 31] → s; E = [Feb 20, Feb 29] → keep + n.
 */
function seedActivity(tag: string, s: number, keep: number, n: number): ActivityRow[] {
  const old = ids(`${tag}s`, s);
  return [
    ...old.map((id) => a(id, '2024-01-25', null, tag)),
    ...old.slice(0, keep).map((id) => a(id, '2024-02-25', null, tag)),
    ...ids(`${tag}n`, n).map((id) => a(id, '2024-02-22', null, tag)),
    a(`${tag}Z`, '2024-03-05', null, tag),
  ];
}

/** The same as subscriptions: `s` start Jan 10, all but `keep` end Feb 15; `n` start Feb 10; Z starts Mar 5. */
function seedSubscriptions(tag: string, s: number, keep: number, n: number): SubscriptionRow[] {
  const old = ids(`${tag}s`, s);
  return [
    ...old.map((id, i) => ({ customer: id, start: '2024-01-10', end: i < keep ? null : '2024-02-15', s1: tag })),
    ...ids(`${tag}n`, n).map((id) => ({ customer: id, start: '2024-02-10', end: null, s1: tag })),
    { customer: `${tag}Z`, start: '2024-03-05', end: null, s1: tag },
  ];
}

describe('CRR: the seed articles’ worked examples', () => {
  // S = 100, N = 15, 10 cancelled → E = 90 + 15 = 105: CRR = (105 − 15) / 100 = 90 %.
  // S = 500, N = 50, 100 cancelled → E = 400 + 50 = 450: CRR = (450 − 50) / 500 = 80 %.
  // Only February gets a CRR: January is the first period, March is incomplete.
  it('activity rows: 90 % and 80 %', async () => {
    const one = await crrOf(seedActivity('x', 100, 90, 15), { activityWindow: 10 });
    expect(one.periods.map(counts)).toEqual([['2024-02-01', 100, 105, 15, 90, 10, 0, 15]]);
    expect(one.periods[0]?.crr).toBe(0.9);
    expect(one.periods[0]?.churnRate).toBe(0.1);
    expect(one.windowDays).toBe(10);
    const two = await crrOf(seedActivity('y', 500, 400, 50), { activityWindow: 10 });
    expect(two.periods.map(counts)).toEqual([['2024-02-01', 500, 450, 50, 400, 100, 0, 50]]);
    expect(two.periods[0]?.crr).toBe(0.8);
    expect(two.periods[0]?.churnRate).toBe(0.2);
  });

  it('activity rows with the default window give the same figures', async () => {
    // All repeat gaps are Jan 25 → Feb 25 = 31 days, so W = 31: S = [Jan 1, Jan 31],
    // E = [Jan 30, Feb 29]; the sets are the same as with W = 10.
    const one = await crrOf(seedActivity('x', 100, 90, 15));
    expect(one.windowDays).toBe(31);
    expect(one.periods[0]?.crr).toBe(0.9);
  });

  it('subscriptions: 90 % and 80 %', async () => {
    // Active on Jan 31 (S) and on Feb 29 (E); the cancelled end on Feb 15.
    const one = await subsCrrOf(seedSubscriptions('x', 100, 90, 15));
    expect(one.periods.map(counts)).toEqual([['2024-02-01', 100, 105, 15, 90, 10, 0, 15]]);
    expect(one.periods[0]?.crr).toBe(0.9);
    expect(one.windowDays).toBeNull();
    const two = await subsCrrOf(seedSubscriptions('y', 500, 400, 50));
    expect(two.periods.map(counts)).toEqual([['2024-02-01', 500, 450, 50, 400, 100, 0, 50]]);
    expect(two.periods[0]?.crr).toBe(0.8);
  });

  it('filters by segment (activity: first activity; subscriptions: first subscription)', async () => {
    // Both examples in one dataset, tagged x and y: each segment gives its own CRR;
    // together (105 + 450 − 65) / 600.
    const rows = [...seedActivity('x', 100, 90, 15), ...seedActivity('y', 500, 400, 50)];
    const seg = (v: string) => ({ activityWindow: 10, segment: { column: 's1', values: [v] } });
    expect((await crrOf(rows, seg('x'))).periods[0]?.crr).toBe(0.9);
    expect((await crrOf(rows, seg('y'))).periods[0]?.crr).toBe(0.8);
    expect((await crrOf(rows, { activityWindow: 10 })).periods[0]?.crr).toBe(490 / 600);
    const subs = [...seedSubscriptions('x', 100, 90, 15), ...seedSubscriptions('y', 500, 400, 50)];
    expect((await subsCrrOf(subs, seg('x'))).periods[0]?.crr).toBe(0.9);
    expect((await subsCrrOf(subs, seg('y'))).periods[0]?.crr).toBe(0.8);
    expect((await subsCrrOf(subs)).periods[0]?.crr).toBe(490 / 600);
  });
});

describe('CRR: hand-worked fixture with churn, new and reactivated customers', () => {
  // Monthly, W = 10. Boundary t is "active" for a customer with an activity day in [t − 10, t − 1].
  //   A: Jan 25, Feb 25, Mar 25        B: Jan 25, Mar 28          C: Jan 3, Feb 5
  //   D: Feb 21 (new in Feb)           F: Feb 3 (new in Feb)      G: Mar 30 (new in Mar)
  //   Z: Apr 2 (data end; April incomplete, January first → CRR for Feb and Mar only)
  // Active at Feb 1 ([Jan 22, Jan 31]): A, B.  At Mar 1 ([Feb 20, Feb 29]): A, D.
  // At Apr 1 ([Mar 22, Mar 31]): A, B, G.  (C never buys within 10 days before a month start.)
  // Feb: S {A,B}, E {A,D}, N {D,F}: retained 1 (A), churned 1 (B), reactivated 0, N∩E 1 (D),
  //      CRR = (2 − 2)/2 = 0, churn 1/2.
  // Mar: S {A,D}, E {A,B,G}, N {G}: retained 1 (A), churned 1 (D), reactivated 1 (B), N∩E 1 (G),
  //      CRR = (3 − 1)/2 = 1 although D churned: B came back (E − N counts reactivations).
  const rows = [
    a('A', '2024-01-25'),
    a('A', '2024-02-25'),
    a('A', '2024-03-25'),
    a('B', '2024-01-25'),
    a('B', '2024-03-28'),
    a('C', '2024-01-03'),
    a('C', '2024-02-05'),
    a('D', '2024-02-21'),
    a('F', '2024-02-03'),
    a('G', '2024-03-30'),
    a('Z', '2024-04-02'),
  ];

  it('counts S, E, N, retained, churned and reactivated', async () => {
    const r = await crrOf(rows, { activityWindow: 10 });
    expect(r.periods.map(counts)).toEqual([
      ['2024-02-01', 2, 2, 2, 1, 1, 0, 1],
      ['2024-03-01', 2, 3, 1, 1, 1, 1, 1],
    ]);
    expect(r.periods.map((p) => [p.periodEnd, p.crr, p.churnRate])).toEqual([
      ['2024-02-29', 0, 0.5],
      ['2024-03-31', 1, 0.5],
    ]);
  });

  it('sees no history before the date range', async () => {
    // From Feb 1: February becomes the first period (no CRR); March as above, since S for March
    // only needs days from Feb 20 on; G is still new in March (first activity ever).
    const r = await crrOf(rows, { activityWindow: 10, dateFrom: '2024-02-01' });
    expect(r.periods.map(counts)).toEqual([['2024-03-01', 2, 3, 1, 1, 1, 1, 1]]);
    // Up to Mar 30: data end Mar 30, so March is incomplete and only February remains.
    const upTo = await crrOf(rows, { activityWindow: 10, dateTo: '2024-03-30' });
    expect(upTo.periods.map((p) => p.periodStart)).toEqual(['2024-02-01']);
  });

  it('ignores activity before a date range that starts inside a period', async () => {
    // From Jan 20 (data Jan 21 .. Apr 20, W = 31): A's Jan 10 is outside the range, so A, seen on
    // Jan 25, is active at Feb 1 as much as B (Jan 21): S(Feb) = 2. E(Feb) = active in Jan 29 ..
    // Feb 29 = {B}; nobody is new in February (A and B started in January).
    const r = await crrOf(
      [a('A', '2024-01-10'), a('A', '2024-01-25'), a('B', '2024-01-21'), a('B', '2024-02-15'), a('B', '2024-03-10'), a('B', '2024-04-20')],
      { activityWindow: 31, dateFrom: '2024-01-20' },
    );
    expect(r.periods[0]).toMatchObject({ periodStart: '2024-02-01', customersStart: 2, customersEnd: 1, new: 0, retained: 1, churned: 1, crr: 0.5 });
  });

  it('exports the contract columns', async () => {
    const csv = crrCsv(await crrOf(rows, { activityWindow: 10 }));
    expect(csv.columns).toEqual([
      'period_start',
      'period_end',
      'customers_start',
      'customers_end',
      'new',
      'retained',
      'churned',
      'reactivated',
      'crr',
      'churn_rate',
      'window_days',
      'new_in_end',
    ]);
    expect(csv.rows).toEqual([
      ['2024-02-01', '2024-02-29', 2, 2, 2, 1, 1, 0, 0, 0.5, 10, 1],
      ['2024-03-01', '2024-03-31', 2, 3, 1, 1, 1, 1, 1, 0.5, 10, 1],
    ]);
  });

  it('gives no CRR when there is no complete period after the first', async () => {
    expect((await crrOf([a('A', '2024-01-25'), a('A', '2024-02-03')], { activityWindow: 10 })).periods).toEqual([]);
  });
});

describe('CRR: other grains, hand-worked', () => {
  it('weeks across the new year (Monday start, W = 7)', async () => {
    // Weeks: Mon 2024-12-23, Mon 2024-12-30 (to Sun 2025-01-05), Mon 2025-01-06 (incomplete:
    // data end Jan 8). A: Dec 27, Jan 3; B: Dec 28; C: first Jan 1; Z: Jan 8.
    // Week of Dec 30: S = days in [Dec 23, Dec 29] → {A, B}; E = [Dec 30, Jan 5] → {A, C};
    // N = {C}: retained 1, churned 1 (B), N∩E 1 → CRR (2 − 1)/2 = 0.5.
    const r = await crrOf([a('A', '2024-12-27'), a('A', '2025-01-03'), a('B', '2024-12-28'), a('C', '2025-01-01'), a('Z', '2025-01-08')], {
      grain: 'week',
      activityWindow: 7,
    });
    expect(r.periods.map(counts)).toEqual([['2024-12-30', 2, 2, 1, 1, 1, 0, 1]]);
    expect(r.periods.map((p) => [p.periodEnd, p.crr])).toEqual([['2025-01-05', 0.5]]);
  });

  it('years (W = 30)', async () => {
    // 2021 is the first year, 2023 incomplete (data end 2023-01-05): only 2022.
    // A: 2021-12-20, 2022-12-25; B: 2021-12-15, 2022-06-01; C: first 2022-12-31;
    // D: 2021-03-01, 2022-12-10. S = [2021-12-02, 2021-12-31] → {A, B};
    // E = [2022-12-02, 2022-12-31] → {A, C, D}; N = {C}: retained 1, churned 1 (B),
    // reactivated 1 (D), N∩E 1 → CRR (3 − 1)/2 = 1.
    const rows = [
      a('A', '2021-12-20'),
      a('A', '2022-12-25'),
      a('B', '2021-12-15'),
      a('B', '2022-06-01'),
      a('C', '2022-12-31'),
      a('D', '2021-03-01'),
      a('D', '2022-12-10'),
      a('Z', '2023-01-05'),
    ];
    const r = await crrOf(rows, { grain: 'year', activityWindow: 30 });
    expect(r.periods.map(counts)).toEqual([['2022-01-01', 2, 3, 1, 1, 1, 1, 1]]);
    expect(r.periods.map((p) => [p.periodEnd, p.crr, p.churnRate])).toEqual([['2022-12-31', 1, 0.5]]);
  });
});

describe('CRR from subscriptions: hand-worked fixture', () => {
  // Monthly. Active on day D when start <= D < end.
  //   P: [Jan 10, Feb 15) and [Feb 20, open)   — a gap in February, back by Feb 29
  //   Q: [Jan 5, Mar 1)                        — end Mar 1 = last subscribed day Feb 29
  //   R: [Jan 20, Jan 31)                      — gone before Jan 31
  //   T: [Feb 10, Mar 10) and [Mar 5, Apr 20)  — overlapping renewals (new in Feb)
  //   U: [Mar 31, Mar 31)                      — empty: never active, but new in March
  // Data end = latest start or end = Apr 20 → Feb and Mar complete, April not.
  // Jan 31: P, Q.   Feb 29: P, Q, T.   Mar 31: P, T.
  // Feb: S {P,Q}, E {P,Q,T}, N {T}: retained 2, churned 0, reactivated 0, N∩E 1; CRR (3−1)/2 = 1.
  // Mar: S {P,Q,T}, E {P,T}, N {U}: retained 2, churned 1 (Q), reactivated 0, N∩E 0; CRR (2−1)/3.
  const subs: SubscriptionRow[] = [
    { customer: 'P', start: '2024-01-10', end: '2024-02-15' },
    { customer: 'P', start: '2024-02-20', end: null },
    { customer: 'Q', start: '2024-01-05', end: '2024-03-01' },
    { customer: 'R', start: '2024-01-20', end: '2024-01-31' },
    { customer: 'T', start: '2024-02-10', end: '2024-03-10' },
    { customer: 'T', start: '2024-03-05', end: '2024-04-20' },
    { customer: 'U', start: '2024-03-31', end: '2024-03-31' },
  ];

  it('counts the sets on the boundary days', async () => {
    const r = await subsCrrOf(subs);
    expect(r.periods.map(counts)).toEqual([
      ['2024-02-01', 2, 3, 1, 2, 0, 0, 1],
      ['2024-03-01', 3, 2, 1, 2, 1, 0, 0],
    ]);
    expect(r.periods.map((p) => p.crr)).toEqual([1, 1 / 3]);
  });

  it('clips the periods to the date range', async () => {
    // From Feb 1: February is the first period; states before it still count (P, Q on Jan 31 are not needed).
    expect((await subsCrrOf(subs, { dateFrom: '2024-02-01' })).periods.map(counts)).toEqual([['2024-03-01', 3, 2, 1, 2, 1, 0, 0]]);
    // Up to Mar 30: March incomplete.
    expect((await subsCrrOf(subs, { dateTo: '2024-03-30' })).periods.map((p) => p.periodStart)).toEqual(['2024-02-01']);
  });
});

function toComparable(ps: CrrPeriod[]): (string | number)[][] {
  return ps.map((p) => [p.periodStart, p.periodEnd, p.customersStart, p.customersEnd, p.new, p.retained, p.churned, p.reactivated]);
}

function refComparable(ps: RefCrr[]): (string | number)[][] {
  return ps.map((p) => [p.periodStart, p.periodEnd, p.s, p.e, p.n, p.retained, p.churned, p.reactivated]);
}

describe('CRR on real data against an independent computation', () => {
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

      const cases: [Grain, number | null, 'monday' | 'sunday'][] = [
        ['month', null, 'monday'],
        ['month', 30, 'monday'],
        ['week', null, 'monday'],
        ['week', 7, 'sunday'],
        ['quarter', 45, 'monday'],
        ['day', 14, 'monday'],
        ['year', 90, 'monday'],
      ];
      for (const [grain, w, weekStart] of cases) {
        it(`${grain}, W = ${w ?? 'default'}${grain === 'week' ? ', ' + weekStart : ''}`, async () => {
          const got = parseCrr(await rowsOf(c, crrSql(opts({ grain, activityWindow: w, weekStart }), infoFor(rows))));
          const window = w ?? refActivityWindow(rows).days;
          // no complete period after the first (year grain here): no rows, so no window either
          expect(got.windowDays).toBe(got.periods.length > 0 ? window : null);
          const ref = refCrr(rows, grain, weekStart, window);
          expect(toComparable(got.periods)).toEqual(refComparable(ref));
          for (const p of got.periods) {
            expect(p.crr).toBe((p.customersEnd - p.new) / p.customersStart);
            expect(p.customersEnd).toBe(p.retained + p.reactivated + p.newInEnd);
          }
        });
      }

      it('uses the window the activity-window builder reports, also when handed over', async () => {
        const w = parseActivityWindow(await rowsOf(c, activityWindowSql(opts(), infoFor(rows))));
        const got = parseCrr(await rowsOf(c, crrSql(opts(), infoFor(rows))));
        expect(got.windowDays).toBe(w.days);
        // handing the computed window over skips the gap scan and changes nothing
        expect(parseCrr(await rowsOf(c, crrSql(opts(), infoFor(rows), w)))).toEqual(got);
        expect(crrSql(opts(), infoFor(rows), w)).not.toContain('gap_days');
      });

      it('subscriptions derived from the purchases', async () => {
        // Every purchase day opens a subscription of 7–96 days (varying, so renewals overlap and
        // a later one can end first); every 9th row never ends, every 50th is empty.
        const subs: SubscriptionRow[] = rows.map((r, i) => {
          const len = i % 50 === 0 ? 0 : 7 + ((i * 37) % 90);
          return { customer: r.customer, start: r.day, end: i % 9 === 0 ? null : isoOf(dayNum(r.day) + len) };
        });
        await loadSubscriptions(c, subs);
        for (const grain of ['month', 'week', 'quarter'] as const) {
          const got = parseCrr(await rowsOf(c, crrSubscriptionsSql(opts({ grain }))));
          expect(toComparable(got.periods)).toEqual(refComparable(refCrrSubscriptions(subs, grain, 'monday')));
        }
      });
    });
  }
});

describe('CRR: every option combination', () => {
  it('binds, runs and keeps its invariants (activity rows and subscriptions)', async () => {
    const rows = sweepRows();
    const c = await withFixture(rows);
    await loadSubscriptions(
      c,
      rows.filter((r) => (r.amount ?? 0) >= 0).map((r, i) => ({ customer: r.customer, start: r.day, end: i % 4 === 0 ? null : isoOf(dayNum(r.day) + 20), s1: r.s1 })),
    );
    for (const o of optionMatrix()) {
      for (const sql of [crrSql(o, infoFor(rows)), crrSubscriptionsSql(o)]) {
        const r = parseCrr(await rowsOf(c, sql));
        if (o.dateFrom === '2030-01-01' || o.grain === 'year') expect(r.periods).toEqual([]);
        if (o.grain === 'month' && !o.dateFrom) expect(r.periods.length).toBeGreaterThan(0);
        for (const p of r.periods) {
          expect(p.retained + p.churned).toBe(p.customersStart);
          expect(p.retained + p.reactivated + p.newInEnd).toBe(p.customersEnd);
          expect(p.newInEnd).toBeLessThanOrEqual(p.new);
          expect(Math.min(p.retained, p.churned, p.reactivated, p.newInEnd)).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('returns nothing for an empty dataset', async () => {
    const c = await withFixture([], infoFor([a('x', '2024-01-01', 1)]));
    expect(parseCrr(await rowsOf(c, crrSql(opts(), infoFor([]))))).toEqual({ periods: [], windowDays: null });
    await loadSubscriptions(c, []);
    expect(parseCrr(await rowsOf(c, crrSubscriptionsSql(opts())))).toEqual({ periods: [], windowDays: null });
  });
});

describe('CRR SQL', () => {
  it('is stable (a change to the query shows up here)', () => {
    const o = opts({ activityWindow: 30 });
    expect(crrSql(o, infoFor([])).replace(scopeCtes(o), '<scope>')).toMatchInlineSnapshot(`
      "WITH <scope>,
      window_w AS MATERIALIZED (SELECT CAST(30 AS INTEGER) AS w, 'user' AS reason),
      span AS MATERIALIZED (
        SELECT t0, data_end, CAST(((year(CAST(date_trunc('month', data_end) AS DATE)) - year(t0)) * 12 + month(CAST(date_trunc('month', data_end) AS DATE)) - month(t0)) AS INTEGER) - CASE WHEN CAST(CAST((CAST(date_trunc('month', data_end) AS DATE)) + to_months(CAST(1 AS INTEGER)) AS DATE) - 1 AS DATE) <= data_end THEN 0 ELSE 1 END AS last
        FROM (SELECT CAST(date_trunc('month', data_start) AS DATE) AS t0, data_end FROM bounds)
      ),
      day_range AS (
        SELECT day, q, greatest(lo, 0) AS lo, least(hi, last + 1) AS hi FROM (
          SELECT day, CAST(((year(CAST(date_trunc('month', day) AS DATE)) - year(span.t0)) * 12 + month(CAST(date_trunc('month', day) AS DATE)) - month(span.t0)) AS INTEGER) AS q, CAST(((year(CAST(date_trunc('month', CAST(day + 1 AS DATE)) AS DATE)) - year(span.t0)) * 12 + month(CAST(date_trunc('month', CAST(day + 1 AS DATE)) AS DATE)) - month(span.t0)) AS INTEGER) + CASE WHEN CAST(date_trunc('month', CAST(day + 1 AS DATE)) AS DATE) = CAST(day + 1 AS DATE) THEN 0 ELSE 1 END AS lo, coalesce(CAST(((year(CAST(date_trunc('month', CAST(day + w AS DATE)) AS DATE)) - year(span.t0)) * 12 + month(CAST(date_trunc('month', CAST(day + w AS DATE)) AS DATE)) - month(span.t0)) AS INTEGER), 2147483647) AS hi, span.last
          FROM (SELECT CAST(ts AS DATE) AS day FROM span, range(span.t0, span.data_end + 1, INTERVAL 1 DAY) t(ts)), span, window_w
        ) WHERE lo <= hi AND lo <= last + 1
      ),
      ranges AS (
        SELECT d.cid, r.q, r.lo, r.hi FROM fday d JOIN day_range r ON r.day = d.day WHERE d.active
      ),
      first_index AS (
        SELECT cid, CAST(((year(CAST(date_trunc('month', first_day) AS DATE)) - year(span.t0)) * 12 + month(CAST(date_trunc('month', first_day) AS DATE)) - month(span.t0)) AS INTEGER) AS fi FROM fcust, span
      ),
      marked AS MATERIALIZED (
        SELECT cid, q, lo, hi, lag(hi) OVER w AS prev_hi, lead(lo) OVER w AS next_lo, hi AS run_hi
        FROM ranges
        WINDOW w AS (PARTITION BY cid ORDER BY lo, hi)
      ),
      starts AS (
        SELECT lo AS i, count(*) AS n FROM marked WHERE prev_hi IS NULL OR lo > prev_hi + 1 GROUP BY lo
      ),
      starts_new AS (
        SELECT m.lo AS i, count(*) AS n
        FROM marked m JOIN first_index f ON f.cid = m.cid AND f.fi = m.q
        WHERE m.prev_hi IS NULL AND m.lo = m.q + 1
        GROUP BY m.lo
      ),
      ends AS (
        SELECT run_hi AS i, count(*) AS n FROM marked
        WHERE next_lo IS NULL OR next_lo > run_hi + 1
        GROUP BY run_hi
      ),
      news AS (SELECT fi AS i, count(*) AS n FROM first_index GROUP BY fi),
      per AS (SELECT CAST(unnest(range(0, last + 2)) AS INTEGER) AS i FROM span),
      counts AS (
        SELECT per.i, coalesce(st.n, 0) AS starts, coalesce(sn.n, 0) AS starts_new,
          coalesce(en.n, 0) AS ends, coalesce(nw.n, 0) AS new
        FROM per
        LEFT JOIN starts st ON st.i = per.i
        LEFT JOIN starts_new sn ON sn.i = per.i
        LEFT JOIN ends en ON en.i = per.i
        LEFT JOIN news nw ON nw.i = per.i
      ),
      running AS (
        SELECT i, new, ends AS churned,
          sum(starts) OVER (ORDER BY i) - coalesce(sum(ends) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS s,
          lead(starts) OVER (ORDER BY i) AS entered,
          lead(starts_new) OVER (ORDER BY i) AS entered_new
        FROM counts
      ),
      result AS (
        SELECT i, CAST(s AS BIGINT) AS s, CAST(s - churned + entered AS BIGINT) AS e, CAST(new AS BIGINT) AS new,
          CAST(s - churned AS BIGINT) AS retained, CAST(churned AS BIGINT) AS churned,
          CAST(entered - entered_new AS BIGINT) AS reactivated, CAST(entered_new AS BIGINT) AS new_in_end
        FROM running, span
        WHERE i BETWEEN 1 AND span.last
      )
      SELECT strftime(CAST((span.t0) + to_months(CAST(r.i AS INTEGER)) AS DATE), '%Y-%m-%d') AS period_start,
        strftime(CAST(CAST((CAST((span.t0) + to_months(CAST(r.i AS INTEGER)) AS DATE)) + to_months(CAST(1 AS INTEGER)) AS DATE) - 1 AS DATE), '%Y-%m-%d') AS period_end,
        r.s AS customers_start, r.e AS customers_end, r.new, r.retained, r.churned, r.reactivated,
        CAST(r.e - r.new AS DOUBLE) / nullif(r.s, 0) AS crr,
        CAST(r.churned AS DOUBLE) / nullif(r.s, 0) AS churn_rate,
        window_w.w AS window_days,
        r.new_in_end
      FROM result r, span, window_w
      ORDER BY r.i"
    `);
  });
});

describe('periods longer than W', () => {
  it('gives the longest period in days when it exceeds W, counting both ends', () => {
    const months = [
      { periodStart: '2024-01-01', periodEnd: '2024-01-31' },
      { periodStart: '2024-02-01', periodEnd: '2024-02-29' },
    ];
    expect(periodsLongerThanW(months, 31)).toBeNull();
    expect(periodsLongerThanW(months, 30)).toBe(31);
    // A leap year across the change to summer time: still whole days.
    expect(periodsLongerThanW([{ periodStart: '2024-01-01', periodEnd: '2024-12-31' }], 96)).toBe(366);
    expect(periodsLongerThanW([], 1)).toBeNull();
  });
});
