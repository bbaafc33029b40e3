import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseSpendByOrder,
  parseSpendByYear,
  spendByOrderSql,
  spendByYearCsv,
  spendByYearSql,
  spendCsv,
  type SpendByOrder,
  type SpendByYear,
} from '../../src/metrics/spend';
import { loadDataset, type DatasetName, type LoadedDataset } from '../helpers/metrics-b-data';
import { fixture, opts } from '../helpers/metrics-b-fixture';
import { activeDays, dataRange, dayNum, isRefund } from '../helpers/metrics-b-independent';
import { SHOP, YEARS } from '../helpers/metrics-b-value';

describe('spend by purchase number', () => {
  it('SHOP fixture', async () => {
    // Order 1: A 100, B 20, C 40 (10:00), D 30 → 4 customers, avg 47.5. Order 2: A 50, C 10 (12:00) → avg 30.
    // The refund is not an order.
    const f = await fixture(SHOP);
    const s = parseSpendByOrder(await f.rows(spendByOrderSql(opts(), f.info)), f.info);
    expect(s).toEqual([
      { orderNumber: 1, label: '1', customers: 4, orders: 4, avgOrderValue: 47.5 },
      { orderNumber: 2, label: '2', customers: 2, orders: 2, avgOrderValue: 30 },
    ]);
    expect(spendCsv(s as SpendByOrder[])).toEqual({ columns: ['order_number', 'customers', 'avg_order_value'], rows: [[1, 4, 47.5], [2, 2, 30]] });
    // From 02-01 on: A's 2nd order (50), C's 1st and 2nd, D's 1st; numbering stays from the first order ever.
    const later = parseSpendByOrder(await f.rows(spendByOrderSql(opts({ dateFrom: '2024-02-01' }), f.info)), f.info);
    expect(later).toEqual([
      { orderNumber: 1, label: '1', customers: 2, orders: 2, avgOrderValue: 35 },
      { orderNumber: 2, label: '2', customers: 2, orders: 2, avgOrderValue: 30 },
    ]);
    await f.c.close();
  });

  it('10th and later orders are grouped; same-day orders follow time then order id', async () => {
    // One customer, 11 orders on one day at 00:00, order ids o01..o11 with amounts 1..11:
    // orders 1..9 → 1..9; "10+" → (10 + 11)/2 = 10.5 over 2 orders.
    const evs = Array.from({ length: 11 }, (_, i) => ({ c: 'solo', t: '2024-02-29', order: `o${String(i + 1).padStart(2, '0')}`, amount: i + 1 }));
    const f = await fixture(evs.reverse(), { hasOrderId: true });
    const s = parseSpendByOrder(await f.rows(spendByOrderSql(opts(), f.info)), f.info) as SpendByOrder[];
    expect(s.map((x) => x.avgOrderValue)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10.5]);
    expect(s.at(-1)).toEqual({ orderNumber: 10, label: '10+', customers: 1, orders: 2, avgOrderValue: 10.5 });
    expect(spendCsv(s).rows.at(-1)).toEqual(['10+', 1, 10.5]);
    await f.c.close();
  });

  it('"10+" counts customers when a date range cuts off their 10th order', async () => {
    // Customer A: 12 orders, one a day from 2024-01-01 (order n on day n, amount n). Customer B:
    // 10 orders on the same days 1..10. From 2024-01-11 on only A's orders 11 and 12 are left:
    // "10+" has 1 customer and 2 orders, though none of them is numbered 10.
    const evs = [
      ...Array.from({ length: 12 }, (_, i) => ({ c: 'A', t: `2024-01-${String(i + 1).padStart(2, '0')}`, amount: i + 1 })),
      ...Array.from({ length: 10 }, (_, i) => ({ c: 'B', t: `2024-01-${String(i + 1).padStart(2, '0')}`, amount: 1 })),
    ];
    const f = await fixture(evs);
    const all = parseSpendByOrder(await f.rows(spendByOrderSql(opts(), f.info)), f.info) as SpendByOrder[];
    // Whole history: A's orders 10–12 and B's 10th → 2 customers, 4 orders, (10 + 11 + 12 + 1) / 4.
    expect(all.at(-1)).toEqual({ orderNumber: 10, label: '10+', customers: 2, orders: 4, avgOrderValue: 8.5 });
    const late = parseSpendByOrder(await f.rows(spendByOrderSql(opts({ dateFrom: '2024-01-11' }), f.info)), f.info) as SpendByOrder[];
    expect(late).toEqual([{ orderNumber: 10, label: '10+', customers: 1, orders: 2, avgOrderValue: 11.5 }]);
    await f.c.close();
  });

  it('without a revenue column', async () => {
    const f = await fixture(SHOP, { hasRevenue: false });
    const s = parseSpendByOrder(await f.rows(spendByOrderSql(opts(), f.info)), f.info);
    expect(s).toEqual({ available: false, reason: 'no revenue column', message: 'not available: no revenue column' });
    expect(spendCsv(s).rows).toEqual([['not available: no revenue column', null, null]]);
    expect(parseSpendByYear(await f.rows(spendByYearSql(opts(), f.info)), f.info)).toMatchObject({ available: false });
    await f.c.close();
  });
});

describe('revenue per customer by year after the first purchase', () => {
  it('counts only customers whose year has fully elapsed', async () => {
    // Data end 2023-07-01. Year k observed when first_day + 365k − 1 <= data end.
    // Year 1 (first day <= 2022-07-02): P (10; its 2023-06-01 is day 365 → year 2), Q 20, T 5 + 5, U 8
    //   → 4 customers, all active, revenue 48 → 12 per customer.
    // Year 2 (first day <= 2021-07-02): T (2022-12-31 is day 729 → year 2: 7), U (nothing) → 2 customers,
    //   1 active, revenue 7 → 3.5 per customer, 7 per active customer.
    const f = await fixture(YEARS);
    const y = parseSpendByYear(await f.rows(spendByYearSql(opts(), f.info)), f.info);
    expect(y).toEqual([
      { year: 1, customers: 4, activeCustomers: 4, revenue: 48, revenuePerCustomer: 12, revenuePerActiveCustomer: 12 },
      { year: 2, customers: 2, activeCustomers: 1, revenue: 7, revenuePerCustomer: 3.5, revenuePerActiveCustomer: 7 },
    ]);
    expect(spendByYearCsv(y).columns).toEqual(['year', 'customers', 'active_customers', 'revenue_per_customer', 'revenue_per_active_customer']);
    await f.c.close();
  });

  it('less than a year of data: no complete year', async () => {
    const f = await fixture(SHOP);
    expect(parseSpendByYear(await f.rows(spendByYearSql(opts(), f.info)), f.info)).toEqual([]);
    await f.c.close();
  });
});

describe.each<[DatasetName]>([['cdnow'], ['grocery']])('spend on %s against an independent computation', (name) => {
  let d: LoadedDataset;
  beforeAll(async () => {
    d = await loadDataset(name);
  });
  afterAll(() => d.c.close());

  it('by purchase number and by year', async () => {
    const t0 = performance.now();
    const s = parseSpendByOrder((await d.c.query(spendByOrderSql(opts(), d.info))), d.info);
    const t1 = performance.now();
    const y = parseSpendByYear((await d.c.query(spendByYearSql(opts(), d.info))), d.info);
    if (name === 'cdnow') console.log(`spendByOrderSql ${(t1 - t0).toFixed(0)} ms, spendByYearSql ${(performance.now() - t1).toFixed(0)} ms on cdnow`);
    if (name === 'grocery') {
      expect(s).toMatchObject({ available: false });
      return expect(y).toMatchObject({ available: false });
    }
    // Orders: each non-refund row, per customer by day, then order id text ('row:N').
    const byCust = new Map<string, { day: string; id: string; amount: number }[]>();
    for (const r of d.rows) {
      if (isRefund(r)) continue;
      const list = byCust.get(r.customer) ?? [];
      list.push({ day: r.day, id: `row:${r.rowNo}`, amount: r.amount ?? 0 });
      byCust.set(r.customer, list);
    }
    const groups = new Map<number, { customers: Set<string>; sum: number; n: number }>();
    for (const [c, list] of byCust) {
      list.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      list.forEach((o, i) => {
        const k = Math.min(i + 1, 10);
        const g = groups.get(k) ?? { customers: new Set(), sum: 0, n: 0 };
        g.customers.add(c);
        g.sum += o.amount;
        g.n++;
        groups.set(k, g);
      });
    }
    const got = s as SpendByOrder[];
    expect(got.map((x) => x.orderNumber)).toEqual([...groups.keys()].sort((a, b) => a - b));
    for (const x of got) {
      const g = groups.get(x.orderNumber)!;
      expect(x.customers).toBe(g.customers.size);
      expect(x.orders).toBe(g.n);
      expect(x.avgOrderValue).toBeCloseTo(g.sum / g.n, 9);
    }
    console.log(`cdnow spend by order: ${got.map((x) => `${x.label}: ${x.avgOrderValue?.toFixed(2)}`).join(', ')}`);

    const { end } = dataRange(d.rows);
    const first = new Map([...activeDays(d.rows)].map(([c, ds]) => [c, ds[0]!]));
    const years: { customers: number; active: Set<string>; revenue: number }[] = [];
    for (let k = 1; ; k++) {
      const obs = [...first].filter(([, f]) => f + 365 * k - 1 <= end);
      if (obs.length === 0) break;
      const set = new Set(obs.map(([c]) => c));
      const yr = { customers: obs.length, active: new Set<string>(), revenue: 0 };
      for (const r of d.rows) {
        if (!set.has(r.customer)) continue;
        if (Math.floor(Math.max(0, dayNum(r.day) - first.get(r.customer)!) / 365) + 1 !== k) continue;
        yr.revenue += r.amount ?? 0;
        if (!isRefund(r)) yr.active.add(r.customer);
      }
      years.push(yr);
    }
    const gy = y as SpendByYear[];
    expect(gy).toHaveLength(years.length);
    expect(gy.length).toBeGreaterThan(0);
    years.forEach((w, i) => {
      expect(gy[i]?.customers).toBe(w.customers);
      expect(gy[i]?.activeCustomers).toBe(w.active.size);
      expect(gy[i]?.revenue).toBeCloseTo(w.revenue, 6);
      expect(gy[i]?.revenuePerCustomer).toBeCloseTo(w.revenue / w.customers, 9);
    });
  });
});
