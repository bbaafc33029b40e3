/** Shared types of the metric layer: what the ingest layer hands over and what every metric builder takes. */

export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type WeekStart = 'monday' | 'sunday';
export type RetentionMode = 'classic' | 'unbounded';

/** A categorical column kept for segmenting; `key` is its column name in the `events` table (s1, s2, …). */
export interface SegmentColumn {
  key: string;
  label: string;
}

/** What the loaded activity data offers; decides which metrics can be computed and which say "not available". */
export interface DatasetInfo {
  hasRevenue: boolean;
  hasCost: boolean;
  hasOrderId: boolean;
  segments: SegmentColumn[];
}

export interface SegmentFilter {
  /** A SegmentColumn key, or a derived segment: 'spend_tier' | 'rfm'. */
  column: string;
  values: string[];
}

export interface MetricOptions {
  grain: Grain;
  weekStart: WeekStart;
  mode: RetentionMode;
  /** Activity window W in days; null = derived from the data (spec: p90 of gaps, at least 7). */
  activityWindow: number | null;
  lnessWindow: number;
  /** ISO date; null = data end. */
  lnessAnchor: string | null;
  /** Inclusive ISO dates; null = open. */
  dateFrom: string | null;
  dateTo: string | null;
  segment: SegmentFilter | null;
}

export const DEFAULT_OPTIONS: MetricOptions = {
  grain: 'month',
  weekStart: 'monday',
  mode: 'classic',
  activityWindow: null,
  lnessWindow: 28,
  lnessAnchor: null,
  dateFrom: null,
  dateTo: null,
  segment: null,
};

/** A metric's export: column names exactly as in the export contract (docs/metrics.md), values unformatted. */
export interface CsvTable {
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

/**
 * Other typed tables the ingest layer may build next to `events` (all optional):
 *   subscriptions(customer_id VARCHAR, start_day DATE, end_day DATE NULL, mrr DOUBLE NULL, s1…sN VARCHAR)
 *     end_day = first day no longer subscribed; NULL = still active.
 *   customer_attrs(customer_id VARCHAR, s1…sN VARCHAR)   one row per customer; overrides segments
 *   survey(customer_id VARCHAR NULL, day DATE, score DOUBLE NULL, scale VARCHAR ('nps'|'csat'|'ces'),
 *          reason VARCHAR NULL, s1…sN VARCHAR)
 * Segment keys (s1, s2, …) are shared across tables: the same column label gets the same key.
 */
export interface TablesPresent {
  events: boolean;
  subscriptions: boolean;
  customerAttrs: boolean;
  survey: boolean;
}
