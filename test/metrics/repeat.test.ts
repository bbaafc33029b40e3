import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRepeat, repeatSql } from '../../src/metrics/repeat';
import { loadDataset, type DatasetName, type LoadedDataset } from '../helpers/metrics-b-data';
import { fixture, opts, type Fixture } from '../helpers/metrics-b-fixture';
import { activeDays, isRefund, mean } from '../helpers/metrics-b-independent';

describe('repeat behaviour on a hand-worked fixture (order ids mapped)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(
      [
        { c: 'A', t: '2024-01-01 10:00:00', order: 'o1', amount: 10 },
        { c: 'A', t: '2024-01-01 11:00:00', order: 'o2', amount: 10 }, // same day, second order
        { c: 'A', t: '2024-03-01', order: 'o3', amount: 10 },
        { c: 'B', t: '2024-01-10', order: 'o4', amount: 5 },
        { c: 'B', t: '2024-01-10', order: 'o4', amount: 5 }, // two rows of one order
        { c: 'C', t: '2024-02-01', order: 'o5', amount: 10 },
        { c: 'C', t: '2024-02-05', order: 'r1', amount: -10 }, // refund: neither order nor activity
        { c: 'D', t: '2024-02-10', order: 'r2', amount: -3 }, // refunds only: not a customer
        { c: 'E', t: '2024-01-05', order: 'o6', amount: 10 },
        { c: 'E', t: '2024-04-30', order: 'o7', amount: 10 },
        { c: 'F', t: '2024-01-20 08:00:00', order: 'o8', amount: 10 },
        { c: 'F', t: '2024-01-20 09:00:00', order: 'o9', amount: 10 },
      ],
      { hasOrderId: true },
    );
  });
  afterAll(() => f.c.close());

  it('repeat rate, orders per customer, visit frequency', async () => {
    // Customers A, B, C, E, F = 5 (D has refunds only). Orders: A 3, B 1, C 1, E 2, F 2 = 9.
    // 2+ orders: A, E, F → 3/5 = 0.6. 2+ distinct days: A, E → 2/5 = 0.4. Orders/customer 9/5 = 1.8.
    // Visit frequency (days ÷ max(1, life days / 30.4375)):
    //   A: 2 days, 01-01..03-01 = 61 days (leap Feb) → 2·30.4375/61; E: 2 days, 01-05..04-30 = 117 days
    //   → 2·30.4375/117; B, C, F: life 1 day → 1 month → 1 each.
    const r = parseRepeat(await f.rows(repeatSql(opts(), f.info)));
    expect(r.customers).toBe(5);
    expect(r.orders).toBe(9);
    expect(r.repeatCustomers).toBe(3);
    expect(r.repeatRate).toBe(0.6);
    expect(r.repeatCustomersByDays).toBe(2);
    expect(r.repeatRateByDays).toBe(0.4);
    expect(r.ordersPerCustomer).toBe(1.8);
    expect(r.visitFrequency).toBeCloseTo((60.875 / 61 + 60.875 / 117 + 3) / 5, 12);
  });

  it('a date range keeps only orders and days inside it', async () => {
    // From 2024-02-01: A (03-01, 1 order), C (02-01), E (04-30) → 3 customers, 3 orders, no repeat.
    const r = parseRepeat(await f.rows(repeatSql(opts({ dateFrom: '2024-02-01' }), f.info)));
    expect(r).toMatchObject({ customers: 3, orders: 3, repeatCustomers: 0, repeatRate: 0, visitFrequency: 1 });
  });

  it('empty scope gives nulls, not zeros', async () => {
    const r = parseRepeat(await f.rows(repeatSql(opts({ dateFrom: '2030-01-01' }), f.info)));
    expect(r).toMatchObject({ customers: 0, orders: 0, repeatRate: null, ordersPerCustomer: null, visitFrequency: null });
  });
});

describe('repeat: without order ids every row is an order', () => {
  it('counts same-day rows as separate orders', async () => {
    // One customer, two rows on one day: 2 orders (repeat), 1 activity day (not a repeat by days).
    const f = await fixture([
      { c: 'solo', t: '2024-05-05', amount: 1 },
      { c: 'solo', t: '2024-05-05', amount: 2 },
    ]);
    const r = parseRepeat(await f.rows(repeatSql(opts(), f.info)));
    expect(r).toMatchObject({ customers: 1, orders: 2, repeatRate: 1, repeatRateByDays: 0, ordersPerCustomer: 2, visitFrequency: 1 });
    await f.c.close();
  });
});

describe.each<[DatasetName]>([['cdnow'], ['grocery']])('repeat on %s against an independent computation', (name) => {
  let d: LoadedDataset;
  beforeAll(async () => {
    d = await loadDataset(name);
  });
  afterAll(() => d.c.close());

  it('SQL events match the TypeScript parse row by row', async () => {
    const ev = (await d.c.query('SELECT row_no, customer_id, CAST(day AS VARCHAR) AS day, amount FROM events ORDER BY row_no'));
    expect(ev.length).toBe(d.rows.length);
    for (const [i, r] of d.rows.entries()) {
      const e = ev[i]!;
      if (e.row_no !== r.rowNo || e.customer_id !== r.customer || e.day !== r.day || e.amount !== r.amount)
        throw new Error(`row ${i + 1} differs: ${JSON.stringify(e)} vs ${JSON.stringify(r)}`);
    }
  });

  it('matches', async () => {
    const t0 = performance.now();
    const r = parseRepeat((await d.c.query(repeatSql(opts(), d.info))));
    if (name === 'cdnow') console.log(`repeatSql on cdnow: ${(performance.now() - t0).toFixed(0)} ms`);
    const orders = new Map<string, number>();
    for (const row of d.rows) if (!isRefund(row)) orders.set(row.customer, (orders.get(row.customer) ?? 0) + 1);
    const days = activeDays(d.rows);
    const customers = days.size;
    const repeaters = [...orders.values()].filter((x) => x >= 2).length;
    const repeatersByDays = [...days.values()].filter((x) => x.length >= 2).length;
    const freq = [...days.values()].map((ds) => ds.length / Math.max(1, (ds[ds.length - 1]! - ds[0]! + 1) / (365.25 / 12)));
    expect(r.customers).toBe(customers);
    expect(r.orders).toBe([...orders.values()].reduce((a, b) => a + b, 0));
    expect(r.repeatRate).toBeCloseTo(repeaters / customers, 12);
    expect(r.repeatRateByDays).toBeCloseTo(repeatersByDays / customers, 12);
    expect(r.ordersPerCustomer).toBeCloseTo(r.orders / customers, 12);
    expect(r.visitFrequency).toBeCloseTo(mean(freq)!, 9);
    if (name === 'cdnow') {
      // Published reference figures (datasets README).
      expect(r.repeatRate).toBeCloseTo(0.4948, 4);
      expect(r.repeatRateByDays).toBeCloseTo(0.4886, 4);
    }
  });
});
