/**
 * A second, plain-TypeScript computation of the segment KPI table, written from the
 * spec and not from the SQL, for cross-checks on generated and real data.
 */
import { dayNo, isoOf } from './seg-data';

export interface RefRow {
  rowNo: number;
  c: string;
  day: string;
  order: string;
  amount: number | null;
  refund: boolean;
  seg: string | null;
}

export interface RefOptions {
  grain: 'month' | 'week';
  w: number;
  hasRevenue: boolean;
  dateFrom?: string;
  dateTo?: string;
  /** customer → override value (customers file), blank = no override */
  override?: Map<string, string>;
}

export interface RefKpi {
  segment: string;
  customers: number;
  repeatRate: number;
  crrLast: number | null;
  gapMedianDays: number | null;
  clvMean: number | null;
}

const clean = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? null : v.trim());

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const a = [...xs].sort((x, y) => x - y);
  const m = Math.floor(a.length / 2);
  return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}

function periodStartOf(grain: 'month' | 'week', d: number): number {
  if (grain === 'week') return d - ((new Date(d * 86_400_000).getUTCDay() + 6) % 7);
  return dayNo(isoOf(d).slice(0, 8) + '01');
}

function nextPeriod(grain: 'month' | 'week', start: number): number {
  if (grain === 'week') return start + 7;
  const iso = isoOf(start);
  const y = +iso.slice(0, 4);
  const m = +iso.slice(5, 7);
  return Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) / 86_400_000;
}

function prevPeriod(grain: 'month' | 'week', start: number): number {
  return periodStartOf(grain, start - 1);
}

export function referenceKpis(all: RefRow[], o: RefOptions): RefKpi[] {
  // Segment = value on the first non-refund row (by day, then row number), overridden by the customers file.
  const first = new Map<string, RefRow>();
  const firstDay = new Map<string, number>();
  for (const r of all) {
    if (r.refund) continue;
    const f = first.get(r.c);
    if (!f || r.day < f.day || (r.day === f.day && r.rowNo < f.rowNo)) first.set(r.c, r);
  }
  for (const [c, r] of first) firstDay.set(c, dayNo(r.day));
  const segOf = (c: string) => clean(o.override?.get(c)) ?? clean(first.get(c)?.seg) ?? '(empty)';

  const from = o.dateFrom ? dayNo(o.dateFrom) : -Infinity;
  const to = o.dateTo ? dayNo(o.dateTo) : Infinity;
  const rows = all.filter((r) => first.has(r.c) && dayNo(r.day) >= from && dayNo(r.day) <= to);

  const days = new Map<string, Set<number>>();
  const orderDay = new Map<string, Map<string, number>>();
  const revenue = new Map<string, number>();
  for (const r of rows) {
    const d = dayNo(r.day);
    revenue.set(r.c, (revenue.get(r.c) ?? 0) + (r.amount ?? 0));
    if (r.refund) continue;
    if (!days.has(r.c)) days.set(r.c, new Set());
    days.get(r.c)!.add(d);
    if (!orderDay.has(r.c)) orderDay.set(r.c, new Map());
    const od = orderDay.get(r.c)!;
    od.set(r.order, Math.min(od.get(r.order) ?? Infinity, d));
  }
  let dataStart = Infinity;
  let dataEnd = -Infinity;
  for (const ds of days.values()) for (const d of ds) {
    dataStart = Math.min(dataStart, d);
    dataEnd = Math.max(dataEnd, d);
  }

  // The last complete period, if it is not the first one.
  let d0: number | null = periodStartOf(o.grain, dataEnd);
  if (nextPeriod(o.grain, d0) - 1 > dataEnd) d0 = prevPeriod(o.grain, d0);
  if (d0 <= periodStartOf(o.grain, dataStart)) d0 = null;
  const d1 = d0 === null ? null : nextPeriod(o.grain, d0) - 1;

  const groups = new Map<string, string[]>();
  for (const c of days.keys()) {
    const s = segOf(c);
    if (!groups.has(s)) groups.set(s, []);
    groups.get(s)!.push(c);
  }
  const out: RefKpi[] = [];
  for (const [segment, cs] of groups) {
    let repeaters = 0;
    let rev = 0;
    const gaps: number[] = [];
    let sN = 0;
    let eN = 0;
    let nN = 0;
    for (const c of cs) {
      const orders = [...orderDay.get(c)!.values()].length;
      if (orders >= 2) repeaters++;
      rev += revenue.get(c) ?? 0;
      const ds = [...days.get(c)!].sort((a, b) => a - b);
      for (let i = 1; i < ds.length; i++) gaps.push(ds[i]! - ds[i - 1]!);
      if (d0 !== null && d1 !== null) {
        if (ds.some((d) => d >= d0 - o.w && d <= d0 - 1)) sN++;
        if (ds.some((d) => d >= d1 - o.w + 1 && d <= d1)) eN++;
        const fd = firstDay.get(c)!;
        if (fd >= d0 && fd <= d1) nN++;
      }
    }
    out.push({
      segment,
      customers: cs.length,
      repeatRate: repeaters / cs.length,
      crrLast: d0 !== null && sN > 0 ? (eN - nN) / sN : null,
      gapMedianDays: median(gaps),
      clvMean: o.hasRevenue ? rev / cs.length : null,
    });
  }
  return out.sort((a, b) => b.customers - a.customers || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));
}
