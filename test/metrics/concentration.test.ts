import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concentrationSql, lorenzSql, parseConcentration, parseLorenz, type Concentration, type Lorenz } from '../../src/metrics/concentration';
import { loadDataset, type DatasetName, type LoadedDataset } from '../helpers/metrics-b-data';
import { fixture, opts, type Fixture } from '../helpers/metrics-b-fixture';
import { activeDays } from '../helpers/metrics-b-independent';
import { SHOP } from '../helpers/metrics-b-value';

describe('concentration: 150 customers spending 1, 2, …, 150', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(Array.from({ length: 150 }, (_, i) => ({ c: `c${String(i + 1).padStart(3, '0')}`, t: '2024-01-01', amount: i + 1 })));
  });
  afterAll(() => f.c.close());

  it('top shares use ceil(p % × customers)', async () => {
    // Total 150·151/2 = 11325. k: 1 % → ceil(1.5) = 2, 3 % → ceil(4.5) = 5, 10 % → 15, 20 % → 30.
    // Top 2: 150 + 149 = 299. Top 5: 146..150 = 740. Top 15: 136..150 = 15·143 = 2145. Top 30: 121..150 = 4065.
    // Top 1 % vs rest: (299/2) / ((11325 − 299)/148) = 149.5 / 74.5.
    // Gini of 1..n = (n − 1)/(3n) = 149/450.
    const r = parseConcentration(await f.rows(concentrationSql(opts(), f.info)), f.info) as Concentration;
    expect(r.customers).toBe(150);
    expect(r.revenue).toBe(11325);
    expect(r.top.map((t) => [t.percent, t.customers])).toEqual([[1, 2], [3, 5], [10, 15], [20, 30]]);
    const shares = r.top.map((t) => t.share!);
    [299, 740, 2145, 4065].forEach((s, i) => expect(shares[i]).toBeCloseTo(s / 11325, 12));
    expect(r.top[0]?.vsRest).toBeCloseTo(149.5 / 74.5, 12);
    expect(r.gini).toBeCloseTo(149 / 450, 12);
  });

  it('Lorenz curve', async () => {
    // 100 segments: point i holds the floor(1.5 i) smallest spenders, whose revenue is k(k+1)/2.
    // i = 0 → 0; i = 1 → k 1 → 1/11325; i = 50 → k 75 → 2850/11325; i = 100 → 1.
    const r = parseLorenz(await f.rows(lorenzSql(opts(), f.info)), f.info) as Lorenz;
    expect(r.points).toHaveLength(101);
    expect(r.points[0]).toEqual({ customerShare: 0, revenueShare: 0 });
    expect(r.points[1]?.revenueShare).toBeCloseTo(1 / 11325, 12);
    expect(r.points[50]?.customerShare).toBe(0.5);
    expect(r.points[50]?.revenueShare).toBeCloseTo(2850 / 11325, 12);
    expect(r.points[100]).toEqual({ customerShare: 1, revenueShare: 1 });
    const five = parseLorenz(await f.rows(lorenzSql(opts(), f.info, 5)), f.info) as Lorenz;
    // 5 segments: k = 0, 30, 60, 90, 120, 150 → 0, 465, 1830, 4095, 7260, 11325.
    expect(five.points.map((p) => p.revenueShare! * 11325)).toEqual([0, 465, 1830, 4095, 7260, 11325].map((x) => expect.closeTo(x, 6)));
  });
});

describe('concentration edge cases', () => {
  it('a single customer holds everything; no revenue column is not available', async () => {
    const f = await fixture([{ c: 'solo', t: '2024-02-29', amount: 5 }]);
    const r = parseConcentration(await f.rows(concentrationSql(opts(), f.info)), f.info) as Concentration;
    // 1 customer: every top-k is ceil(p/100) = 1 customer with share 1; nobody else → vsRest null; Gini 0.
    expect(r.top.map((t) => [t.customers, t.share, t.vsRest])).toEqual([[1, 1, null], [1, 1, null], [1, 1, null], [1, 1, null]]);
    expect(r.gini).toBe(0);
    await f.c.close();
    const g = await fixture(SHOP, { hasRevenue: false });
    expect(parseConcentration(await g.rows(concentrationSql(opts(), g.info)), g.info)).toMatchObject({ available: false, reason: 'no revenue column' });
    expect(parseLorenz(await g.rows(lorenzSql(opts(), g.info)), g.info)).toMatchObject({ available: false, reason: 'no revenue column' });
    await g.c.close();
  });
});

describe.each<[DatasetName]>([['cdnow'], ['grocery']])('concentration on %s against an independent computation', (name) => {
  let d: LoadedDataset;
  beforeAll(async () => {
    d = await loadDataset(name);
  });
  afterAll(() => d.c.close());

  it('top shares, Gini and Lorenz', async () => {
    const t0 = performance.now();
    const r = parseConcentration((await d.c.query(concentrationSql(opts(), d.info))), d.info);
    const t1 = performance.now();
    const l = parseLorenz((await d.c.query(lorenzSql(opts(), d.info))), d.info);
    if (name === 'cdnow') console.log(`concentrationSql ${(t1 - t0).toFixed(0)} ms, lorenzSql ${(performance.now() - t1).toFixed(0)} ms on cdnow`);
    if (name === 'grocery') {
      expect(r).toMatchObject({ available: false, reason: 'no revenue column' });
      return expect(l).toMatchObject({ available: false, reason: 'no revenue column' });
    }
    const active = activeDays(d.rows);
    const byCust = new Map<string, number>();
    for (const row of d.rows) if (active.has(row.customer)) byCust.set(row.customer, (byCust.get(row.customer) ?? 0) + (row.amount ?? 0));
    const desc = [...byCust.values()].sort((a, b) => b - a);
    const total = desc.reduce((a, b) => a + b, 0);
    const c = r as Concentration;
    for (const t of c.top) {
      const k = Math.ceil((t.percent * desc.length) / 100);
      const top = desc.slice(0, k).reduce((a, b) => a + b, 0);
      expect(t.customers).toBe(k);
      expect(t.share).toBeCloseTo(top / total, 9);
      expect(t.vsRest).toBeCloseTo(top / k / ((total - top) / (desc.length - k)), 9);
    }
    const asc = [...desc].reverse();
    let weighted = 0;
    asc.forEach((x, i) => (weighted += (i + 1) * x));
    expect(c.gini).toBeCloseTo((2 * weighted) / (asc.length * total) - (asc.length + 1) / asc.length, 9);
    const cum = [0];
    for (const x of asc) cum.push(cum[cum.length - 1]! + x);
    (l as Lorenz).points.forEach((p, i) => {
      expect(p.customerShare).toBeCloseTo(i / 100, 12);
      expect(p.revenueShare).toBeCloseTo(cum[Math.floor((i * asc.length) / 100)]! / total, 9);
    });
    console.log(`cdnow top shares: ${c.top.map((t) => `${t.percent}% → ${t.share?.toFixed(4)}`).join(', ')}; gini ${c.gini?.toFixed(4)}`);
  });
});
