/**
 * The same statements the page ran, replayed in native DuckDB (@duckdb/node-api,
 * the wasm build's DuckDB version, 1 thread) on the same file, each one timed.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { STARTUP_SQL } from '../src/engine/connector';

export interface NativeTimes {
  /** Milliseconds per statement, in order. */
  load: number[];
  metrics: number[];
  /** Buffer-manager memory after the load, bytes. */
  memory: number;
}

export async function replayNative(load: string[], metrics: string[], registered: string, path: string): Promise<NativeTimes> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await db.connect();
  // The page's start-up statements (the compressed in-memory database among them), so both store tables alike.
  for (const sql of STARTUP_SQL) await conn.run(sql);
  const file = `'${path.replaceAll("'", "''")}'`;
  const timed = async (sql: string, read: boolean): Promise<number> => {
    const t = performance.now();
    if (read) await conn.runAndReadAll(sql);
    else await conn.run(sql);
    return performance.now() - t;
  };
  try {
    const loadMs: number[] = [];
    for (const sql of load) loadMs.push(await timed(sql.replaceAll(`'${registered}'`, file), /^\s*(SELECT|WITH)/i.test(sql)));
    const mem = (await conn.runAndReadAll('SELECT sum(memory_usage_bytes)::DOUBLE AS b FROM duckdb_memory()')).getRowObjects()[0]?.b;
    const metricMs: number[] = [];
    for (const sql of metrics) metricMs.push(await timed(sql, true));
    return { load: loadMs, metrics: metricMs, memory: typeof mem === 'number' ? mem : 0 };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
