import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpisCsv, kpisSql, parseKpis, type KpiInputs, type KpiMoney } from '../../src/metrics/kpis';
import { loadDataset, type DatasetName, type LoadedDataset } from '../helpers/metrics-b-data';
import { fixture, opts } from '../helpers/metrics-b-fixture';
import { activeDays, isRefund, mean, median, nearestRank } from '../helpers/metrics-b-independent';
import { SHOP } from '../helpers/metrics-b-value';

const INPUTS: KpiInputs = { activityWindowDays: 30, rowsRead: 8, rowsNotRead: 1, rowsWithoutCustomer: 0, refundRows: 1, refundTotal: -30 };

describe('kpis on the SHOP fixture', () => {
  it('one query, every scalar', async () => {
    // Customers A, B, C, D; orders A 2, B 1, C 2 (same day), D 1 = 6 → 1.5 per customer; 2+ orders: A, C → 0.5.
    // Visit frequency: A 2 days over 01-10..02-15 = 37 days → 2·30.4375/37; B, C, D → 1. Mean over 4.
    // Gaps: only A's 01-10 → 02-15 = 36 days (C's orders share a day): all quantiles 36, mean 36.
    // Revenue 220; CLV mean 55, median 40. Top-k with 4 customers is always 1 customer (A, 120) → 120/220.
    const f = await fixture(SHOP);
    const k = parseKpis(await f.rows(kpisSql(opts(), f.info)), f.info);
    expect(k).toMatchObject({ customers: 4, orders: 6, repeatRate: 0.5, ordersPerCustomer: 1.5, gaps: 1, gapMedianDays: 36, gapP25Days: 36, gapP75Days: 36, gapP90Days: 36, gapMeanDays: 36 });
    expect(k.visitFrequency).toBeCloseTo((60.875 / 37 + 3) / 4, 12);
    const share = 120 / 220;
    expect(k.money).toEqual({ available: true, revenue: 220, clvMean: 55, clvMedian: 40, top1Share: share, top3Share: share, top10Share: share, top20Share: share });
    const csv = kpisCsv(k, INPUTS);
    expect(csv.columns).toEqual(['metric', 'value']);
    expect(csv.rows.map((r) => r[0])).toEqual([
      'customers', 'orders', 'revenue', 'repeat_rate', 'orders_per_customer', 'visit_frequency',
      'gap_median_days', 'gap_p25_days', 'gap_p75_days', 'gap_mean_days', 'clv_mean', 'clv_median',
      'top1_share', 'top3_share', 'top10_share', 'top20_share', 'activity_window_days', 'rows_read',
      'rows_not_read', 'rows_without_customer', 'refund_rows', 'refund_total',
    ]);
    const byName = new Map(csv.rows.map((r) => [r[0], r[1]]));
    expect(byName.get('revenue')).toBe(220);
    expect(byName.get('refund_total')).toBe(-30);
    expect(byName.get('activity_window_days')).toBe(30);
    await f.c.close();
  });

  it('without the top shares: the same figures, shares null', async () => {
    const f = await fixture(SHOP);
    const full = parseKpis(await f.rows(kpisSql(opts(), f.info)), f.info);
    const sql = kpisSql(opts(), f.info, { shares: false });
    expect(sql).not.toContain('ranked');
    const light = parseKpis(await f.rows(sql), f.info);
    expect(light.money).toMatchObject({ top1Share: null, top3Share: null, top10Share: null, top20Share: null });
    const money = (k: typeof full) => (k.money.available ? { ...k.money, top1Share: 0, top3Share: 0, top10Share: 0, top20Share: 0 } : k.money);
    expect({ ...light, money: money(light) }).toEqual({ ...full, money: money(full) });
    expect(full.money).toMatchObject({ top1Share: 120 / 220 });
    await f.c.close();
  });

  it('without a revenue column the money rows say so', async () => {
    const f = await fixture(SHOP, { hasRevenue: false });
    const k = parseKpis(await f.rows(kpisSql(opts(), f.info)), f.info);
    expect(k.money).toEqual({ available: false, reason: 'no revenue column', message: 'not available: no revenue column' });
    expect(k.customers).toBe(4);
    const byName = new Map(kpisCsv(k, { ...INPUTS, refundTotal: null }).rows.map((r) => [r[0], r[1]]));
    for (const m of ['revenue', 'clv_mean', 'clv_median', 'top1_share', 'top3_share', 'top10_share', 'top20_share', 'refund_total'])
      expect(byName.get(m)).toBe('not available: no revenue column');
    expect(byName.get('repeat_rate')).toBe(0.5);
    await f.c.close();
  });

  it('single customer, single day: no gaps, nulls not zeros', async () => {
    const f = await fixture([{ c: 'solo', t: '2024-02-29', amount: 9 }]);
    const k = parseKpis(await f.rows(kpisSql(opts(), f.info)), f.info);
    expect(k).toMatchObject({ customers: 1, orders: 1, repeatRate: 0, gaps: 0, gapMedianDays: null, gapMeanDays: null, visitFrequency: 1 });
    expect(k.money).toMatchObject({ revenue: 9, clvMean: 9, clvMedian: 9, top1Share: 1 });
    await f.c.close();
  });
});

describe.each<[DatasetName]>([['cdnow'], ['grocery']])('kpis on %s against an independent computation', (name) => {
  let d: LoadedDataset;
  beforeAll(async () => {
    d = await loadDataset(name);
  });
  afterAll(() => d.c.close());

  it('matches', async () => {
    const t0 = performance.now();
    const k = parseKpis((await d.c.query(kpisSql(opts(), d.info))), d.info);
    if (name === 'cdnow') console.log(`kpisSql on cdnow: ${(performance.now() - t0).toFixed(0)} ms`);
    const days = activeDays(d.rows);
    const orders = new Map<string, number>();
    const rev = new Map<string, number>();
    for (const r of d.rows) {
      if (!isRefund(r)) orders.set(r.customer, (orders.get(r.customer) ?? 0) + 1);
      rev.set(r.customer, (rev.get(r.customer) ?? 0) + (r.amount ?? 0));
    }
    const gaps: number[] = [];
    for (const ds of days.values()) for (let i = 1; i < ds.length; i++) gaps.push(ds[i]! - ds[i - 1]!);
    gaps.sort((a, b) => a - b);
    const n = days.size;
    const totalOrders = [...orders.values()].reduce((a, b) => a + b, 0);
    expect(k.customers).toBe(n);
    expect(k.orders).toBe(totalOrders);
    expect(k.repeatRate).toBeCloseTo([...orders.values()].filter((x) => x >= 2).length / n, 12);
    expect(k.ordersPerCustomer).toBeCloseTo(totalOrders / n, 12);
    expect(k.visitFrequency).toBeCloseTo(mean([...days.values()].map((ds) => ds.length / Math.max(1, (ds.at(-1)! - ds[0]! + 1) / 30.4375)))!, 9);
    expect(k.gapMedianDays).toBe(nearestRank(gaps, 50));
    expect(k.gapP25Days).toBe(nearestRank(gaps, 25));
    expect(k.gapP75Days).toBe(nearestRank(gaps, 75));
    expect(k.gapMeanDays).toBeCloseTo(mean(gaps)!, 9);
    if (name === 'grocery') return expect(k.money).toMatchObject({ available: false, reason: 'no revenue column' });
    const values = [...days.keys()].map((c) => rev.get(c)!);
    const desc = [...values].sort((a, b) => b - a);
    const total = desc.reduce((a, b) => a + b, 0);
    const m = k.money as KpiMoney;
    expect(m.revenue).toBeCloseTo(total, 6);
    expect(m.clvMean).toBeCloseTo(mean(values)!, 9);
    expect(m.clvMedian).toBeCloseTo(median(values)!, 9);
    const top = (p: number) => desc.slice(0, Math.ceil((p * n) / 100)).reduce((a, b) => a + b, 0) / total;
    expect(m.top1Share).toBeCloseTo(top(1), 9);
    expect(m.top3Share).toBeCloseTo(top(3), 9);
    expect(m.top10Share).toBeCloseTo(top(10), 9);
    expect(m.top20Share).toBeCloseTo(top(20), 9);
    console.log(`cdnow kpis: ${JSON.stringify(k)}`);
  });
});
