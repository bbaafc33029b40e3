import { describe, expect, it } from 'vitest';
import { change, headline, headlinePeriods } from '../../src/metrics/headline';
import type { CrrPeriod } from '../../src/metrics/crr';
import type { Kpis } from '../../src/metrics/kpis';

const period = (start: string, end: string, crr: number | null, churn: number | null): CrrPeriod => ({
  periodStart: start,
  periodEnd: end,
  customersStart: 100,
  customersEnd: 100,
  new: 10,
  retained: 80,
  churned: 20,
  reactivated: 0,
  newInEnd: 10,
  crr,
  churnRate: churn,
});

const kpis = (customers: number, repeatRate: number, clvMean: number | null): Kpis => ({
  customers,
  orders: customers * 2,
  repeatRate,
  ordersPerCustomer: 2,
  visitFrequency: 1,
  gaps: 10,
  gapMedianDays: 30,
  gapP25Days: 10,
  gapP75Days: 60,
  gapP90Days: 90,
  gapMeanDays: 35,
  money:
    clvMean === null
      ? { available: false, reason: 'no revenue column', message: 'not available: no revenue column' }
      : { available: true, revenue: 1, clvMean, clvMedian: 1, top1Share: 0.1, top3Share: 0.2, top10Share: 0.4, top20Share: 0.6 },
});

describe('KPI strip', () => {
  it('takes the last two complete periods that have a CRR', () => {
    const periods = [period('2024-01-01', '2024-01-31', null, null), period('2024-02-01', '2024-02-29', 0.9, 0.2), period('2024-03-01', '2024-03-31', 0.8, 0.25)];
    const p = headlinePeriods(periods);
    expect(p?.last.periodStart).toBe('2024-03-01');
    expect(p?.previous?.periodStart).toBe('2024-02-01');
    expect(headlinePeriods([period('2024-01-01', '2024-01-31', null, null)])).toBeNull();
  });

  it('pairs each figure with its previous value and computes changes', () => {
    const p = headlinePeriods([period('2024-02-01', '2024-02-29', 0.9, 0.2), period('2024-03-01', '2024-03-31', 0.8, 0.25)]);
    if (!p) throw new Error('no periods');
    const months = [
      { month: '2024-02-01', dauAvg: 1, wauAvg: 2, mau: 10, dauMau: 0.1, wauMau: 0.2, complete: true },
      { month: '2024-03-01', dauAvg: 1.5, wauAvg: 2, mau: 10, dauMau: 0.15, wauMau: 0.2, complete: true },
      { month: '2024-04-01', dauAvg: 9, wauAvg: 9, mau: 10, dauMau: 0.9, wauMau: 0.9, complete: false },
    ];
    const h = headline(p, kpis(120, 0.5, 80), kpis(100, 0.4, null), months);
    const byKey = Object.fromEntries(h.map((k) => [k.key, k]));
    expect(byKey.customers).toMatchObject({ value: 120, previous: 100 });
    expect(byKey.crr).toMatchObject({ value: 0.8, previous: 0.9 });
    expect(byKey.churn).toMatchObject({ value: 0.25, previous: 0.2, higherIsBetter: false });
    // The incomplete April is skipped: March vs February.
    expect(byKey.dauMau).toMatchObject({ value: 0.15, previous: 0.1 });
    expect(byKey.clv).toMatchObject({ value: 80, previous: null });
    expect(change(byKey.customers!)).toEqual({ kind: 'relative', value: 0.2 });
    expect(change(byKey.crr!)?.kind).toBe('points');
    expect(change(byKey.crr!)?.value).toBeCloseTo(-0.1, 12);
    expect(change(byKey.clv!)).toBeNull();
  });
});
