/**
 * Stickiness: how often the customers of a month come back within it.
 *
 * Every calendar day of the data range [data_start, data_end] counts, including days
 * without any activity (DAU 0): leaving them out would flatter the ratio.
 *  - dau_avg(m) = mean DAU over the days of m inside the range;
 *  - wau_avg(m) = mean, over the same days, of the customers active in that day's calendar
 *    week, counting only the week's days that lie in m (and in the range): a week crossing
 *    a month boundary is split, so WAU/MAU stays <= 1 (a customer seen only in the other
 *    month's part of the week is not in MAU(m));
 *  - mau(m) = customers active in m. dau_mau = dau_avg / mau, wau_mau = wau_avg / mau.
 * Yearly: mau_avg(y) = mean MAU over the months of y that overlap the range (a month with no
 * activity counts as 0), yau = customers active in y, mau_yau = mau_avg / yau.
 * A month or year not wholly inside the range is incomplete.
 */
import { b, n, nOrNull, s, type Row } from './rows';
import { scopeCtes } from './scope';
import { isoDate, periodEnd, periodStart } from './sql';
import type { CsvTable, DatasetInfo, MetricOptions } from './types';

export interface StickinessMonth {
  month: string;
  dauAvg: number;
  wauAvg: number;
  mau: number;
  /** null when nobody was active in the month (0 / 0). */
  dauMau: number | null;
  wauMau: number | null;
  complete: boolean;
}

export interface StickinessYear {
  year: number;
  mauAvg: number;
  yau: number;
  mauYau: number | null;
  complete: boolean;
}

/**
 * Distinct customers per month, per week-within-month and per year, without grouping per
 * customer: a customer-day counts once in a period when the customer's previous activity day
 * (cday.prev_active) lies before the period's part inside the scope. Every count is then a sum
 * over the days of the period.
 */
function dailyCtes(o: MetricOptions): string {
  const month = (e: string) => periodStart('month', e);
  const week = (e: string) => periodStart('week', e, o.weekStart);
  const year = (e: string) => periodStart('year', e);
  return `${scopeCtes(o)},
days AS (
  SELECT day, month, week, year,
    greatest(month, data_start) AS month_lo, greatest(month, week, data_start) AS week_lo, greatest(year, data_start) AS year_lo
  FROM (
    SELECT CAST(t.d AS DATE) AS day, ${month('CAST(t.d AS DATE)')} AS month, ${week('CAST(t.d AS DATE)')} AS week, ${year('CAST(t.d AS DATE)')} AS year, data_start
    FROM bounds, unnest(generate_series(CAST(data_start AS TIMESTAMP), CAST(data_end AS TIMESTAMP), INTERVAL 1 DAY)) AS t(d)
  )
),
dau AS (
  SELECT x.day, count(*) AS n,
    count(*) FILTER (WHERE d.prev_active IS NULL OR d.prev_active < x.month_lo) AS month_firsts,
    count(*) FILTER (WHERE d.prev_active IS NULL OR d.prev_active < x.week_lo) AS week_firsts,
    count(*) FILTER (WHERE d.prev_active IS NULL OR d.prev_active < x.year_lo) AS year_firsts
  FROM fday d JOIN days x ON x.day = d.day
  WHERE d.active
  GROUP BY x.day
),
daily AS (
  SELECT x.day, x.month, x.week, x.year, coalesce(a.n, 0) AS n, coalesce(a.month_firsts, 0) AS month_firsts,
    coalesce(a.week_firsts, 0) AS week_firsts, coalesce(a.year_firsts, 0) AS year_firsts
  FROM days x LEFT JOIN dau a USING (day)
),
months AS (SELECT month, avg(n) AS dau_avg FROM daily GROUP BY month),
mau AS (SELECT month, CAST(sum(month_firsts) AS BIGINT) AS mau FROM daily GROUP BY month HAVING sum(month_firsts) > 0)`;
}

export function stickinessSql(o: MetricOptions, _info: DatasetInfo): string {
  return `WITH ${dailyCtes(o)},
wk AS (SELECT month, week, CAST(sum(week_firsts) AS BIGINT) AS n, count(*) AS days FROM daily GROUP BY month, week),
wau AS (SELECT month, sum(days * n) / sum(days) AS wau_avg FROM wk GROUP BY month)
SELECT ${isoDate('m.month')} AS month, m.dau_avg, w.wau_avg, coalesce(u.mau, 0) AS mau,
  m.dau_avg / nullif(u.mau, 0) AS dau_mau, w.wau_avg / nullif(u.mau, 0) AS wau_mau,
  m.month >= bo.data_start AND ${periodEnd('month', 'm.month')} <= bo.data_end AS complete
FROM months m JOIN wau w USING (month) LEFT JOIN mau u USING (month) CROSS JOIN bounds bo
ORDER BY m.month`;
}

export function stickinessYearSql(o: MetricOptions, _info: DatasetInfo): string {
  return `WITH ${dailyCtes(o)},
yau AS (SELECT year, CAST(sum(year_firsts) AS BIGINT) AS yau FROM daily GROUP BY year HAVING sum(year_firsts) > 0),
ym AS (
  SELECT ${periodStart('year', 'm.month')} AS year, avg(coalesce(u.mau, 0)) AS mau_avg
  FROM months m LEFT JOIN mau u USING (month) GROUP BY 1
)
SELECT CAST(year(y.year) AS INTEGER) AS year, y.mau_avg, coalesce(a.yau, 0) AS yau, y.mau_avg / nullif(a.yau, 0) AS mau_yau,
  y.year >= bo.data_start AND ${periodEnd('year', 'y.year')} <= bo.data_end AS complete
FROM ym y LEFT JOIN yau a USING (year) CROSS JOIN bounds bo
ORDER BY y.year`;
}

export function parseStickiness(rows: Row[]): StickinessMonth[] {
  return rows.map((r) => ({
    month: s(r, 'month'),
    dauAvg: n(r, 'dau_avg'),
    wauAvg: n(r, 'wau_avg'),
    mau: n(r, 'mau'),
    dauMau: nOrNull(r, 'dau_mau'),
    wauMau: nOrNull(r, 'wau_mau'),
    complete: b(r, 'complete'),
  }));
}

export function parseStickinessYears(rows: Row[]): StickinessYear[] {
  return rows.map((r) => ({
    year: n(r, 'year'),
    mauAvg: n(r, 'mau_avg'),
    yau: n(r, 'yau'),
    mauYau: nOrNull(r, 'mau_yau'),
    complete: b(r, 'complete'),
  }));
}

export const STICKINESS_COLUMNS = ['month', 'dau_avg', 'wau_avg', 'mau', 'dau_mau', 'wau_mau', 'complete'];
export const STICKINESS_YEAR_COLUMNS = ['year', 'mau_avg', 'yau', 'mau_yau', 'complete'];

export function stickinessCsv(months: StickinessMonth[]): CsvTable {
  return {
    columns: STICKINESS_COLUMNS,
    rows: months.map((m) => [m.month, m.dauAvg, m.wauAvg, m.mau, m.dauMau, m.wauMau, m.complete]),
  };
}

export function stickinessYearCsv(years: StickinessYear[]): CsvTable {
  return {
    columns: STICKINESS_YEAR_COLUMNS,
    rows: years.map((y) => [y.year, y.mauAvg, y.yau, y.mauYau, y.complete]),
  };
}
