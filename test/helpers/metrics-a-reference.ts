/**
 * Independent computations of the cohort, activity-window, CRR and lifecycle metrics,
 * written plainly in TypeScript over parsed rows, straight from the definitions in the
 * metrics contract (no SQL, no shared code with src/metrics). Dates are whole UTC days.
 */
import type { Grain, WeekStart } from '../../src/metrics/types';
import type { ActivityRow, SubscriptionRow } from './metrics-a-data';

const DAY_MS = 86_400_000;

export function dayNum(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function ymd(day: number): [number, number] {
  const t = new Date(day * DAY_MS);
  return [t.getUTCFullYear(), t.getUTCMonth()];
}

/** First day of the period holding `day`. */
export function periodOf(grain: Grain, weekStart: WeekStart, day: number): number {
  const [y, m] = ymd(day);
  switch (grain) {
    case 'day':
      return day;
    case 'week': {
      const wd = new Date(day * DAY_MS).getUTCDay(); // 0 = Sunday
      return weekStart === 'sunday' ? day - wd : day - ((wd + 6) % 7);
    }
    case 'month':
      return Date.UTC(y, m, 1) / DAY_MS;
    case 'quarter':
      return Date.UTC(y, m - (m % 3), 1) / DAY_MS;
    case 'year':
      return Date.UTC(y, 0, 1) / DAY_MS;
  }
}

/** First day of the period after the one starting at `start`. */
export function nextPeriod(grain: Grain, start: number): number {
  const [y, m] = ymd(start);
  switch (grain) {
    case 'day':
      return start + 1;
    case 'week':
      return start + 7;
    case 'month':
      return Date.UTC(y, m + 1, 1) / DAY_MS;
    case 'quarter':
      return Date.UTC(y, m + 3, 1) / DAY_MS;
    case 'year':
      return Date.UTC(y + 1, 0, 1) / DAY_MS;
  }
}

/** All period starts from the period of `from` through the period of `to`. */
export function periodsBetween(grain: Grain, weekStart: WeekStart, from: number, to: number): number[] {
  const out: number[] = [];
  for (let p = periodOf(grain, weekStart, from); p <= to; p = nextPeriod(grain, p)) out.push(p);
  return out;
}

export interface CustomerDays {
  /** Sorted distinct activity days (refund-only days excluded). */
  days: number[];
  /** Day → net revenue that day (refunds included). */
  revenue: Map<number, number>;
  first: number;
}

/** Per customer: activity days and revenue per day. Negative amounts are refunds: revenue, not activity. */
export function byCustomer(rows: ActivityRow[]): Map<string, CustomerDays> {
  const acc = new Map<string, { days: Set<number>; revenue: Map<number, number> }>();
  for (const r of rows) {
    const d = dayNum(r.day);
    let c = acc.get(r.customer);
    if (!c) acc.set(r.customer, (c = { days: new Set(), revenue: new Map() }));
    if (r.amount === null || r.amount >= 0) c.days.add(d);
    if (r.amount !== null) c.revenue.set(d, (c.revenue.get(d) ?? 0) + r.amount);
  }
  const out = new Map<string, CustomerDays>();
  for (const [id, c] of acc) {
    if (c.days.size === 0) continue;
    const days = [...c.days].sort((x, y) => x - y);
    out.set(id, { days, revenue: c.revenue, first: days[0] as number });
  }
  return out;
}

function dataEnd(custs: Map<string, CustomerDays>): number {
  let end = -Infinity;
  for (const c of custs.values()) end = Math.max(end, c.days[c.days.length - 1] as number);
  return end;
}

function dataStart(custs: Map<string, CustomerDays>): number {
  let start = Infinity;
  for (const c of custs.values()) start = Math.min(start, c.first);
  return start;
}

export interface RefCell {
  cohort: string;
  offset: number;
  size: number;
  active: number;
  unboundedActive: number;
  revenue: number | null;
  complete: boolean;
}

/** Cohort cells, by counting each customer's periods directly. */
export function refCohorts(rows: ActivityRow[], grain: Grain, weekStart: WeekStart): RefCell[] {
  const hasRevenue = rows.some((r) => r.amount !== null);
  const custs = byCustomer(rows);
  const end = dataEnd(custs);
  const endPeriod = periodOf(grain, weekStart, end);
  const cohorts = new Map<number, CustomerDays[]>();
  for (const c of custs.values()) {
    const p = periodOf(grain, weekStart, c.first);
    const list = cohorts.get(p) ?? [];
    list.push(c);
    cohorts.set(p, list);
  }
  const cells: RefCell[] = [];
  for (const cohort of [...cohorts.keys()].sort((x, y) => x - y)) {
    const members = cohorts.get(cohort) ?? [];
    let offset = 0;
    for (let p = cohort; p <= endPeriod; p = nextPeriod(grain, p), offset++) {
      const next = nextPeriod(grain, p);
      let active = 0;
      let unbounded = 0;
      let revenue = 0;
      for (const m of members) {
        if (m.days.some((d) => d >= p && d < next)) active++;
        if (m.days.some((d) => d >= p)) unbounded++;
        for (const [d, v] of m.revenue) if (d >= p && d < next) revenue += v;
      }
      cells.push({
        cohort: isoOf(cohort),
        offset,
        size: members.length,
        active,
        unboundedActive: unbounded,
        revenue: hasRevenue ? revenue : null,
        complete: next - 1 <= end,
      });
    }
  }
  return cells;
}

/** W by the contract: nearest-rank p90 of consecutive-day gaps, at least 7, 365 without repeats. */
export function refActivityWindow(rows: ActivityRow[]): { days: number; gaps: number; p90: number | null } {
  const gaps: number[] = [];
  for (const c of byCustomer(rows).values()) {
    for (let i = 1; i < c.days.length; i++) gaps.push((c.days[i] as number) - (c.days[i - 1] as number));
  }
  if (gaps.length === 0) return { days: 365, gaps: 0, p90: null };
  gaps.sort((x, y) => x - y);
  const rank = Math.ceil(0.9 * gaps.length); // nearest rank, 1-based
  const p90 = gaps[rank - 1] as number;
  return { days: Math.max(p90, 7), gaps: gaps.length, p90 };
}

export interface RefCrr {
  periodStart: string;
  periodEnd: string;
  s: number;
  e: number;
  n: number;
  retained: number;
  churned: number;
  reactivated: number;
}

function anyIn(days: number[], lo: number, hi: number): boolean {
  // binary search for the first day >= lo
  let a = 0;
  let b = days.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if ((days[mid] as number) < lo) a = mid + 1;
    else b = mid;
  }
  return a < days.length && (days[a] as number) <= hi;
}

/** Builds the sets S, E, N for each complete period after the first and counts them. */
function crrFromSets(
  periods: number[],
  grain: Grain,
  end: number,
  ids: string[],
  inS: (id: string, d0: number) => boolean,
  inE: (id: string, d1: number) => boolean,
  isNew: (id: string, d0: number, d1: number) => boolean,
): RefCrr[] {
  const out: RefCrr[] = [];
  for (const d0 of periods.slice(1)) {
    const d1 = nextPeriod(grain, d0) - 1;
    if (d1 > end) break;
    const S = new Set(ids.filter((id) => inS(id, d0)));
    const E = new Set(ids.filter((id) => inE(id, d1)));
    const N = new Set(ids.filter((id) => isNew(id, d0, d1)));
    let retained = 0;
    let reactivated = 0;
    for (const id of E) {
      if (S.has(id)) retained++;
      else if (!N.has(id)) reactivated++;
    }
    out.push({
      periodStart: isoOf(d0),
      periodEnd: isoOf(d1),
      s: S.size,
      e: E.size,
      n: N.size,
      retained,
      churned: S.size - retained,
      reactivated,
    });
  }
  return out;
}

/** CRR from activity rows, day-exact with window W. */
export function refCrr(rows: ActivityRow[], grain: Grain, weekStart: WeekStart, w: number): RefCrr[] {
  const custs = byCustomer(rows);
  const end = dataEnd(custs);
  const periods = periodsBetween(grain, weekStart, dataStart(custs), end);
  const get = (id: string) => custs.get(id) as CustomerDays;
  return crrFromSets(
    periods,
    grain,
    end,
    [...custs.keys()],
    (id, d0) => anyIn(get(id).days, d0 - w, d0 - 1),
    (id, d1) => anyIn(get(id).days, d1 - w + 1, d1),
    (id, d0, d1) => get(id).first >= d0 && get(id).first <= d1,
  );
}

/** CRR from subscriptions: active on D when start <= D < end (no end = open). */
export function refCrrSubscriptions(subs: SubscriptionRow[], grain: Grain, weekStart: WeekStart): RefCrr[] {
  const per = new Map<string, { start: number; end: number | null }[]>();
  let start = Infinity;
  let end = -Infinity;
  for (const r of subs) {
    const s = dayNum(r.start);
    const e = r.end === null ? null : dayNum(r.end);
    per.set(r.customer, [...(per.get(r.customer) ?? []), { start: s, end: e }]);
    start = Math.min(start, s);
    end = Math.max(end, s, e ?? -Infinity);
  }
  const activeOn = (id: string, d: number) => (per.get(id) ?? []).some((x) => x.start <= d && (x.end === null || x.end > d));
  const firstStart = (id: string) => Math.min(...(per.get(id) ?? []).map((x) => x.start));
  return crrFromSets(
    periodsBetween(grain, weekStart, start, end),
    grain,
    end,
    [...per.keys()],
    (id, d0) => activeOn(id, d0 - 1),
    (id, d1) => activeOn(id, d1),
    (id, d0, d1) => firstStart(id) >= d0 && firstStart(id) <= d1,
  );
}

export interface RefLifecycle {
  periodStart: string;
  new: number;
  returning: number;
  resurrecting: number;
  dormant: number;
  complete: boolean;
}

/** Lifecycle per period: classify each customer by activity in this and the previous period. */
/**
 * With a date range, only activity inside it is seen, while a customer's first activity stays
 * their first ever (so a customer acquired before the range is never new inside it).
 */
export function refLifecycle(rows: ActivityRow[], grain: Grain, weekStart: WeekStart, range: { from?: string; to?: string } = {}): RefLifecycle[] {
  const all = byCustomer(rows);
  const lo = range.from ? dayNum(range.from) : -Infinity;
  const hi = range.to ? dayNum(range.to) : Infinity;
  const custs = new Map<string, CustomerDays>();
  for (const [id, c] of all) {
    const days = c.days.filter((d) => d >= lo && d <= hi);
    if (days.length) custs.set(id, { ...c, days });
  }
  const end = dataEnd(custs);
  let start = Infinity;
  for (const c of custs.values()) start = Math.min(start, c.days[0] as number);
  const periods = periodsBetween(grain, weekStart, start, end);
  const activeIn = new Map<string, Set<number>>();
  for (const [id, c] of custs) activeIn.set(id, new Set(c.days.map((d) => periodOf(grain, weekStart, d))));
  return periods.map((p, i) => {
    const prev = i > 0 ? (periods[i - 1] as number) : null;
    const row: RefLifecycle = { periodStart: isoOf(p), new: 0, returning: 0, resurrecting: 0, dormant: 0, complete: nextPeriod(grain, p) - 1 <= end };
    for (const [id, set] of activeIn) {
      const now = set.has(p);
      const before = prev !== null && set.has(prev);
      const first = periodOf(grain, weekStart, (custs.get(id) as CustomerDays).first);
      if (now && first === p) row.new++;
      else if (now && before) row.returning++;
      else if (now) row.resurrecting++;
      else if (before) row.dormant++;
    }
    return row;
  });
}
