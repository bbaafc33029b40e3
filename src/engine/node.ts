import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { toRows, type Row } from '../metrics/rows';
import type { Connector, QueryOptions } from './connector';
import { STARTUP_SQL } from './connector';
import { decode, type Decoded, type DecoderName } from './decoders';

/** Node build of duckdb-wasm (same DuckDB version as the browser), for tests and scripts. */
export async function createNodeConnector(): Promise<Connector> {
  const require = createRequire(import.meta.url);
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof import('@duckdb/duckdb-wasm/blocking');
  const dist = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm').replace(/duckdb-eh\.wasm$/, '');
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: dist + 'duckdb-mvp.wasm', mainWorker: dist + 'duckdb-node-mvp.worker.cjs' },
      eh: { mainModule: dist + 'duckdb-eh.wasm', mainWorker: dist + 'duckdb-node-eh.worker.cjs' },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({});
  const conn = db.connect();
  for (const s of STARTUP_SQL) conn.query(s);
  return {
    async query(sql: string, o: QueryOptions = {}): Promise<Row[]> {
      o.signal?.throwIfAborted();
      return toRows(conn.query(sql));
    },
    async queryDecoded<K extends DecoderName>(sql: string, decoder: K, o: QueryOptions = {}): Promise<Decoded<K>> {
      o.signal?.throwIfAborted();
      return decode(decoder, conn.query(sql));
    },
    async exec(sql: string): Promise<void> {
      conn.query(sql);
    },
    async registerFile(name: string, data: File | Uint8Array): Promise<void> {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name: string): Promise<void> {
      db.dropFile(name);
    },
    async close(): Promise<void> {
      conn.close();
    },
  };
}

/** Convenience for tests: register a file from disk under its base name. */
export async function registerPath(c: Connector, name: string, path: string): Promise<void> {
  await c.registerFile(name, new Uint8Array(readFileSync(path)));
}
