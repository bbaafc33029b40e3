import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cohortCellCustomersSql,
  customerListCsv,
  gapCustomersSql,
  lnessCustomersSql,
  listColumns,
  parseCustomerList,
  type ListedCustomer,
} from '../../src/metrics/drilldown';
import { segmentModelSql } from '../../src/metrics/segments';
import type { DatasetInfo } from '../../src/metrics/types';
import { fixture, opts, type Fixture } from '../helpers/metrics-b-fixture';
import { loadDataset, type DatasetName, type LoadedDataset } from '../helpers/metrics-b-data';
import { activeDays, dayNum, isRefund } from '../helpers/metrics-b-independent';

const TABLES = { events: true, subscriptions: false, customerAttrs: false, survey: false };

/** The fixture's `cust` also gets the derived segments, as after a real load. */
async function withSegments(c: { exec(sql: string): Promise<void> }, info: DatasetInfo): Promise<void> {
  for (const s of segmentModelSql(info, TABLES)) await c.exec(s);
}

const ids = (list: ListedCustomer[]) => list.map((c) => c.customerId);

describe('drill-down lists on a hand-worked fixture', () => {
  // 2024. A (web): 5 Jan 10, 20 Jan 20, 10 Feb 30, 2 Apr 40 → 4 orders, 100.
  // B (shop): 15 Jan 60, 1 Mar 50 → 110. C (web): 3, 4, 5 Feb, 5 each → 15.
  // D (no channel): 30 Mar 7, 31 Mar 8 + 9 (two orders, one day) → 3 orders, 24.
  // E (shop): 10 Jan 12, 25 Jan −12 (refund: not activity) → 1 order, revenue 0.
  // Data start 5 Jan, data end 2 Apr. Lists are ordered by revenue: B 110, A 100, D 24, C 15, E 0.
  let f: Fixture;
  const info: DatasetInfo = { hasRevenue: true, hasCost: false, hasOrderId: false, segments: [{ key: 's1', label: 'channel' }] };
  const list = async (sql: string) => parseCustomerList(await f.rows(sql), f.info);
  beforeAll(async () => {
    f = await fixture(
      [
        { c: 'A', t: '2024-01-05', amount: 10, s1: 'web' },
        { c: 'A', t: '2024-01-20', amount: 20, s1: 'web' },
        { c: 'A', t: '2024-02-10', amount: 30, s1: 'web' },
        { c: 'A', t: '2024-04-02', amount: 40, s1: 'web' },
        { c: 'B', t: '2024-01-15', amount: 60, s1: 'shop' },
        { c: 'B', t: '2024-03-01', amount: 50, s1: 'shop' },
        { c: 'C', t: '2024-02-03', amount: 5, s1: 'web' },
        { c: 'C', t: '2024-02-04', amount: 5, s1: 'web' },
        { c: 'C', t: '2024-02-05', amount: 5, s1: 'web' },
        { c: 'D', t: '2024-03-30 10:00:00', amount: 7 },
        { c: 'D', t: '2024-03-31 10:00:00', amount: 8 },
        { c: 'D', t: '2024-03-31 16:00:00', amount: 9 },
        { c: 'E', t: '2024-01-10', amount: 12, s1: 'shop' },
        { c: 'E', t: '2024-01-25', amount: -12, s1: 'shop' },
      ],
      info,
    );
    await withSegments(f.c, f.info);
  });
  afterAll(() => f.c.close());

  it('lists who a customer is: dates, orders, revenue, segments', async () => {
    // Jan cohort at k = 0: A, B, E (first days 5, 15, 10 Jan).
    const l = await list(cohortCellCustomersSql(opts(), '2024-01-01', 0, 'classic', f.info));
    expect(ids(l)).toEqual(['B', 'A', 'E']);
    const [b, a, e] = l;
    expect(b).toMatchObject({ customerId: 'B', firstPurchase: '2024-01-15', lastPurchase: '2024-03-01', orders: 2, revenue: 110 });
    expect(b?.segments.slice(0, 2)).toEqual(['shop', 'Q1 (top 25 %)']);
    expect(b?.segments).toHaveLength(3);
    // Spend tiers by rank of revenue over 5 customers: 1 + 4·(rank − 1) // 5 → E, C: 1 (Q4), D: 2 (Q3), A: 3 (Q2), B: 4 (Q1).
    expect(a?.segments.slice(0, 2)).toEqual(['web', 'Q2 (25-50 %)']);
    expect(a?.orders).toBe(4);
    // E: the refund day is not a purchase; net revenue 12 − 12 = 0.
    expect(e).toMatchObject({ firstPurchase: '2024-01-10', lastPurchase: '2024-01-10', orders: 1, revenue: 0 });
    expect(listColumns(f.info).map((c) => c.key)).toEqual(['s1', 'spend_tier', 'rfm']);
  });

  it('cohort cells: classic, on-or-after and revenue', async () => {
    // Jan cohort {A, B, E}. Feb (k = 1): only A (10 Feb) is active.
    expect(ids(await list(cohortCellCustomersSql(opts(), '2024-01-01', 1, 'classic', f.info)))).toEqual(['A']);
    // On or after Feb: A (Feb, Apr) and B (Mar).
    expect(ids(await list(cohortCellCustomersSql(opts(), '2024-01-01', 1, 'unbounded', f.info)))).toEqual(['B', 'A']);
    // Revenue in Jan: A, B, and E (its refund is revenue, not activity).
    expect(ids(await list(cohortCellCustomersSql(opts(), '2024-01-01', 0, 'revenue', f.info)))).toEqual(['B', 'A', 'E']);
    // Mar cohort {D} at k = 0; Feb cohort {C} has nobody in Mar (k = 1).
    expect(ids(await list(cohortCellCustomersSql(opts(), '2024-03-01', 0, 'classic', f.info)))).toEqual(['D']);
    expect(ids(await list(cohortCellCustomersSql(opts(), '2024-02-01', 1, 'classic', f.info)))).toEqual([]);
    // Quarter grain: Q1 cohort = everyone; Q2 (k = 1) = A (2 Apr).
    expect(ids(await list(cohortCellCustomersSql(opts({ grain: 'quarter' }), '2024-01-01', 1, 'classic', f.info)))).toEqual(['A']);
  });

  it('cohort cells follow the scope: segment filter and date range', async () => {
    const web = opts({ segment: { column: 's1', values: ['web'] } });
    expect(ids(await list(cohortCellCustomersSql(web, '2024-01-01', 1, 'unbounded', f.info)))).toEqual(['A']);
    // From 1 Feb only customers acquired inside the range have a cohort: C (Feb), D (Mar). The Jan cohort is empty.
    const feb = opts({ dateFrom: '2024-02-01' });
    expect(ids(await list(cohortCellCustomersSql(feb, '2024-01-01', 1, 'unbounded', f.info)))).toEqual([]);
    expect(ids(await list(cohortCellCustomersSql(feb, '2024-02-01', 0, 'classic', f.info)))).toEqual(['C']);
  });

  it('Lness bars: exactly d active days in the window', async () => {
    // L7 at data end 2 Apr: [27 Mar, 2 Apr]: A 1 day (2 Apr), D 2 days (30, 31 Mar).
    const l7 = opts({ lnessWindow: 7 });
    expect(ids(await list(lnessCustomersSql(l7, f.info, 1)))).toEqual(['A']);
    expect(ids(await list(lnessCustomersSql(l7, f.info, 2)))).toEqual(['D']);
    expect(ids(await list(lnessCustomersSql(l7, f.info, 3)))).toEqual([]);
    // L28 at 1 Mar: [3 Feb, 1 Mar]: C 3 days, A 1 (10 Feb), B 1 (1 Mar).
    const l28 = opts({ lnessWindow: 28, lnessAnchor: '2024-03-01' });
    expect(ids(await list(lnessCustomersSql(l28, f.info, 1)))).toEqual(['B', 'A']);
    expect(ids(await list(lnessCustomersSql(l28, f.info, 3)))).toEqual(['C']);
    // Within the web segment: A only.
    expect(ids(await list(lnessCustomersSql({ ...l28, segment: { column: 's1', values: ['web'] } }, f.info, 1)))).toEqual(['A']);
    expect(() => lnessCustomersSql(l7, f.info, 8)).toThrow();
  });

  it('time-between-purchases bars: a gap in the range', async () => {
    // Gaps: A 15 (5→20 Jan), 21 (20 Jan→10 Feb), 52 (10 Feb→2 Apr); B 46 (15 Jan→1 Mar);
    // C 1, 1; D 1 (30→31 Mar, one purchase day for the two orders on the 31st); E none.
    expect(ids(await list(gapCustomersSql(opts(), f.info, 1, 1)))).toEqual(['D', 'C']);
    expect(ids(await list(gapCustomersSql(opts(), f.info, 15, 21)))).toEqual(['A']);
    expect(ids(await list(gapCustomersSql(opts(), f.info, 22, 45)))).toEqual([]);
    expect(ids(await list(gapCustomersSql(opts(), f.info, 46, null)))).toEqual(['B', 'A']);
    // From 1 Feb a gap needs both days in range: only A's 52 is left of the long ones.
    expect(ids(await list(gapCustomersSql(opts({ dateFrom: '2024-02-01' }), f.info, 46, null)))).toEqual(['A']);
  });

  it('exports the list with its columns', async () => {
    const l = await list(gapCustomersSql(opts(), f.info, 1, 1));
    const csv = customerListCsv(l, f.info);
    expect(csv.columns).toEqual(['customer_id', 'first_purchase', 'last_purchase', 'orders', 'revenue', 'channel', 'spend_tier', 'rfm']);
    expect(csv.rows[0]?.slice(0, 6)).toEqual(['D', '2024-03-30', '2024-03-31', 3, 24, '(empty)']);
  });

  it('without revenue: no revenue, no spend tier', async () => {
    const g = await fixture([{ c: 'X', t: '2024-01-01' }, { c: 'X', t: '2024-01-03' }], { hasRevenue: false });
    await withSegments(g.c, g.info);
    const l = parseCustomerList(await g.rows(gapCustomersSql(opts(), g.info, 2, 2)), g.info);
    expect(l).toHaveLength(1);
    expect(l[0]).toMatchObject({ customerId: 'X', firstPurchase: '2024-01-01', lastPurchase: '2024-01-03', orders: 2, revenue: null });
    expect(l[0]?.segments).toHaveLength(1);
    expect(customerListCsv(l, g.info).columns).toEqual(['customer_id', 'first_purchase', 'last_purchase', 'orders', 'revenue', 'rfm']);
    await g.c.close();
  });
});

/** Plain-TypeScript month index of an ISO day: months since year 0. */
function monthOf(day: number): number {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

describe.each<DatasetName>(['cdnow', 'grocery'])('drill-down lists on %s, checked independently', (name) => {
  let ds: LoadedDataset;
  let days: Map<string, number[]>;
  let end: number;
  beforeAll(async () => {
    ds = await loadDataset(name);
    await withSegments(ds.c, ds.info);
    days = activeDays(ds.rows);
    end = Math.max(...[...days.values()].map((d) => d[d.length - 1] ?? -Infinity));
  }, 120_000);
  afterAll(() => ds.c.close());

  const run = async (sql: string) => parseCustomerList((await ds.c.query(sql)), ds.info);
  const sorted = (xs: Iterable<string>) => [...xs].sort();

  it('Lness lists hold the customers with exactly d days in the window', async () => {
    for (const d of [1, 2, 4]) {
      const expected = [...days].filter(([, ds_]) => ds_.filter((x) => x > end - 28 && x <= end).length === d).map(([c]) => c);
      const got = await run(lnessCustomersSql(opts({ lnessWindow: 28 }), ds.info, d));
      expect(sorted(ids(got))).toEqual(sorted(expected));
    }
  });

  it('gap lists hold the customers with a gap in the range', async () => {
    for (const [from, to] of [[1, 7], [30, 60], [200, null]] as const) {
      const expected = [...days]
        .filter(([, ds_]) => ds_.some((x, i) => i > 0 && x - (ds_[i - 1] ?? x) >= from && (to === null || x - (ds_[i - 1] ?? x) <= to)))
        .map(([c]) => c);
      const got = await run(gapCustomersSql(opts(), ds.info, from, to));
      expect(sorted(ids(got))).toEqual(sorted(expected));
    }
  });

  it('cohort lists hold the first-month cohort active k months later, with their orders and revenue', async () => {
    const firstMonth = Math.min(...[...days.values()].map((d) => monthOf(d[0] ?? 0)));
    const y = Math.floor(firstMonth / 12);
    const m = (firstMonth % 12) + 1;
    const cohort = `${y}-${String(m).padStart(2, '0')}-01`;
    for (const k of [1, 3]) {
      const members = [...days].filter(([, d]) => monthOf(d[0] ?? 0) === firstMonth);
      const classic = members.filter(([, d]) => d.some((x) => monthOf(x) === firstMonth + k)).map(([c]) => c);
      const unbounded = members.filter(([, d]) => d.some((x) => monthOf(x) >= firstMonth + k)).map(([c]) => c);
      const gotClassic = await run(cohortCellCustomersSql(opts(), cohort, k, 'classic', ds.info));
      expect(sorted(ids(gotClassic))).toEqual(sorted(classic));
      expect(sorted(ids(await run(cohortCellCustomersSql(opts(), cohort, k, 'unbounded', ds.info))))).toEqual(sorted(unbounded));
      // Orders (rows, no order id) and revenue per listed customer, summed from the raw rows.
      const orders = new Map<string, number>();
      const revenue = new Map<string, number>();
      for (const r of ds.rows) {
        if (!isRefund(r)) orders.set(r.customer, (orders.get(r.customer) ?? 0) + 1);
        if (r.amount !== null) revenue.set(r.customer, (revenue.get(r.customer) ?? 0) + r.amount);
      }
      for (const c of gotClassic.slice(0, 50)) {
        expect(c.orders).toBe(orders.get(c.customerId));
        if (ds.info.hasRevenue) expect(c.revenue).toBeCloseTo(revenue.get(c.customerId) ?? 0, 6);
        else expect(c.revenue).toBeNull();
        expect(dayNum(c.firstPurchase)).toBe(days.get(c.customerId)?.[0]);
      }
    }
  });
});
