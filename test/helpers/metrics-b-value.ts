/** Shared value fixtures for the metrics-b value, concentration and spend tests. */
import type { Ev } from './metrics-b-fixture';

/** 4 customers, first-activity channel in s1, one refund, costs; worked numbers in value.test.ts. */
export const SHOP: Ev[] = [
  { c: 'A', t: '2024-01-10', amount: 100, cost: 60, s1: 'web' },
  { c: 'A', t: '2024-02-15', amount: 50, cost: 20, s1: 'shop' }, // segment stays 'web' (first activity)
  { c: 'A', t: '2024-03-01', amount: -30, cost: 0 }, // refund: revenue −30, not activity
  { c: 'B', t: '2024-01-20', amount: 20, cost: 10, s1: 'shop' },
  { c: 'C', t: '2024-02-03 10:00:00', amount: 40, cost: 30, s1: 'web' },
  { c: 'C', t: '2024-02-03 12:00:00', amount: 10, cost: 5, s1: 'web' }, // same-day second order
  { c: 'D', t: '2024-03-05', amount: 30, cost: 15, s1: 'shop' },
];

export const SHOP_SEGMENTS = [{ key: 's1', label: 'channel' }];

/** More than a year of data, for yearly churn and years after the first purchase. */
export const YEARS: Ev[] = [
  { c: 'P', t: '2022-06-01', amount: 10 },
  { c: 'P', t: '2023-06-01', amount: 10 },
  { c: 'Q', t: '2022-07-01', amount: 20 },
  { c: 'R', t: '2023-03-01', amount: 30 },
  { c: 'R', t: '2023-07-01', amount: 30 },
  { c: 'S', t: '2023-06-30', amount: 40 },
  { c: 'T', t: '2021-01-01', amount: 5 },
  { c: 'T', t: '2021-06-01', amount: 5 },
  { c: 'T', t: '2022-12-31', amount: 7 },
  { c: 'U', t: '2021-03-01', amount: 8 },
];

/** YEARS with every cost at half the amount. */
export const YEARS_HALF_COST: Ev[] = YEARS.map((e) => ({ ...e, cost: (e.amount ?? 0) / 2 }));
