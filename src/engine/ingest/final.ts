/**
 * The per-source typed table, from the typed pass: only usable rows, instants
 * converted to the dashboard's time zone through the offset table (ASOF join on
 * the UTC instant), columns as the metric layer expects (src/metrics/model.ts for
 * events, TablesPresent in src/metrics/types.ts for the others). Segment columns
 * keep per-source names (seg_c5, …); combine.ts maps them to shared keys.
 */
import { ident } from '../../metrics/sql';
import { finalTableName, segmentColumn, typedTableName } from './typed';
import type { Source } from './types';

/** `prefix` is d (date), s (start) or e (end): the typed table has <prefix>_local and <prefix>_utc. */
function tsJoin(prefixes: string[], tz: string | null): { select: string; joins: string } {
  if (!tz) return { select: prefixes.map((p) => `t.${p}_local AS ${p}_ts`).join(', '), joins: '' };
  return {
    select: prefixes.map((p) => `coalesce(t.${p}_local, t.${p}_utc + to_minutes(z_${p}.offset_minutes)) AS ${p}_ts`).join(', '),
    joins: prefixes.map((p) => ` ASOF LEFT JOIN ${ident(tz)} z_${p} ON t.${p}_utc >= z_${p}.from_utc`).join(''),
  };
}

/**
 * `tz` = offset table name, or null when no value is an instant. An uncompressed TEMP table at
 * every size: at 10 M rows writing it compressed took 9–11 s against 4 s, and a large file's raw
 * table, dropped before this one is written (buildSource), frees more than it takes.
 */
export function finalSql(s: Source, tz: string | null): string {
  const typed = ident(typedTableName(s));
  const table = `TEMP TABLE ${ident(finalTableName(s))}`;
  const segs = s.columns.filter((c) => c.role === 'segment').map((c) => ident(segmentColumn(c.key)));
  const segList = segs.length ? ', ' + segs.join(', ') : '';
  switch (s.shape) {
    case 'activity': {
      const j = tsJoin(['d'], tz);
      return `CREATE OR REPLACE ${table} AS
SELECT row_no, customer_id, d_ts AS ts, CAST(d_ts AS DATE) AS day,
  coalesce(order_id, 'row:' || row_no) AS order_id,
  CASE WHEN cancelled THEN -abs(amount) ELSE amount END AS amount,
  CASE WHEN cancelled THEN -abs(cost) ELSE cost END AS cost,
  cancelled OR coalesce(amount < 0, false) AS is_refund${segList}
FROM (SELECT t.*, ${j.select} FROM ${typed} t${j.joins} WHERE t._why IS NULL)`;
    }
    case 'subscriptions': {
      const hasEnd = s.columns.some((c) => c.role === 'end_date');
      const j = tsJoin(hasEnd ? ['s', 'e'] : ['s'], tz);
      return `CREATE OR REPLACE ${table} AS
SELECT row_no, customer_id, CAST(s_ts AS DATE) AS start_day, ${hasEnd ? 'CAST(e_ts AS DATE)' : 'NULL::DATE'} AS end_day, mrr${segList}
FROM (SELECT t.*, ${j.select} FROM ${typed} t${j.joins} WHERE t._why IS NULL)`;
    }
    case 'survey': {
      const j = tsJoin(['d'], tz);
      return `CREATE OR REPLACE ${table} AS
SELECT row_no, customer_id, CAST(d_ts AS DATE) AS day, score, reason${segList}
FROM (SELECT t.*, ${j.select} FROM ${typed} t${j.joins} WHERE t._why IS NULL)`;
    }
    case 'customers':
      return `CREATE OR REPLACE ${table} AS
SELECT row_no, customer_id${segList} FROM ${typed} WHERE _why IS NULL`;
  }
}

/** Earliest and latest instant among the values that carry an offset (null when none do). */
export function instantRangeSql(s: Source): string | null {
  const prefixes = s.shape === 'subscriptions' ? ['s', 'e'] : s.shape === 'customers' ? [] : ['d'];
  const present = prefixes.filter((p) => p !== 'e' || s.columns.some((c) => c.role === 'end_date'));
  if (!present.length) return null;
  const lo = present.map((p) => `min(${p}_utc)`).join(', ');
  const hi = present.map((p) => `max(${p}_utc)`).join(', ');
  const least = present.length > 1 ? `least(${lo})` : lo;
  const greatest = present.length > 1 ? `greatest(${hi})` : hi;
  return `SELECT epoch_ms(${least}) AS lo, epoch_ms(${greatest}) AS hi FROM ${ident(typedTableName(s))}`;
}
