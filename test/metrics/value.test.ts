import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clvSql,
  ltvSql,
  marginSql,
  parseClv,
  parseLtv,
  parseMargin,
  parsePredictedClv,
  predictedClvSql,
  type Clv,
  type Ltv,
  type PredictedClv,
} from '../../src/metrics/value';
import { loadDataset, type DatasetName, type LoadedDataset } from '../helpers/metrics-b-data';
import { fixture, opts, type Fixture } from '../helpers/metrics-b-fixture';
import { activeDays, dataRange, dayNum, isRefund, isoOf, mean, median } from '../helpers/metrics-b-independent';
import { SHOP, SHOP_SEGMENTS, YEARS, YEARS_HALF_COST } from '../helpers/metrics-b-value';

describe('value on the SHOP fixture', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(SHOP, { hasCost: true, segments: SHOP_SEGMENTS });
  });
  afterAll(() => f.c.close());

  it('historical CLV', async () => {
    // Revenue per customer: A 100 + 50 − 30 = 120, B 20, C 40 + 10 = 50, D 30. Total 220.
    // Mean 220/4 = 55; median of [20, 30, 50, 120] = (30 + 50)/2 = 40.
    expect(parseClv(await f.rows(clvSql(opts(), f.info)), f.info)).toEqual({ available: true, customers: 4, revenue: 220, mean: 55, median: 40 });
  });

  it('LTV curves by monthly cohort', async () => {
    // Data end 2024-03-05 (March incomplete). Jan cohort {A, B}: Jan 120 → 60/customer; Feb +50 → 85; Mar −30 → 70.
    // Feb cohort {C}: Feb 50 → 50; Mar 0 → 50. Mar cohort {D}: 30.
    // Average over complete cells: k0 (60·2 + 50·1)/3 = 170/3; k1 85 (Jan only).
    const r = parseLtv(await f.rows(ltvSql(opts(), f.info)), f.info) as Ltv;
    expect(r.cells.map((c) => [c.cohort, c.offset, c.customers, c.revenue, c.cumulativePerCustomer, c.complete])).toEqual([
      ['2024-01-01', 0, 2, 120, 60, true],
      ['2024-01-01', 1, 2, 50, 85, true],
      ['2024-01-01', 2, 2, -30, 70, false],
      ['2024-02-01', 0, 1, 50, 50, true],
      ['2024-02-01', 1, 1, 0, 50, false],
      ['2024-03-01', 0, 1, 30, 30, false],
    ]);
    expect(r.average).toEqual([
      { offset: 0, cumulativePerCustomer: 170 / 3, cohorts: 2, customers: 3 },
      { offset: 1, cumulativePerCustomer: 85, cohorts: 1, customers: 2 },
    ]);
  });

  it('LTV curves by quarter', async () => {
    // One cohort 2024-Q1 with all 4 customers: 220/4 = 55, incomplete (Q1 ends 03-31).
    const r = parseLtv(await f.rows(ltvSql(opts({ grain: 'quarter' }), f.info)), f.info) as Ltv;
    expect(r.cells).toEqual([{ cohort: '2024-01-01', offset: 0, customers: 4, revenue: 220, cumulativePerCustomer: 55, complete: false }]);
    expect(r.average).toEqual([]);
  });

  it('margin in total and per first-activity channel', async () => {
    // Cost: A 60 + 20 + 0 = 80, B 10, C 35, D 15 → 140; margin 220 − 140 = 80, per customer 20.
    // Per customer margin A 40, B 10, C 15, D 15 → median 15. Rate 80/220.
    // shop {B, D}: revenue 50, cost 25, margin 25, 12.5 each, median (10 + 15)/2 = 12.5, rate 0.5.
    // web {A, C}: revenue 170, cost 115, margin 55, 27.5, median (40 + 15)/2 = 27.5, rate 55/170.
    const m = parseMargin(await f.rows(marginSql(opts(), f.info)), f.info);
    expect(m).toEqual({
      available: true,
      total: { segmentKey: null, segmentValue: null, customers: 4, revenue: 220, cost: 140, margin: 80, marginPerCustomer: 20, marginMedian: 15, marginRate: 80 / 220 },
      segments: [
        { segmentKey: 's1', segmentValue: 'shop', customers: 2, revenue: 50, cost: 25, margin: 25, marginPerCustomer: 12.5, marginMedian: 12.5, marginRate: 0.5 },
        { segmentKey: 's1', segmentValue: 'web', customers: 2, revenue: 170, cost: 115, margin: 55, marginPerCustomer: 27.5, marginMedian: 27.5, marginRate: 55 / 170 },
      ],
    });
  });

  it('a segment filter keeps the customers whose first-activity channel matches', async () => {
    // s1 = web: A (120) and C (50) → mean 85, median 85; margin 55 (see below).
    const o = opts({ segment: { column: 's1', values: ['web'] } });
    expect(parseClv(await f.rows(clvSql(o, f.info)), f.info)).toEqual({ available: true, customers: 2, revenue: 170, mean: 85, median: 85 });
    expect(parseMargin(await f.rows(marginSql(o, f.info)), f.info)).toMatchObject({ total: { customers: 2, margin: 55 } });
  });

  it('margin says why it is missing', async () => {
    const noCost = { ...f.info, hasCost: false };
    expect(parseMargin([], noCost)).toEqual({ available: false, reason: 'no cost column', message: 'not available: no cost column' });
    expect(parseMargin([], { ...noCost, hasRevenue: false })).toMatchObject({ available: false, reason: 'no revenue column' });
  });

  it('predicted CLV needs more than a year of data', async () => {
    // AOV 220 / 6 orders; orders in the last 365 days 6 / 4 customers = 1.5; no previous year → no churn.
    const p = parsePredictedClv(await f.rows(predictedClvSql(opts(), f.info)), f.info) as PredictedClv;
    expect(p.averageOrderValue).toBeCloseTo(220 / 6, 12);
    expect(p.ordersPerYear).toBe(1.5);
    expect(p).toMatchObject({ previousYearCustomers: 0, yearlyChurn: null, predictedClv: null });
    expect(p.note).toMatch(/365 days/);
  });
});

describe('predicted CLV over two years', () => {
  it('AOV × orders per year × 1/yearly churn (× margin rate when cost is known)', async () => {
    // Data end E = 2023-07-01. Last year: 2022-07-02 .. 2023-07-01; previous: 2021-07-02 .. 2022-07-01.
    // Previous-year customers: P (2022-06-01), Q (2022-07-01) → 2; Q has nothing in the last year → churn 1/2,
    // lifetime 2 years. Orders in the last year: P 06-01, R 03-01, R 07-01, S, T 2022-12-31 = 5, by 4 customers
    // → 1.25/year. AOV = 165 / 10 orders = 16.5. Predicted = 16.5 × 1.25 × 2 = 41.25; with cost at half: × 0.5.
    const f = await fixture(YEARS);
    const p = parsePredictedClv(await f.rows(predictedClvSql(opts(), f.info)), f.info);
    expect(p).toEqual({
      available: true,
      averageOrderValue: 16.5,
      ordersPerYear: 1.25,
      previousYearCustomers: 2,
      yearlyChurn: 0.5,
      lifetimeYears: 2,
      marginRate: null,
      predictedClv: 41.25,
      note: null,
    });
    await f.c.close();
    const g = await fixture(YEARS_HALF_COST, { hasCost: true });
    const q = parsePredictedClv(await g.rows(predictedClvSql(opts(), g.info)), g.info);
    expect(q).toMatchObject({ marginRate: 0.5, predictedClv: 20.625 });
    await g.c.close();
  });
});

describe('value without a revenue column', () => {
  it('is not available, never zero', async () => {
    const f = await fixture(SHOP, { hasRevenue: false });
    const na = { available: false, reason: 'no revenue column', message: 'not available: no revenue column' };
    expect(parseClv(await f.rows(clvSql(opts(), f.info)), f.info)).toEqual(na);
    expect(parseLtv(await f.rows(ltvSql(opts(), f.info)), f.info)).toEqual(na);
    expect(parsePredictedClv(await f.rows(predictedClvSql(opts(), f.info)), f.info)).toEqual(na);
    await f.c.close();
  });
});

/** Independent: revenue per customer (net, customers with activity only). */
function revenueByCustomer(d: LoadedDataset): Map<string, number> {
  const active = activeDays(d.rows);
  const rev = new Map<string, number>();
  for (const r of d.rows) if (active.has(r.customer)) rev.set(r.customer, (rev.get(r.customer) ?? 0) + (r.amount ?? 0));
  return rev;
}

function monthIndex(day: number): number {
  const iso = isoOf(day);
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
}

describe.each<[DatasetName]>([['cdnow'], ['grocery']])('value on %s against an independent computation', (name) => {
  let d: LoadedDataset;
  beforeAll(async () => {
    d = await loadDataset(name);
  });
  afterAll(() => d.c.close());

  it('historical CLV', async () => {
    const t0 = performance.now();
    const r = parseClv((await d.c.query(clvSql(opts(), d.info))), d.info);
    if (name === 'cdnow') console.log(`clvSql on cdnow: ${(performance.now() - t0).toFixed(0)} ms`);
    if (name === 'grocery') return expect(r).toMatchObject({ available: false, reason: 'no revenue column' });
    const rev = [...revenueByCustomer(d).values()];
    const c = r as Clv;
    expect(c.customers).toBe(rev.length);
    expect(c.revenue).toBeCloseTo(rev.reduce((a, b) => a + b, 0), 6);
    expect(c.mean!).toBeCloseTo(mean(rev)!, 9);
    expect(c.median!).toBeCloseTo(median(rev)!, 9);
  });

  it('LTV curves (monthly cohorts)', async () => {
    const t0 = performance.now();
    const r = parseLtv((await d.c.query(ltvSql(opts(), d.info))), d.info);
    if (name === 'cdnow') console.log(`ltvSql on cdnow: ${(performance.now() - t0).toFixed(0)} ms`);
    if (name === 'grocery') return expect(r).toMatchObject({ available: false });
    const days = activeDays(d.rows);
    const { end } = dataRange(d.rows);
    const cohortOf = new Map([...days].map(([c, ds]) => [c, monthIndex(ds[0]!)]));
    const size = new Map<number, number>();
    for (const m of cohortOf.values()) size.set(m, (size.get(m) ?? 0) + 1);
    const rev = new Map<string, number>();
    for (const row of d.rows) {
      const c = cohortOf.get(row.customer);
      if (c === undefined) continue;
      const k = Math.max(0, monthIndex(dayNum(row.day)) - c);
      rev.set(`${c}|${k}`, (rev.get(`${c}|${k}`) ?? 0) + (row.amount ?? 0));
    }
    const cells = (r as Ltv).cells;
    let expected = 0;
    for (const [c, n] of [...size].sort((a, b) => a[0] - b[0])) {
      let cum = 0;
      for (let k = 0; k <= monthIndex(end) - c; k++) {
        cum += rev.get(`${c}|${k}`) ?? 0;
        const cell = cells[expected++]!;
        expect(cell.customers).toBe(n);
        expect(cell.offset).toBe(k);
        expect(cell.cumulativePerCustomer).toBeCloseTo(cum / n, 6);
        // complete when the month c + k ends by data end
        expect(cell.complete).toBe(c + k < monthIndex(end) || monthIndex(end + 1) > monthIndex(end));
      }
    }
    expect(cells.length).toBe(expected);
  });

  it('predicted CLV', async () => {
    const t0 = performance.now();
    const r = parsePredictedClv((await d.c.query(predictedClvSql(opts(), d.info))), d.info);
    if (name === 'cdnow') console.log(`predictedClvSql on cdnow: ${(performance.now() - t0).toFixed(0)} ms`);
    if (name === 'grocery') return expect(r).toMatchObject({ available: false });
    const { end } = dataRange(d.rows);
    const days = activeDays(d.rows);
    let prev = 0;
    let churned = 0;
    let lastCustomers = 0;
    for (const ds of days.values()) {
      const inPrev = ds.some((x) => x >= end - 729 && x <= end - 365);
      const inLast = ds.some((x) => x > end - 365);
      if (inPrev) prev++;
      if (inPrev && !inLast) churned++;
      if (inLast) lastCustomers++;
    }
    const orders = d.rows.filter((x) => !isRefund(x));
    const lastOrders = orders.filter((x) => dayNum(x.day) > end - 365).length;
    const revenue = d.rows.reduce((a, x) => a + (x.amount ?? 0), 0);
    const aov = revenue / orders.length;
    const p = r as PredictedClv;
    expect(p.previousYearCustomers).toBe(prev);
    expect(p.yearlyChurn).toBeCloseTo(churned / prev, 12);
    expect(p.ordersPerYear).toBeCloseTo(lastOrders / lastCustomers, 12);
    expect(p.averageOrderValue).toBeCloseTo(aov, 9);
    expect(p.predictedClv).toBeCloseTo((aov * (lastOrders / lastCustomers)) / (churned / prev), 6);
    console.log(`cdnow predicted CLV: ${JSON.stringify(p)}`);
  });
});
