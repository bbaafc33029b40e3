import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { activityWindowSql, parseActivityWindow, windowCtes, type ActivityWindow } from '../../src/metrics/activity-window';
import { scopeCtes } from '../../src/metrics/scope';
import type { MetricOptions } from '../../src/metrics/types';
import { a, connectWith, infoFor, readCdnow, readGrocery, sweepRows, withFixture, type ActivityRow } from '../helpers/metrics-a-data';
import { refActivityWindow } from '../helpers/metrics-a-reference';
import { optionMatrix, opts, rowsOf } from '../helpers/metrics-a-run';

async function windowOf(rows: ActivityRow[], o: Partial<MetricOptions> = {}): Promise<ActivityWindow> {
  const c = await withFixture(rows);
  return parseActivityWindow(await rowsOf(c, activityWindowSql(opts(o), infoFor(rows))));
}

/** Customer `id` active on day 2024-01-01 + each offset. */
function days(id: string, offsets: number[], amount: number | null = null): ActivityRow[] {
  return offsets.map((d) => a(id, new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10), amount));
}

describe('activity window: hand-worked fixtures', () => {
  it('takes the nearest-rank 90th percentile of consecutive-day gaps', async () => {
    // A: days 0, 2, 12 → gaps 2, 10;  B: days 0, 30 → gap 30;  C: one day, no gap.
    // Sorted gaps [2, 10, 30]; rank ⌈0.9 · 3⌉ = 3 → p90 = 30; all 3 gaps are <= 30.
    expect(await windowOf([...days('A', [0, 2, 12]), ...days('B', [0, 30]), ...days('C', [5])])).toEqual({
      days: 30,
      reason: 'p90',
      gaps: 3,
      p90: 30,
      shareWithin: 1,
    });
  });

  it('uses the smallest g with at least 90 % of gaps <= g (no off-by-one)', async () => {
    // Ten gaps 11..20 (one customer, days 0, 11, 23, 36, …): rank ⌈9⌉ = 9 → the 9th smallest, 19;
    // 9 of 10 gaps are <= 19, exactly 90 %.
    const ten = [0];
    for (let g = 11; g <= 20; g++) ten.push((ten[ten.length - 1] as number) + g);
    expect(await windowOf(days('T', ten))).toMatchObject({ days: 19, gaps: 10, p90: 19, shareWithin: 0.9 });
    // Eleven gaps 11..21: rank ⌈9.9⌉ = 10 → 20 (19 would cover only 9/11 = 82 %); 10/11 are <= 20.
    const eleven = [...ten, (ten[ten.length - 1] as number) + 21];
    expect(await windowOf(days('T', eleven))).toMatchObject({ days: 20, gaps: 11, p90: 20, shareWithin: 10 / 11 });
  });

  it('raises a short p90 to 7 days', async () => {
    // Daily buyer: gaps 1, 1, 1 → p90 = 1 → W = 7.
    expect(await windowOf(days('D', [0, 1, 2, 3]))).toEqual({ days: 7, reason: 'minimum', gaps: 3, p90: 1, shareWithin: 1 });
  });

  it('falls back to 365 days without repeat purchases', async () => {
    // Same-day repeat orders are one activity day; a refund is not activity: no gaps at all.
    const rows = [a('X', '2024-03-01', 5), a('X', '2024-03-01', 6), a('X', '2024-03-09', -6), a('Y', '2024-04-01', 9)];
    expect(await windowOf(rows)).toEqual({ days: 365, reason: 'no-repeats', gaps: 0, p90: null, shareWithin: null });
  });

  it('reports the gap statistics next to a window chosen by the user', async () => {
    // Gaps [2, 10, 30] as above; W = 10 covers 2 of 3.
    const rows = [...days('A', [0, 2, 12]), ...days('B', [0, 30])];
    expect(await windowOf(rows, { activityWindow: 10 })).toEqual({ days: 10, reason: 'user', gaps: 3, p90: 30, shareWithin: 2 / 3 });
  });

  it('measures gaps inside the segment and date range', async () => {
    // A (web): days 0, 2, 12; B (shop): days 0, 30. Web only → gaps [2, 10] → rank 2 → 10.
    // From day 1 (2024-01-02): A's days 2, 12 and B's 30 → one gap, 10.
    const rows = [
      ...days('A', [0, 2, 12]).map((r) => ({ ...r, s1: 'web' })),
      ...days('B', [0, 30]).map((r) => ({ ...r, s1: 'shop' })),
    ];
    expect(await windowOf(rows, { segment: { column: 's1', values: ['web'] } })).toMatchObject({ days: 10, gaps: 2, p90: 10 });
    expect(await windowOf(rows, { dateFrom: '2024-01-02' })).toMatchObject({ days: 10, gaps: 1, p90: 10 });
  });

  it('rejects a window that is not a whole number of days', () => {
    expect(() => activityWindowSql(opts({ activityWindow: 0 }), infoFor([]))).toThrow();
    expect(() => windowCtes({ activityWindow: 2.5 })).toThrow();
  });
});

describe('activity window on real data', () => {
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

      it('matches an independent computation', async () => {
        const got = parseActivityWindow(await rowsOf(c, activityWindowSql(opts(), infoFor(rows))));
        const ref = refActivityWindow(rows);
        expect([got.days, got.gaps, got.p90]).toEqual([ref.days, ref.gaps, ref.p90]);
        expect(got.shareWithin).toBeGreaterThanOrEqual(0.9);
      });
    });
  }
});

describe('activity window: every option combination', () => {
  it('binds and runs', async () => {
    const rows = sweepRows();
    const c = await withFixture(rows);
    for (const o of optionMatrix()) {
      const w = parseActivityWindow(await rowsOf(c, activityWindowSql(o, infoFor(rows))));
      expect(w.days).toBeGreaterThanOrEqual(o.activityWindow ?? 7);
      if (o.dateFrom === '2030-01-01') expect(w).toMatchObject({ gaps: 0, p90: null });
    }
  });
});

describe('activity window SQL', () => {
  it('is stable (a change to the query shows up here)', () => {
    const o = opts();
    expect(activityWindowSql(o, infoFor([])).replace(scopeCtes(o), '<scope>')).toMatchInlineSnapshot(`
      "WITH <scope>,
      gap_days AS (
        SELECT CAST(day - prev AS INTEGER) AS gap FROM cgap
      ),
      gap_counts AS MATERIALIZED (SELECT gap, count(*) AS n FROM gap_days WHERE gap IS NOT NULL GROUP BY gap),
      gap_cum AS (SELECT gap, sum(n) OVER (ORDER BY gap) AS cum, sum(n) OVER () AS total FROM gap_counts),
      gap_p90 AS (
        SELECT CAST((SELECT coalesce(sum(n), 0) FROM gap_counts) AS BIGINT) AS gaps,
          (SELECT min(gap) FROM gap_cum WHERE cum * 10 >= total * 9) AS p90
      ),
      window_w AS MATERIALIZED (
        SELECT CAST(CASE WHEN p90 IS NULL THEN 365 ELSE greatest(p90, 7) END AS INTEGER) AS w,
          CASE WHEN p90 IS NULL THEN 'no-repeats' WHEN p90 < 7 THEN 'minimum' ELSE 'p90' END AS reason
        FROM gap_p90
      )
      SELECT w.w AS window_days, w.reason, p.gaps, p.p90,
        CAST((SELECT sum(n) FROM gap_counts WHERE gap <= w.w) AS DOUBLE) / nullif(p.gaps, 0) AS share_within
      FROM window_w w, gap_p90 p"
    `);
  });
});
