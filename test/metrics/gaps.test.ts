import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapsByPurchaseSql, gapsCsv, gapsSql, gapStatsSql, parseGaps, parseGapsByPurchase, parseGapStats } from '../../src/metrics/gaps';
import { loadDataset, type DatasetName, type LoadedDataset } from '../helpers/metrics-b-data';
import { fixture, opts, type Fixture } from '../helpers/metrics-b-fixture';
import { activeDays, mean, nearestRank } from '../helpers/metrics-b-independent';

describe('gaps on a hand-worked fixture', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture([
      { c: 'A', t: '2024-02-27', amount: 1 },
      { c: 'A', t: '2024-02-29 08:00:00', amount: 1 }, // leap day
      { c: 'A', t: '2024-02-29 17:00:00', amount: 1 }, // same day: no zero gap
      { c: 'A', t: '2024-03-02', amount: 1 },
      { c: 'A', t: '2024-03-12', amount: 1 },
      { c: 'B', t: '2024-01-01', amount: 1 },
      { c: 'B', t: '2024-01-08', amount: 1 },
      { c: 'C', t: '2024-01-01', amount: 1 },
      { c: 'C', t: '2024-01-03', amount: -4 }, // refund: not a purchase day
      { c: 'C', t: '2024-01-04', amount: 1 },
      { c: 'D', t: '2024-01-02', amount: 1 }, // single purchase: no gap
    ]);
  });
  afterAll(() => f.c.close());

  it('histogram and nearest-rank quantiles', async () => {
    // A: 02-27 → 02-29 = 2, 02-29 → 03-02 = 2 (leap year), 03-02 → 03-12 = 10. B: 7. C: 01-01 → 01-04 = 3.
    // Sorted gaps [2, 2, 3, 7, 10], N = 5. Nearest rank ceil(p·N): p25 → rank 2 → 2, median → rank 3 → 3,
    // p75 → rank 4 → 7, p90 → rank 5 → 10. Mean 24/5 = 4.8.
    const bins = parseGaps(await f.rows(gapsSql(opts(), f.info)));
    expect(bins).toEqual([
      { gapDays: 2, gaps: 2 },
      { gapDays: 3, gaps: 1 },
      { gapDays: 7, gaps: 1 },
      { gapDays: 10, gaps: 1 },
    ]);
    expect(gapsCsv(bins)).toEqual({ columns: ['gap_days', 'gaps'], rows: [[2, 2], [3, 1], [7, 1], [10, 1]] });
    const st = parseGapStats(await f.rows(gapStatsSql(opts(), f.info)));
    expect(st).toEqual({ gaps: 5, p25: 2, median: 3, p75: 7, p90: 10, mean: 4.8 });
  });

  it('by purchase number', async () => {
    // 1st→2nd: A 2, B 7, C 3 → 3 gaps, sorted [2, 3, 7], median rank 2 → 3, mean 4.
    // 2nd→3rd: A 2. 3rd→4th: A 10.
    const t = parseGapsByPurchase(await f.rows(gapsByPurchaseSql(opts(), f.info)));
    expect(t).toEqual([
      { transition: 1, label: '1→2', gaps: 3, median: 3, mean: 4 },
      { transition: 2, label: '2→3', gaps: 1, median: 2, mean: 2 },
      { transition: 3, label: '3→4', gaps: 1, median: 10, mean: 10 },
    ]);
  });

  it('a date range keeps gaps with both days inside it, numbered from the first purchase ever', async () => {
    // From 02-28: A's 02-27 → 02-29 is cut (its first day is outside); left: 02-29 → 03-02 (2nd→3rd, 2 days)
    // and 03-02 → 03-12 (3rd→4th, 10 days).
    const o = opts({ dateFrom: '2024-02-28' });
    expect(parseGaps(await f.rows(gapsSql(o, f.info)))).toEqual([
      { gapDays: 2, gaps: 1 },
      { gapDays: 10, gaps: 1 },
    ]);
    const t = parseGapsByPurchase(await f.rows(gapsByPurchaseSql(o, f.info)));
    expect(t.map((x) => x.transition)).toEqual([2, 3]);
    // Up to 01-05: B's 01-01 → 01-08 is cut (01-08 outside); C's 3-day gap stays.
    expect(parseGaps(await f.rows(gapsSql(opts({ dateTo: '2024-01-05' }), f.info)))).toEqual([{ gapDays: 3, gaps: 1 }]);
  });

  it('no repeat purchases: zero gaps and null quantiles', async () => {
    const st = parseGapStats(await f.rows(gapStatsSql(opts({ dateFrom: '2024-03-12' }), f.info)));
    expect(st).toEqual({ gaps: 0, p25: null, median: null, p75: null, p90: null, mean: null });
  });
});

describe('gaps: the 10th transition and later are grouped', () => {
  it('groups 10→11, 11→12, 12→13 under 10+', async () => {
    // One customer active on 13 consecutive days: 12 gaps of 1 day, transitions 1..12.
    // Transitions 1..9 get one gap each; "10+" gets 3.
    const days = Array.from({ length: 13 }, (_, i) => `2023-01-${String(i + 1).padStart(2, '0')}`);
    const f = await fixture(days.map((t) => ({ c: 'solo', t, amount: 1 })));
    const t = parseGapsByPurchase(await f.rows(gapsByPurchaseSql(opts(), f.info)));
    expect(t.map((x) => x.gaps)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 3]);
    expect(t.at(-1)).toEqual({ transition: 10, label: '10+', gaps: 3, median: 1, mean: 1 });
    await f.c.close();
  });
});

describe.each<[DatasetName]>([['cdnow'], ['grocery']])('gaps on %s against an independent computation', (name) => {
  let d: LoadedDataset;
  beforeAll(async () => {
    d = await loadDataset(name);
  });
  afterAll(() => d.c.close());

  it('histogram, quantiles and transitions', async () => {
    const all: number[] = [];
    const byT = new Map<number, number[]>();
    for (const ds of activeDays(d.rows).values())
      for (let i = 1; i < ds.length; i++) {
        const g = ds[i]! - ds[i - 1]!;
        all.push(g);
        const t = Math.min(i, 10);
        byT.set(t, [...(byT.get(t) ?? []), g]);
      }
    all.sort((a, b) => a - b);

    const t0 = performance.now();
    const bins = parseGaps((await d.c.query(gapsSql(opts(), d.info))));
    const t1 = performance.now();
    const st = parseGapStats((await d.c.query(gapStatsSql(opts(), d.info))));
    const t2 = performance.now();
    const tr = parseGapsByPurchase((await d.c.query(gapsByPurchaseSql(opts(), d.info))));
    const t3 = performance.now();
    if (name === 'cdnow')
      console.log(`gapsSql ${(t1 - t0).toFixed(0)} ms, gapStatsSql ${(t2 - t1).toFixed(0)} ms, gapsByPurchaseSql ${(t3 - t2).toFixed(0)} ms on cdnow`);

    const hist = new Map<number, number>();
    for (const g of all) hist.set(g, (hist.get(g) ?? 0) + 1);
    expect(bins).toEqual([...hist].sort((a, b) => a[0] - b[0]).map(([gapDays, gaps]) => ({ gapDays, gaps })));
    expect(st.gaps).toBe(all.length);
    expect(st.p25).toBe(nearestRank(all, 25));
    expect(st.median).toBe(nearestRank(all, 50));
    expect(st.p75).toBe(nearestRank(all, 75));
    expect(st.p90).toBe(nearestRank(all, 90));
    expect(st.mean).toBeCloseTo(mean(all)!, 9);
    if (name === 'cdnow') expect(st.median).toBe(34); // datasets README reference

    expect(tr.map((x) => x.transition)).toEqual([...byT.keys()].sort((a, b) => a - b));
    for (const x of tr) {
      const gs = byT.get(x.transition)!.sort((a, b) => a - b);
      expect(x.gaps).toBe(gs.length);
      expect(x.median).toBe(nearestRank(gs, 50));
      expect(x.mean).toBeCloseTo(mean(gs)!, 9);
    }
  });
});
