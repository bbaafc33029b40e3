/**
 * Which step of a load a recorded statement belongs to, from its text. The names
 * follow the ingest layer (src/engine/ingest/README.md): the raw table, the detection
 * pass, the typed pass, the final per-source table, the load report, and the combined
 * tables with the compact model. Everything after the model is a metric query.
 */
import type { Logged } from './page';

export type Step = 'raw table' | 'detection' | 'typed pass' | 'final table' | 'load report' | 'model' | 'metric';

export function stepOf(sql: string): Step {
  const s = sql.trimStart();
  if (/read_csv\(|^CREATE OR REPLACE TABLE "rejects_|^DROP TABLE IF EXISTS "raw_\w+_(rej|scan)"|^SELECT count\(\*\) AS n FROM duckdb_tables\(\)/.test(s)) return 'raw table';
  if (/^SELECT (\* FROM\s*\(SELECT )?count\(\*\) AS rows,|^SELECT count\(\*\) AS n FROM "(rejects|raw)_|^WITH needed AS/.test(s)) return 'detection';
  if (/^CREATE OR REPLACE TEMP TABLE "typed_|^SELECT epoch_ms\(|^CREATE OR REPLACE TEMP TABLE tz_/.test(s)) return 'typed pass';
  if (/^DROP TABLE "raw_\w+"$|^CREATE OR REPLACE (TEMP )?TABLE "(events|subscriptions|customer_attrs|survey)_|^DROP TABLE IF EXISTS (temp|kohort)\.main\."(events|subscriptions|customer_attrs|survey)_/.test(s)) return 'final table';
  if (/FROM "typed_|FROM "rejects_|FROM "(events|subscriptions|customer_attrs|survey)_\w+"$|^DROP TABLE IF EXISTS "(typed_|tz_)|FROM "raw_\w+" WHERE rowid IN/.test(s)) {
    return 'load report';
  }
  if (/^CREATE OR REPLACE (TEMP TABLE|TABLE|VIEW) (events|subscriptions|customer_attrs|survey|cids|cday|corder|cgap|cust) AS|^DROP TABLE IF EXISTS ((temp|kohort)\.main\.)?"?(subscriptions|customer_attrs|survey|cids|cday|corder|cgap|cust)"?$/.test(s)) {
    return 'model';
  }
  if (/^SELECT count\(\*\) AS loaded/.test(s)) return 'load report';
  return 'metric';
}

export const LOAD_STEPS: Step[] = ['raw table', 'detection', 'typed pass', 'final table', 'load report', 'model'];

/** The statements of one load: up to and including the last model statement. */
export function splitLoad(log: Logged[]): { load: Logged[]; metrics: Logged[] } {
  let last = -1;
  log.forEach((l, i) => {
    if (stepOf(l.sql) !== 'metric') last = i;
  });
  return { load: log.slice(0, last + 1), metrics: log.slice(last + 1).filter((l) => l.kind === 'query') };
}

/** A short name for a metric query: its first table or CTE names. */
export function queryLabel(sql: string): string {
  const ctes = [...sql.matchAll(/(?:WITH|,)\s*\n?\s*(\w+) AS \(/g)].map((m) => m[1]).filter((x) => x && !['fcust', 'fday', 'bounds'].includes(x));
  const from = /FROM (\w+)/.exec(sql)?.[1];
  return (ctes.slice(0, 3).join('+') || from || sql.slice(0, 30)).slice(0, 40);
}
