/**
 * The combined tables the metrics read, from the built per-source tables:
 * `events`, `subscriptions`, `customer_attrs`, `survey` (UNION ALL over the sources
 * of each shape). Segment columns get shared keys s1, s2, … by label (header names
 * compared like role names: case, accents, spaces and `_`/`-` ignored), so `Kanaal`
 * in the orders file and `kanaal` in the customers file are one segment.
 */
import { ident, lit } from '../../metrics/sql';
import type { DatasetInfo, SegmentColumn, TablesPresent } from '../../metrics/types';
import { normalizeName } from './names';
import { segmentColumn } from './typed';
import type { Source } from './types';

export interface Combined {
  /** Statements to run in order. */
  statements: string[];
  info: DatasetInfo;
  tables: TablesPresent;
  /** Segment columns that come from a customers file (they override first-activity segments). */
  attrSegments: SegmentColumn[];
}

interface KeyMap {
  segments: SegmentColumn[];
  /** source id → column key → segment key */
  bySource: Map<string, Map<string, string>>;
}

function segmentKeys(sources: Source[]): KeyMap {
  const segments: SegmentColumn[] = [];
  const byLabel = new Map<string, string>();
  const bySource = new Map<string, Map<string, string>>();
  for (const s of sources) {
    const cols = new Map<string, string>();
    for (const c of s.columns.filter((col) => col.role === 'segment')) {
      const norm = normalizeName(c.name) || c.name.toLowerCase();
      let key = byLabel.get(norm);
      if (!key || [...cols.values()].includes(key)) {
        key = `s${segments.length + 1}`;
        segments.push({ key, label: c.name });
        if (!byLabel.has(norm)) byLabel.set(norm, key);
      }
      cols.set(c.key, key);
    }
    bySource.set(s.id, cols);
  }
  return { segments, bySource };
}

function segSelect(s: Source, keys: KeyMap): string {
  const mine = keys.bySource.get(s.id) ?? new Map<string, string>();
  const own = new Map([...mine].map(([col, key]) => [key, col]));
  return keys.segments
    .map((seg) => {
      const col = own.get(seg.key);
      return col ? `${ident(segmentColumn(col))} AS ${ident(seg.key)}` : `NULL::VARCHAR AS ${ident(seg.key)}`;
    })
    .map((x) => ', ' + x)
    .join('');
}

const emptySegs = (keys: KeyMap): string => keys.segments.map((seg) => `, NULL::VARCHAR AS ${ident(seg.key)}`).join('');

function unionOrEmpty(parts: string[], empty: string): string {
  return parts.length ? parts.join('\nUNION ALL\n') : empty;
}

export function combineSql(all: Source[]): Combined {
  const sources = all.filter((s) => s.table !== null);
  const keys = segmentKeys(sources);
  const of = (shape: Source['shape']): Source[] => sources.filter((s) => s.shape === shape);
  const activity = of('activity');
  const subs = of('subscriptions');
  const customers = of('customers');
  const survey = of('survey');
  const several = activity.length > 1;
  const statements: string[] = [];

  // Order ids of different files are kept apart (row:5 of one file is not row:5 of another).
  const events = activity.map(
    (s) => `SELECT row_no, customer_id, ts, day, ${several ? `${lit(s.id + ':')} || order_id` : 'order_id'} AS order_id, amount, cost, is_refund${segSelect(s, keys)}
FROM ${ident(s.table ?? '')}`,
  );
  // A view: the per-source tables already hold the rows, and the model reads them once.
  statements.push(
    `CREATE OR REPLACE VIEW events AS
${unionOrEmpty(events, `SELECT NULL::BIGINT AS row_no, NULL::VARCHAR AS customer_id, NULL::TIMESTAMP AS ts, NULL::DATE AS day, NULL::VARCHAR AS order_id, NULL::DOUBLE AS amount, NULL::DOUBLE AS cost, NULL::BOOLEAN AS is_refund${emptySegs(keys)} WHERE false`)}`,
  );
  if (subs.length) {
    statements.push(`CREATE OR REPLACE TABLE subscriptions AS
${subs.map((s) => `SELECT customer_id, start_day, end_day, mrr${segSelect(s, keys)} FROM ${ident(s.table ?? '')}`).join('\nUNION ALL\n')}`);
  } else statements.push('DROP TABLE IF EXISTS subscriptions');
  if (customers.length) {
    // One row per customer: the first non-empty value of each segment, files in load order.
    const firsts = keys.segments.map((seg) => `, arg_min(${ident(seg.key)}, (src, row_no)) FILTER (WHERE ${ident(seg.key)} IS NOT NULL) AS ${ident(seg.key)}`).join('');
    statements.push(`CREATE OR REPLACE TABLE customer_attrs AS
SELECT customer_id${firsts} FROM (
${customers.map((s, i) => `SELECT ${i} AS src, row_no, customer_id${segSelect(s, keys)} FROM ${ident(s.table ?? '')}`).join('\nUNION ALL\n')}
) GROUP BY customer_id`);
  } else statements.push('DROP TABLE IF EXISTS customer_attrs');
  if (survey.length) {
    statements.push(`CREATE OR REPLACE TABLE survey AS
${survey.map((s) => `SELECT customer_id, day, score, ${lit(s.scale ?? 'nps')} AS scale, reason${segSelect(s, keys)} FROM ${ident(s.table ?? '')}`).join('\nUNION ALL\n')}`);
  } else statements.push('DROP TABLE IF EXISTS survey');

  const hasRole = (ss: Source[], ...roles: string[]): boolean => ss.some((s) => s.columns.some((c) => roles.includes(c.role)));
  const fromCustomers = new Set(customers.flatMap((s) => [...(keys.bySource.get(s.id)?.values() ?? [])]));
  return {
    statements,
    info: {
      hasRevenue: activity.some((s) => s.columns.some((c) => c.role === 'amount') || (hasRole([s], 'quantity') && hasRole([s], 'unit_price'))),
      hasCost: hasRole(activity, 'cost') || (hasRole(activity, 'margin') && hasRole(activity, 'amount', 'quantity')),
      hasOrderId: hasRole(activity, 'order_id'),
      segments: keys.segments,
    },
    tables: { events: activity.length > 0, subscriptions: subs.length > 0, customerAttrs: customers.length > 0, survey: survey.length > 0 },
    attrSegments: keys.segments.filter((seg) => fromCustomers.has(seg.key)),
  };
}
