/**
 * The filtered view every metric starts from. Options narrow the data the same
 * way for every panel, so the filters live here once:
 *  - segment filter: keep customers whose segment value (on cust) is one of the chosen values;
 *  - date range: keep customer-days inside [dateFrom, dateTo]. A customer's first
 *    activity stays their first activity ever (cust.first_day), so a customer
 *    acquired before the range is never counted as new inside it.
 * Data end is the last activity day left after filtering.
 */
import { dateLit, ident, lit } from './sql';
import type { MetricOptions } from './types';

/** CTE definitions (no leading WITH): fcust, fday, bounds(data_start, data_end). */
export function scopeCtes(o: Pick<MetricOptions, 'segment' | 'dateFrom' | 'dateTo'>): string {
  const filtered = o.segment !== null && o.segment.values.length > 0;
  const seg = filtered && o.segment ? `WHERE ${ident(o.segment.column)} IN (${o.segment.values.map(lit).join(', ')})` : '';
  const range = [
    o.dateFrom ? `d.day >= ${dateLit(o.dateFrom)}` : '',
    o.dateTo ? `d.day <= ${dateLit(o.dateTo)}` : '',
  ].filter(Boolean);
  // Without a segment filter every customer-day belongs to a customer in cust: skip the join.
  const days = filtered ? 'cday d SEMI JOIN fcust c ON d.customer_id = c.customer_id' : 'cday d';
  return `fcust AS (SELECT * FROM cust ${seg}),
fday AS (SELECT d.* FROM ${days}${range.length ? ' WHERE ' + range.join(' AND ') : ''}),
bounds AS (SELECT min(day) FILTER (WHERE active) AS data_start, max(day) FILTER (WHERE active) AS data_end FROM fday)`;
}
