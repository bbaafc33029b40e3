/**
 * Lness: how many distinct days each customer was active in the n days ending at an anchor.
 * One histogram at the anchor (default: data end), and the "power-user curve": the same
 * histogram at every month end inside the data range.
 */
import { n, s, b, nOrNull, type Row } from './rows';
import { scopeCtes } from './scope';
import { dateLit, isoDate, num, periodEnd, periodStart } from './sql';
import type { CsvTable, DatasetInfo, MetricOptions } from './types';

export interface LnessBin {
  days: number;
  customers: number;
  /** customers / customers active in the window; null when nobody was active in it. */
  share: number | null;
}

export interface LnessHistogram {
  windowDays: number;
  anchor: string;
  windowStart: string;
  /** False when the window starts before the first activity date (fewer days could be observed). */
  complete: boolean;
  customers: number;
  /** One bin per d = 1..n, empty bins included. */
  bins: LnessBin[];
}

/** The windows the Lness panel offers (days). */
export const LNESS_WINDOWS = [7, 14, 28, 30];

export function lnessWindow(o: Pick<MetricOptions, 'lnessWindow'>): number {
  const w = o.lnessWindow;
  if (!Number.isInteger(w) || w < 1) throw new Error(`Lness window must be a whole number of days >= 1, got ${w}`);
  return w;
}

/** Histogram at one anchor: options.lnessAnchor, or data end. */
export function lnessSql(o: MetricOptions, _info: DatasetInfo): string {
  const anchor = o.lnessAnchor ? dateLit(o.lnessAnchor) : 'data_end';
  return histogramSql(o, `anchors AS (SELECT ${anchor} AS anchor FROM bounds WHERE ${anchor} IS NOT NULL)`);
}

/** Histograms at every month end between data start and data end. */
export function powerCurveSql(o: MetricOptions, _info: DatasetInfo): string {
  const m = 'CAST(m AS DATE)';
  return histogramSql(
    o,
    `anchors AS (
  SELECT ${periodEnd('month', m)} AS anchor
  FROM bounds, unnest(generate_series(CAST(${periodStart('month', 'data_start')} AS TIMESTAMP), CAST(data_end AS TIMESTAMP), INTERVAL 1 MONTH)) AS t(m)
  WHERE ${periodEnd('month', m)} <= data_end
)`,
  );
}

function histogramSql(o: MetricOptions, anchorsCte: string): string {
  const w = lnessWindow(o);
  const back = num(w - 1);
  // window_days: each anchor's window as its list of days, an equality join with the customer-days
  // instead of a range join, which DuckDB runs as a nested loop over every anchor and customer-day.
  return `WITH ${scopeCtes(o)},
${anchorsCte},
window_days AS (
  SELECT a.anchor, CAST(t.ts AS DATE) AS day
  FROM anchors a, range(CAST(a.anchor - ${back} AS TIMESTAMP), CAST(a.anchor + 1 AS TIMESTAMP), INTERVAL 1 DAY) t(ts)
),
win AS (
  SELECT w.anchor, d.cid, count(*) AS d
  FROM fday d JOIN window_days w ON w.day = d.day
  WHERE d.active
  GROUP BY w.anchor, d.cid
),
hist AS (SELECT anchor, d, count(*) AS customers FROM win GROUP BY anchor, d),
tot AS (SELECT anchor, count(*) AS total FROM win GROUP BY anchor)
SELECT ${isoDate('a.anchor')} AS anchor_date, ${isoDate(`a.anchor - ${back}`)} AS window_start,
  coalesce(a.anchor - ${back} >= bo.data_start, false) AS complete,
  CAST(g.days_active AS INTEGER) AS days_active,
  coalesce(h.customers, 0) AS customers, coalesce(t.total, 0) AS total,
  CASE WHEN t.total > 0 THEN coalesce(h.customers, 0) / t.total END AS share
FROM anchors a CROSS JOIN bounds bo CROSS JOIN range(1, ${num(w + 1)}) AS g(days_active)
LEFT JOIN hist h ON h.anchor = a.anchor AND h.d = g.days_active
LEFT JOIN tot t ON t.anchor = a.anchor
ORDER BY a.anchor, g.days_active`;
}

/** Rows of lnessSql or powerCurveSql → one histogram per anchor, in anchor order. */
export function parseLness(rows: Row[], o: Pick<MetricOptions, 'lnessWindow'>): LnessHistogram[] {
  const out: LnessHistogram[] = [];
  for (const r of rows) {
    const anchor = s(r, 'anchor_date');
    let h = out[out.length - 1];
    if (!h || h.anchor !== anchor) {
      h = { windowDays: lnessWindow(o), anchor, windowStart: s(r, 'window_start'), complete: b(r, 'complete'), customers: n(r, 'total'), bins: [] };
      out.push(h);
    }
    h.bins.push({ days: n(r, 'days_active'), customers: n(r, 'customers'), share: nOrNull(r, 'share') });
  }
  return out;
}

export const LNESS_COLUMNS = ['window_days', 'anchor_date', 'days_active', 'customers', 'share'];

export function lnessCsv(histograms: LnessHistogram[]): CsvTable {
  return {
    columns: LNESS_COLUMNS,
    rows: histograms.flatMap((h) => h.bins.map((bin) => [h.windowDays, h.anchor, bin.days, bin.customers, bin.share])),
  };
}
