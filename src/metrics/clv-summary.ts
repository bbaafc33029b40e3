/**
 * The per-customer summary the BG/NBD and Gamma-Gamma models are fitted on
 * (the "RFM" summary of Fader, Hardie & Lee), computed from cday.
 *
 * A purchase is an active customer-day: several orders on one calendar day are
 * one purchase (the models assume one transaction per instant, and the CDNOW
 * reference values are only reproduced with same-day purchases merged).
 * Over the calibration period [first purchase, calibration end] (end inclusive):
 *   frequency x = purchase days after the first one (repeat purchases),
 *   recency t_x = last purchase day − first purchase day,
 *   T           = calibration end − first purchase day,
 * in days or weeks (days / 7), matching the `lifetimes` package's
 * summary_data_from_transaction_data(freq='D', freq_multiplier=7).
 * monetary m = mean net revenue of the repeat purchase days (the first purchase is
 * left out, as in lifetimes); NULL when there is none or no revenue is mapped.
 * Customers whose first purchase is after the calibration end are left out.
 * Dates are whole days, so T and t_x are whole days (or sevenths of a week).
 */
import { idList, type IdList } from './id-list';
import type { Table } from 'apache-arrow';
import { columnsOf, float64Column, idListColumn, type Cell, type Columns, type Row } from './rows';
import { dateLit, isoDate } from './sql';
import { scopeCtes } from './scope';
import type { DatasetInfo, SegmentFilter } from './types';

export type ClvUnit = 'week' | 'day';

export interface ClvSummaryOptions {
  /** Last day of the calibration period, inclusive (ISO); null = data end (last purchase day). */
  calibrationEnd: string | null;
  unit: ClvUnit;
  segment: SegmentFilter | null;
}

export const DEFAULT_CLV_SUMMARY_OPTIONS: ClvSummaryOptions = { calibrationEnd: null, unit: 'week', segment: null };

/** Column-oriented and structured-clone friendly, so it can be posted to a worker as is. */
export interface ClvSummary {
  unit: ClvUnit;
  /** ISO date actually used (the data end when the option was null); null when there are no customers. */
  calibrationEnd: string | null;
  /** In customer order (the order of `cid`, which is the order of the id text). */
  customerIds: IdList;
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  /** NaN where there is no repeat purchase or no revenue. */
  monetary: Float64Array;
}

export function unitDays(unit: ClvUnit): number {
  return unit === 'week' ? 7 : 1;
}

export function clvSummarySql(o: ClvSummaryOptions, info: DatasetInfo): string {
  // The data end is global (not the segment's own last day), so every segment is scored to the same date.
  const end = o.calibrationEnd ? dateLit(o.calibrationEnd) : '(SELECT max(day) FROM cday WHERE active)';
  const days = unitDays(o.unit);
  const revenue = info.hasRevenue ? 'd.revenue' : 'CAST(NULL AS DOUBLE)';
  // per: a customer with an active day up to cal_end has their first activity (cday.first_day)
  // among those days. Customers get their id text after the grouping: one join per customer, not per day.
  return `WITH ${scopeCtes({ segment: o.segment, dateFrom: null, dateTo: null })},
cal AS (SELECT ${end} AS cal_end),
per AS (
  SELECT d.cid,
    CAST(count(*) - 1 AS DOUBLE) AS frequency,
    CAST(max(d.day) - d.first_day AS DOUBLE) / ${days} AS recency,
    CAST(any_value(cal.cal_end) - d.first_day AS DOUBLE) / ${days} AS T,
    avg(${revenue}) FILTER (WHERE d.day > d.first_day) AS monetary,
    any_value(cal.cal_end) AS cal_end
  FROM fday d, cal
  WHERE d.active AND d.day <= cal.cal_end
  GROUP BY d.cid, d.first_day
)
SELECT c.customer AS customer_id, per.frequency, per.recency, per.T, per.monetary, ${isoDate('per.cal_end')} AS cal_end
FROM per JOIN cust c USING (cid)
ORDER BY per.cid`;
}

const SUMMARY_COLUMNS = ['customer_id', 'frequency', 'recency', 'T', 'monetary', 'cal_end'] as const;

export function parseClvSummary(rows: Row[], unit: ClvUnit): ClvSummary {
  return parseClvSummaryColumns(columnsOf(rows, SUMMARY_COLUMNS), unit);
}

/**
 * The same parse straight from DuckDB's Arrow result (in its worker): the numbers are copied as
 * typed arrays, with no JS value per cell, which for a million customers took longer than the query.
 */
export function parseClvSummaryTable(t: Table, unit: ClvUnit): ClvSummary {
  const calEnd = t.numRows > 0 ? t.getChild('cal_end')?.get(0) : null;
  if (t.numRows > 0 && typeof calEnd !== 'string') throw new Error(`column cal_end: expected text, got ${String(calEnd)}`);
  return {
    unit,
    calibrationEnd: t.numRows > 0 ? (calEnd as string) : null,
    customerIds: idListColumn(t, 'customer_id'),
    frequency: float64Column(t, 'frequency'),
    recency: float64Column(t, 'recency'),
    T: float64Column(t, 'T'),
    monetary: float64Column(t, 'monetary', Number.NaN),
  };
}

/** The same parse over columns (for rows already on the page). */
export function parseClvSummaryColumns(c: Columns, unit: ClvUnit): ClvSummary {
  const col = (name: string): Cell[] => {
    const v = c[name];
    if (!v) throw new Error(`clv summary: no column ${name}`);
    return v;
  };
  const ids = col('customer_id');
  const k = ids.length;
  const numbers = (name: string, nullAs?: number): Float64Array => {
    const src = col(name);
    const out = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const v = src[i];
      if (typeof v === 'number') out[i] = v;
      else if (v === null && nullAs !== undefined) out[i] = nullAs;
      else throw new Error(`column ${name}: expected a number, got ${String(v)}`);
    }
    return out;
  };
  const text = (v: Cell, name: string): string => {
    if (typeof v !== 'string') throw new Error(`column ${name}: expected text, got ${String(v)}`);
    return v;
  };
  const customerIds = idList(ids.map((v) => text(v, 'customer_id')));
  return {
    unit,
    calibrationEnd: k > 0 ? text(col('cal_end')[0] ?? null, 'cal_end') : null,
    customerIds,
    frequency: numbers('frequency'),
    recency: numbers('recency'),
    T: numbers('T'),
    monetary: numbers('monetary', Number.NaN),
  };
}
