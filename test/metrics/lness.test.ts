import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lnessCsv, lnessSql, parseLness, powerCurveSql, type LnessHistogram } from '../../src/metrics/lness';
import { fixture, opts, type Fixture } from '../helpers/metrics-b-fixture';
import { loadDataset, type DatasetName, type LoadedDataset } from '../helpers/metrics-b-data';
import { activeDays, dataRange, isoOf, monthEnds } from '../helpers/metrics-b-independent';

/** customers with d active days, d = 1..n (index d-1), for the window [anchor-n+1, anchor]. */
function counts(h: LnessHistogram): number[] {
  return h.bins.map((b) => b.customers);
}

describe('lness on a hand-worked fixture', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture([
      { c: 'A', t: '2024-02-26', amount: 10 },
      { c: 'A', t: '2024-02-27', amount: 10 },
      { c: 'A', t: '2024-02-29 09:00:00', amount: 10 }, // leap day
      { c: 'A', t: '2024-02-29 18:00:00', amount: 10 }, // same-day repeat order: still one day
      { c: 'A', t: '2024-03-01', amount: 10 },
      { c: 'B', t: '2024-03-01', amount: 10 },
      { c: 'C', t: '2024-02-20', amount: 10 },
      { c: 'C', t: '2024-02-28', amount: -5 }, // refund only: not activity
      { c: 'D', t: '2024-02-24', amount: 10 },
      { c: 'D', t: '2024-03-01', amount: 10 },
    ]);
  });
  afterAll(() => f.c.close());

  it('L7 at data end', async () => {
    // data end = 2024-03-01, window [02-24, 03-01] (7 days, 2024 is a leap year).
    // A: 26, 27, 29, 01 → 4 days; B: 1 day; C: 02-20 outside, 02-28 refund → absent; D: 24, 01 → 2.
    // 3 customers: d=1 → 1, d=2 → 1, d=4 → 1, the other bins 0; share 1/3 each.
    const [h, ...rest] = parseLness(await f.rows(lnessSql(opts({ lnessWindow: 7 }), f.info)), { lnessWindow: 7 });
    expect(rest).toHaveLength(0);
    expect(h?.anchor).toBe('2024-03-01');
    expect(h?.windowStart).toBe('2024-02-24');
    expect(h?.complete).toBe(true); // window start 02-24 >= data start 02-20
    expect(h?.customers).toBe(3);
    expect(counts(h!)).toEqual([1, 1, 0, 1, 0, 0, 0]);
    expect(h?.bins[3]?.share).toBeCloseTo(1 / 3, 12);
    expect(h?.bins[2]?.share).toBe(0);
  });

  it('an explicit anchor whose window starts before the data is incomplete', async () => {
    // anchor 02-21, window [02-15, 02-21]: only C (02-20) → d=1 for 1 customer; 02-15 < data start.
    const o = opts({ lnessWindow: 7, lnessAnchor: '2024-02-21' });
    const [h] = parseLness(await f.rows(lnessSql(o, f.info)), o);
    expect(h?.complete).toBe(false);
    expect(counts(h!)).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(h?.bins[0]?.share).toBe(1);
  });

  it('power-user curve: one histogram per month end inside the range', async () => {
    // range 02-20 .. 03-01: the only month end inside is 02-29 (leap day). Window [02-23, 02-29]:
    // A: 26, 27, 29 → 3; D: 24 → 1; B and C absent. d=1 → 1, d=3 → 1.
    const o = opts({ lnessWindow: 7 });
    const hs = parseLness(await f.rows(powerCurveSql(o, f.info)), o);
    expect(hs.map((h) => h.anchor)).toEqual(['2024-02-29']);
    expect(counts(hs[0]!)).toEqual([1, 0, 1, 0, 0, 0, 0]);
    expect(hs[0]?.customers).toBe(2);
  });

  it('default L28: 28 bins, zero bins included; csv has the contract columns', async () => {
    const o = opts();
    const hs = parseLness(await f.rows(lnessSql(o, f.info)), o);
    expect(hs[0]?.bins).toHaveLength(28);
    // window [02-03, 03-01]: A 4 days, B 1, C 1 (02-20), D 2 → 4 customers.
    expect(counts(hs[0]!).slice(0, 4)).toEqual([2, 1, 0, 1]);
    const csv = lnessCsv(hs);
    expect(csv.columns).toEqual(['window_days', 'anchor_date', 'days_active', 'customers', 'share']);
    expect(csv.rows[0]).toEqual([28, '2024-03-01', 1, 2, 0.5]);
    expect(csv.rows).toHaveLength(28);
  });

  it('rejects a window below 1 day', () => {
    expect(() => lnessSql(opts({ lnessWindow: 0 }), f.info)).toThrow();
  });
});

describe('lness single customer active every day', () => {
  it('puts the customer in bin n with share 1', async () => {
    const days = Array.from({ length: 28 }, (_, i) => `2023-03-${String(i + 1).padStart(2, '0')}`);
    const f = await fixture(days.map((t) => ({ c: 'solo', t, amount: 1 })));
    const [h] = parseLness(await f.rows(lnessSql(opts(), f.info)), opts());
    expect(h?.bins[27]).toEqual({ days: 28, customers: 1, share: 1 });
    expect(h?.customers).toBe(1);
    await f.c.close();
  });
});

/** Independent: per customer, count active days in [anchor-n+1, anchor]. */
function independent(days: Map<string, number[]>, anchor: number, w: number): number[] {
  const bins = new Array<number>(w).fill(0);
  for (const ds of days.values()) {
    const d = ds.filter((x) => x > anchor - w && x <= anchor).length;
    if (d > 0) bins[d - 1]!++;
  }
  return bins;
}

describe.each<[DatasetName]>([['cdnow'], ['grocery']])('lness on %s against an independent computation', (name) => {
  let d: LoadedDataset;
  beforeAll(async () => {
    d = await loadDataset(name);
  });
  afterAll(() => d.c.close());

  it.each([1, 7, 14, 28, 30])('L%i at data end', async (w) => {
    const o = opts({ lnessWindow: w });
    const t0 = performance.now();
    const rows = (await d.c.query(lnessSql(o, d.info)));
    if (name === 'cdnow' && w === 28) console.log(`lnessSql on cdnow: ${(performance.now() - t0).toFixed(0)} ms`);
    const [h] = parseLness(rows, o);
    const { end } = dataRange(d.rows);
    expect(h?.anchor).toBe(isoOf(end));
    const want = independent(activeDays(d.rows), end, w);
    expect(counts(h!)).toEqual(want);
    expect(h!.customers).toBe(want.reduce((a, b) => a + b, 0));
    expect(h!.customers).toBeGreaterThan(0);
  });

  it('power-user curve at each month end', async () => {
    const o = opts();
    const t0 = performance.now();
    const hs = parseLness((await d.c.query(powerCurveSql(o, d.info))), o);
    if (name === 'cdnow') console.log(`powerCurveSql on cdnow: ${(performance.now() - t0).toFixed(0)} ms`);
    const { start, end } = dataRange(d.rows);
    const ends = monthEnds(start, end);
    expect(hs.map((h) => h.anchor)).toEqual(ends.map(isoOf));
    const days = activeDays(d.rows);
    for (const [i, h] of hs.entries()) expect(counts(h)).toEqual(independent(days, ends[i]!, 28));
  });
});
