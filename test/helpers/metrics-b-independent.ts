/**
 * Plain-TypeScript building blocks for the independent side of the metrics-b tests.
 * Works on parsed source rows only; shares no code with the SQL builders.
 */
import type { RawRow } from './metrics-b-data';

const MS_PER_DAY = 86_400_000;

export function dayNum(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isRefund(r: RawRow): boolean {
  return r.amount !== null && r.amount < 0;
}

/** customer → sorted distinct activity days (refund rows are not activity). */
export function activeDays(rows: RawRow[]): Map<string, number[]> {
  const sets = new Map<string, Set<number>>();
  for (const r of rows) {
    if (isRefund(r)) continue;
    let s = sets.get(r.customer);
    if (!s) sets.set(r.customer, (s = new Set()));
    s.add(dayNum(r.day));
  }
  const out = new Map<string, number[]>();
  for (const [c, s] of sets) out.set(c, [...s].sort((a, b) => a - b));
  return out;
}

export function dataRange(rows: RawRow[]): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  for (const r of rows) {
    if (isRefund(r)) continue;
    const d = dayNum(r.day);
    start = Math.min(start, d);
    end = Math.max(end, d);
  }
  return { start, end };
}

/** Last day of each calendar month whose end lies in [start, end]. */
export function monthEnds(start: number, end: number): number[] {
  const out: number[] = [];
  const s = new Date(start * MS_PER_DAY);
  let y = s.getUTCFullYear();
  let m = s.getUTCMonth();
  for (;;) {
    const last = Math.round(Date.UTC(y, m + 1, 1) / MS_PER_DAY) - 1;
    if (last > end) break;
    if (last >= start) out.push(last);
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return out;
}

/** Nearest-rank quantile of sorted values: the smallest v with at least p % of values <= v. */
export function nearestRank(sorted: number[], pct: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((pct * sorted.length) / 100);
  return sorted[Math.max(rank, 1) - 1] ?? null;
}

/** Usual median: mean of the two middle values for an even count. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

export function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}
