/**
 * UTC offsets of an IANA time zone, as a small table for SQL. DuckDB-WASM has no
 * ICU (no AT TIME ZONE), so the offsets come from the browser's Intl: the zone's
 * offset is probed every week across the data's range and each change is narrowed
 * to the minute. SQL then finds a value's offset with an ASOF join on `from_utc`.
 */
import { lit } from '../../metrics/sql';

export interface OffsetSpan {
  /** First instant (UTC, ms since epoch) from which `offsetMinutes` applies. */
  fromUtcMs: number;
  offsetMinutes: number;
}

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes east of UTC in `timeZone` at the instant `utcMs`. */
export function offsetAt(timeZone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  const whole = Math.floor(utcMs / 1000) * 1000;
  return Math.round((wall - whole) / MINUTE);
}

/** Offset spans covering [fromMs, toMs]; the first span is extended back to the start of time. */
export function offsetSpans(timeZone: string, fromMs: number, toMs: number): OffsetSpan[] {
  const start = Math.floor(fromMs / MINUTE) * MINUTE - WEEK;
  const spans: OffsetSpan[] = [{ fromUtcMs: Number.MIN_SAFE_INTEGER, offsetMinutes: offsetAt(timeZone, start) }];
  let t = start;
  let off = offsetAt(timeZone, t);
  while (t < toMs + WEEK) {
    const next = t + WEEK;
    const nextOff = offsetAt(timeZone, next);
    if (nextOff !== off) {
      // The change lies in (t, next]: bisect to the minute.
      let lo = t;
      let hi = next;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (offsetAt(timeZone, mid) === off) lo = mid;
        else hi = mid;
      }
      spans.push({ fromUtcMs: hi, offsetMinutes: nextOff });
      off = nextOff;
    }
    t = next;
  }
  return spans;
}

/** Throws a RangeError for a name Intl does not know. */
export function checkTimeZone(timeZone: string): void {
  formatter(timeZone);
}

function tsLit(ms: number): string {
  if (ms === Number.MIN_SAFE_INTEGER) return "TIMESTAMP '1000-01-01 00:00:00'";
  return `TIMESTAMP ${lit(new Date(ms).toISOString().replace('T', ' ').replace('Z', ''))}`;
}

/** CREATE statement for table `name`(from_utc TIMESTAMP, offset_minutes INTEGER). */
export function offsetTableSql(name: string, spans: OffsetSpan[]): string {
  const rows = spans.map((s) => `(${tsLit(s.fromUtcMs)}, ${Math.trunc(s.offsetMinutes)})`).join(', ');
  return `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT * FROM (VALUES ${rows}) t(from_utc, offset_minutes)`;
}
