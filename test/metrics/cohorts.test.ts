import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { cohortsCsv, cohortsSql, parseCohorts, retentionFor, type CohortsResult } from '../../src/metrics/cohorts';
import { scopeCtes } from '../../src/metrics/scope';
import type { DatasetInfo, MetricOptions } from '../../src/metrics/types';
import { a, connectWith, infoFor, sweepRows, withFixture, readCdnow, readGrocery, type ActivityRow } from '../helpers/metrics-a-data';
import { refCohorts } from '../helpers/metrics-a-reference';
import { GRAINS, optionMatrix, opts, rowsOf } from '../helpers/metrics-a-run';

async function cohortsOf(rows: ActivityRow[], o: Partial<MetricOptions> = {}, info?: DatasetInfo): Promise<CohortsResult> {
  const c = await withFixture(rows, info);
  return parseCohorts(await rowsOf(c, cohortsSql(opts(o), info ?? infoFor(rows))));
}

/** cohort/offset → [active, unbounded active] for compact expectations. */
function grid(r: CohortsResult): Record<string, [number, number]> {
  return Object.fromEntries(r.cells.map((c) => [`${c.cohort}+${c.offset}`, [c.active, c.unboundedActive]]));
}

describe('cohorts: hand-worked monthly fixture', () => {
  // Data end = 2024-04-10 (E's purchase), so April is incomplete.
  //   A: Jan 5 (10), Feb 10 (20), Apr 1 (5)
  //   B: Jan 20 (30), Jan 25 refund (−5), Mar 3 (15)
  //   C: Feb 1 two orders (40 + 10, one activity day), Mar 15 refund only (−8: revenue, not activity)
  //   D: Feb 29 (12, leap day)
  //   E: Apr 10 (7)  — first seen in the last, incomplete period
  // Cohort Jan = {A, B}, size 2:
  //   k0 Jan: active 2 (100 %), revenue 10 + 30 − 5 = 35
  //   k1 Feb: A → 1 (50 %), revenue 20, V = 20/35
  //   k2 Mar: B → 1 (50 %), revenue 15, V = 15/35
  //   k3 Apr: A → 1 (50 %), revenue 5, incomplete
  //   last active offsets A 3, B 2 → unbounded 2, 2, 2, 1
  // Cohort Feb = {C, D}, size 2:
  //   k0 Feb: 2, revenue 62; k1 Mar: 0 active (C's refund is no visit), revenue −8, V = −8/62
  //   k2 Apr: 0, revenue 0, incomplete; last active offsets 0, 0 → unbounded 2, 0, 0
  // Cohort Apr = {E}: k0 1 active, revenue 7, incomplete.
  // Average over complete cells (weights = sizes):
  //   k0: Jan + Feb → 4/4 = 1;  k1: (1 + 0)/4 = 0.25, unbounded (2 + 0)/4 = 0.5,
  //       V = (2·20/35 + 2·(−8/62))/4;  k2: Jan only → 1/2, unbounded 2/2 = 1, V = 15/35.
  const rows = [
    a('A', '2024-01-05', 10),
    a('A', '2024-02-10', 20),
    a('A', '2024-04-01', 5),
    a('B', '2024-01-20', 30),
    a('B', '2024-01-25', -5),
    a('B', '2024-03-03', 15),
    a('C', '2024-02-01', 40),
    a('C', '2024-02-01', 10),
    a('C', '2024-03-15', -8),
    a('D', '2024-02-29', 12),
    a('E', '2024-04-10', 7),
  ];
  let r: CohortsResult;
  beforeAll(async () => {
    r = await cohortsOf(rows);
  });

  it('counts classic and unbounded retention per cell', () => {
    expect(grid(r)).toEqual({
      '2024-01-01+0': [2, 2],
      '2024-01-01+1': [1, 2],
      '2024-01-01+2': [1, 2],
      '2024-01-01+3': [1, 1],
      '2024-02-01+0': [2, 2],
      '2024-02-01+1': [0, 0],
      '2024-02-01+2': [0, 0],
      '2024-04-01+0': [1, 1],
    });
    expect(r.cohorts).toEqual([
      { start: '2024-01-01', size: 2 },
      { start: '2024-02-01', size: 2 },
      { start: '2024-04-01', size: 1 },
    ]);
    expect(r.cells.map((c) => c.retention)).toEqual([1, 0.5, 0.5, 0.5, 1, 0, 0, 1]);
    expect(r.cells.map((c) => c.unbounded)).toEqual([1, 1, 1, 0.5, 1, 0, 0, 1]);
  });

  it('nets refunds into revenue without counting them as activity', () => {
    expect(r.cells.map((c) => c.revenue)).toEqual([35, 20, 15, 5, 62, -8, 0, 7]);
    const v = r.cells.map((c) => c.revenueRetention);
    expect(v[0]).toBe(1);
    expect(v[1]).toBeCloseTo(20 / 35, 12);
    expect(v[2]).toBeCloseTo(15 / 35, 12);
    expect(v[5]).toBeCloseTo(-8 / 62, 12);
  });

  it('marks cells whose period ends after data end incomplete', () => {
    expect(r.cells.map((c) => c.complete)).toEqual([true, true, true, false, true, true, false, false]);
    expect(r.cells.map((c) => c.periodStart)).toEqual([
      '2024-01-01',
      '2024-02-01',
      '2024-03-01',
      '2024-04-01',
      '2024-02-01',
      '2024-03-01',
      '2024-04-01',
      '2024-04-01',
    ]);
  });

  it('averages complete cells only, weighted by cohort size', () => {
    expect(r.average.map((p) => [p.offset, p.cohorts, p.customers, p.retention, p.unbounded])).toEqual([
      [0, 2, 4, 1, 1],
      [1, 2, 4, 0.25, 0.5],
      [2, 1, 2, 0.5, 1],
    ]);
    expect(r.average[1]?.revenueRetention).toBeCloseTo((2 * (20 / 35) + 2 * (-8 / 62)) / 4, 12);
    expect(r.average[2]?.revenueRetention).toBeCloseTo(15 / 35, 12);
    expect(retentionFor(r.average[1]!, 'classic')).toBe(0.25);
    expect(retentionFor(r.average[1]!, 'unbounded')).toBe(0.5);
  });

  it('exports the contract columns, one row per cohort and offset', () => {
    const csv = cohortsCsv(r);
    expect(csv.columns.slice(0, 9)).toEqual([
      'cohort',
      'offset',
      'cohort_size',
      'active',
      'retention',
      'unbounded',
      'revenue',
      'revenue_retention',
      'complete',
    ]);
    expect(csv.columns.slice(9)).toEqual(['period_start', 'unbounded_active']);
    expect(csv.rows).toHaveLength(8);
    expect(csv.rows[3]).toEqual(['2024-01-01', 3, 2, 1, 0.5, 0.5, 5, 5 / 35, false, '2024-04-01', 1]);
  });

  it('leaves revenue empty when the data has no amounts', async () => {
    const g = await cohortsOf(rows.map((x) => ({ ...x, amount: null })));
    expect(g.cells.every((c) => c.revenue === null && c.revenueRetention === null)).toBe(true);
    expect(g.average.every((p) => p.revenueRetention === null)).toBe(true);
  });
});

describe('cohorts: calendar edge cases', () => {
  it('puts a week crossing the new year in one ISO week (Monday start)', async () => {
    // 2024-12-30 is a Monday: 2024-12-30 and 2025-01-05 (Sunday) share the week of 2024-12-30;
    // 2025-01-06 starts the next week. 2021-01-01 (Friday) is in the week of 2020-12-28.
    const r = await cohortsOf([a('X', '2024-12-30'), a('X', '2025-01-05'), a('X', '2025-01-06')], { grain: 'week' });
    expect(r.cells.map((c) => [c.cohort, c.offset, c.active, c.periodStart])).toEqual([
      ['2024-12-30', 0, 1, '2024-12-30'],
      ['2024-12-30', 1, 1, '2025-01-06'],
    ]);
    const y = await cohortsOf([a('Y', '2021-01-01')], { grain: 'week' });
    expect(y.cohorts).toEqual([{ start: '2020-12-28', size: 1 }]);
  });

  it('starts weeks on Sunday when asked', async () => {
    // Sunday weeks: 2024-12-30 (Mon) is in the week of Sun 2024-12-29; 2025-01-05 is a Sunday and
    // starts the next week, which also holds 2025-01-06. 2021-01-01 → week of Sun 2020-12-27.
    const r = await cohortsOf([a('X', '2024-12-30'), a('X', '2025-01-05'), a('X', '2025-01-06')], {
      grain: 'week',
      weekStart: 'sunday',
    });
    expect(r.cells.map((c) => [c.cohort, c.offset, c.active, c.periodStart])).toEqual([
      ['2024-12-29', 0, 1, '2024-12-29'],
      ['2024-12-29', 1, 1, '2025-01-05'],
    ]);
    const y = await cohortsOf([a('Y', '2021-01-01')], { grain: 'week', weekStart: 'sunday' });
    expect(y.cohorts).toEqual([{ start: '2020-12-27', size: 1 }]);
  });

  it('handles a leap day at every grain', async () => {
    // L: 2024-02-29, 2024-03-01, 2025-02-28. Data end 2025-02-28.
    const rows = [a('L', '2024-02-29'), a('L', '2024-03-01'), a('L', '2025-02-28')];
    const active = (r: CohortsResult) => r.cells.filter((c) => c.active > 0).map((c) => [c.cohort, c.offset]);
    expect(active(await cohortsOf(rows, { grain: 'day' }))).toEqual([
      ['2024-02-29', 0],
      ['2024-02-29', 1],
      ['2024-02-29', 365], // 2024-02-29 + 365 days = 2025-02-28 (2024 has 366 days, the leap day is day 0)
    ]);
    expect(active(await cohortsOf(rows, { grain: 'month' }))).toEqual([
      ['2024-02-01', 0],
      ['2024-02-01', 1],
      ['2024-02-01', 12],
    ]);
    expect(active(await cohortsOf(rows, { grain: 'quarter' }))).toEqual([
      ['2024-01-01', 0],
      ['2024-01-01', 4],
    ]);
    expect(active(await cohortsOf(rows, { grain: 'year' }))).toEqual([
      ['2024-01-01', 0],
      ['2024-01-01', 1],
    ]);
    const day = await cohortsOf(rows, { grain: 'day' });
    expect(day.cells).toHaveLength(366);
    expect(day.cells.every((c) => c.complete)).toBe(true); // a day ending on data end is complete
  });

  it('works for a single customer with same-day repeat orders', async () => {
    // One customer, three orders on one day: one activity day, revenue 6; data end is that day,
    // so the month is incomplete and the average curve is empty.
    const r = await cohortsOf([a('S', '2023-05-17', 1), a('S', '2023-05-17', 2), a('S', '2023-05-17', 3)]);
    expect(r.cells).toEqual([
      {
        cohort: '2023-05-01',
        offset: 0,
        periodStart: '2023-05-01',
        size: 1,
        active: 1,
        retention: 1,
        unboundedActive: 1,
        unbounded: 1,
        revenue: 6,
        revenueRetention: 1,
        complete: false,
      },
    ]);
    expect(r.average).toEqual([]);
  });

  it('filters by segment and by date range', async () => {
    // P (web): Jan 10, Feb 10, Mar 10; Q (shop): Jan 15, Mar 1; R (web): Feb 20, Mar 20.
    const rows = [
      a('P', '2024-01-10', null, 'web'),
      a('P', '2024-02-10', null, 'web'),
      a('P', '2024-03-10', null, 'web'),
      a('Q', '2024-01-15', null, 'shop'),
      a('Q', '2024-03-01', null, 'shop'),
      a('R', '2024-02-20', null, 'web'),
      a('R', '2024-03-20', null, 'web'),
    ];
    // web only: Jan = {P}: 1, 1, 1; Feb = {R}: 1, 1.
    const web = await cohortsOf(rows, { segment: { column: 's1', values: ['web'] } });
    expect(grid(web)).toEqual({
      '2024-01-01+0': [1, 1],
      '2024-01-01+1': [1, 1],
      '2024-01-01+2': [1, 1],
      '2024-02-01+0': [1, 1],
      '2024-02-01+1': [1, 1],
    });
    // From Feb 1: P and Q were acquired before the range and are left out; Feb = {R}: 1, 1.
    // Data end in range is Mar 20 (March incomplete).
    const feb = await cohortsOf(rows, { dateFrom: '2024-02-01' });
    expect(grid(feb)).toEqual({ '2024-02-01+0': [1, 1], '2024-02-01+1': [1, 1] });
    // Up to Feb 29: data end Feb 20, cohorts Jan {P, Q} and Feb {R}; Jan+1 has P.
    const toFeb = await cohortsOf(rows, { dateTo: '2024-02-29' });
    expect(grid(toFeb)).toEqual({ '2024-01-01+0': [2, 2], '2024-01-01+1': [1, 1], '2024-02-01+0': [1, 1] });
    expect(toFeb.cells.map((c) => c.complete)).toEqual([true, false, false]);
  });
});

describe('cohorts on real data', () => {
  let cdnow: ActivityRow[];
  let grocery: ActivityRow[];
  let cc: Connector;
  let gc: Connector;
  beforeAll(async () => {
    cdnow = readCdnow();
    grocery = readGrocery();
    cc = await connectWith(cdnow);
    gc = await connectWith(grocery);
  });
  afterAll(async () => {
    await cc.close();
    await gc.close();
  });

  it('reproduces the published CDNOW check (1997-01 cohort, months 1–3)', async () => {
    const r = parseCohorts(await rowsOf(cc, cohortsSql(opts(), infoFor(cdnow))));
    const jan = r.cells.filter((c) => c.cohort === '1997-01-01');
    expect(jan[0]?.size).toBe(7846);
    expect(jan.slice(1, 4).map((c) => Number(c.retention.toFixed(4)))).toEqual([0.1475, 0.1229, 0.1032]);
  });

  for (const grain of GRAINS) {
    for (const [name, data, conn] of [
      ['CDNOW', () => cdnow, () => cc],
      ['grocery', () => grocery, () => gc],
    ] as const) {
      it(`matches an independent computation on ${name}, ${grain}`, async () => {
        const rows = data();
        const got = parseCohorts(await rowsOf(conn(), cohortsSql(opts({ grain }), infoFor(rows))));
        const ref = refCohorts(rows, grain, 'monday');
        const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
        expect(got.cells.map((c) => [c.cohort, c.offset, c.size, c.active, c.unboundedActive, round(c.revenue), c.complete])).toEqual(
          ref.map((c) => [c.cohort, c.offset, c.size, c.active, c.unboundedActive, round(c.revenue), c.complete]),
        );
        for (const c of got.cells) {
          expect(c.retention).toBe(c.active / c.size);
          expect(c.unbounded).toBe(c.unboundedActive / c.size);
        }
        // the average curve from the reference cells, weighted plainly
        for (const p of got.average) {
          const cells = ref.filter((c) => c.offset === p.offset && c.complete);
          const size = cells.reduce((t, c) => t + c.size, 0);
          expect(p.customers).toBe(size);
          expect(p.retention).toBeCloseTo(cells.reduce((t, c) => t + c.active, 0) / size, 12);
          expect(p.unbounded).toBeCloseTo(cells.reduce((t, c) => t + c.unboundedActive, 0) / size, 12);
        }
      });
    }
  }

  it('matches with Sunday weeks on grocery', async () => {
    const got = parseCohorts(await rowsOf(gc, cohortsSql(opts({ grain: 'week', weekStart: 'sunday' }), infoFor(grocery))));
    const ref = refCohorts(grocery, 'week', 'sunday');
    expect(got.cells.map((c) => [c.cohort, c.offset, c.active, c.unboundedActive, c.complete])).toEqual(
      ref.map((c) => [c.cohort, c.offset, c.active, c.unboundedActive, c.complete]),
    );
  });
});

describe('cohorts: every option combination', () => {
  it('binds, runs and keeps its invariants', async () => {
    const rows = sweepRows();
    const c = await withFixture(rows);
    for (const o of optionMatrix()) {
      const r = parseCohorts(await rowsOf(c, cohortsSql(o, infoFor(rows))));
      if (o.dateFrom === '2030-01-01') expect(r.cells).toEqual([]);
      else expect(r.cells.length).toBeGreaterThan(0);
      for (const [i, cell] of r.cells.entries()) {
        expect(cell.active).toBeLessThanOrEqual(cell.unboundedActive);
        expect(cell.unboundedActive).toBeLessThanOrEqual(cell.size);
        const prev = r.cells[i - 1];
        if (cell.offset === 0) expect([cell.active, cell.revenueRetention]).toEqual([cell.size, 1]);
        else expect(cell.unboundedActive).toBeLessThanOrEqual(prev?.unboundedActive ?? Infinity);
      }
    }
  });

  it('returns nothing for an empty dataset', async () => {
    const c = await withFixture([], infoFor([a('x', '2024-01-01', 1)]));
    expect(parseCohorts(await rowsOf(c, cohortsSql(opts(), infoFor([]))))).toEqual({ cells: [], cohorts: [], average: [] });
  });
});

describe('cohorts SQL text', () => {
  it('is stable (a change to the query shows up here)', () => {
    const o = opts();
    const sql = cohortsSql(o, { hasRevenue: true, hasCost: false, hasOrderId: false, segments: [] });
    expect(sql.replace(scopeCtes(o), '<scope>')).toMatchInlineSnapshot(`
      "WITH <scope>,
      span AS MATERIALIZED (
        SELECT t0, data_start, data_end, CAST(((year(CAST(date_trunc('month', data_end) AS DATE)) - year(t0)) * 12 + month(CAST(date_trunc('month', data_end) AS DATE)) - month(t0)) AS INTEGER) AS last
        FROM (SELECT CAST(date_trunc('month', data_start) AS DATE) AS t0, data_start, data_end FROM bounds)
      ),
      day_index AS (
        SELECT day, CAST(((year(CAST(date_trunc('month', day) AS DATE)) - year(span.t0)) * 12 + month(CAST(date_trunc('month', day) AS DATE)) - month(span.t0)) AS INTEGER) AS i, greatest(CAST(date_trunc('month', day) AS DATE), span.data_start) AS lo, span.data_start, span.data_end
        FROM (
          SELECT CAST(ts AS DATE) AS day
          FROM span, range(span.t0, CAST((span.t0) + to_months(CAST(span.last + 1 AS INTEGER)) AS DATE), INTERVAL 1 DAY) t(ts)
        ), span
      ),
      sizes AS (
        SELECT CAST(((year(CAST(date_trunc('month', c.first_day) AS DATE)) - year(span.t0)) * 12 + month(CAST(date_trunc('month', c.first_day) AS DATE)) - month(span.t0)) AS INTEGER) AS ci, count(*) AS size
        FROM fcust c, span WHERE c.first_day BETWEEN span.data_start AND span.data_end GROUP BY ci
      ),
      offsets AS (
        SELECT f.i AS ci, x.i - f.i AS k, d.revenue,
          d.active AND (d.prev_active IS NULL OR d.prev_active < x.lo) AS first_in_period,
          d.active AND (d.next_active IS NULL OR d.next_active > x.data_end) AS last_in_scope
        FROM fday d
        JOIN day_index x ON x.day = d.day
        JOIN (SELECT day, i FROM day_index WHERE day BETWEEN data_start AND data_end) f ON f.day = d.first_day
      ),
      cells AS (
        SELECT ci, k, count(*) FILTER (WHERE first_in_period) AS active, sum(revenue) AS revenue,
          count(*) FILTER (WHERE last_in_scope) AS last_n
        FROM offsets WHERE k >= 0 GROUP BY ci, k
      ),
      grid AS (
        SELECT s.ci, s.size, CAST(unnest(range(0, span.last - s.ci + 1)) AS INTEGER) AS k FROM sizes s, span
      ),
      filled AS (
        SELECT g.ci, g.k, g.size, coalesce(x.active, 0) AS active, coalesce(x.revenue, 0) AS revenue,
          sum(coalesce(x.last_n, 0)) OVER (PARTITION BY g.ci ORDER BY g.k DESC) AS unbounded_active
        FROM grid g
        LEFT JOIN cells x ON x.ci = g.ci AND x.k = g.k
      ),
      dated AS (
        SELECT f.*, CAST((span.t0) + to_months(CAST(f.ci AS INTEGER)) AS DATE) AS cohort_start, CAST((span.t0) + to_months(CAST(f.ci + f.k AS INTEGER)) AS DATE) AS period_start, span.data_end
        FROM filled f, span
      )
      SELECT strftime(cohort_start, '%Y-%m-%d') AS cohort, k AS "offset", size AS cohort_size, active,
        CAST(active AS DOUBLE) / size AS retention,
        CAST(unbounded_active AS BIGINT) AS unbounded_active,
        CAST(unbounded_active AS DOUBLE) / size AS unbounded,
        revenue,
        revenue / nullif(first_value(revenue) OVER (PARTITION BY ci ORDER BY k), 0) AS revenue_retention,
        CAST(CAST((period_start) + to_months(CAST(1 AS INTEGER)) AS DATE) - 1 AS DATE) <= data_end AS complete,
        strftime(period_start, '%Y-%m-%d') AS period_start
      FROM dated
      ORDER BY ci, k"
    `);
  });
});
