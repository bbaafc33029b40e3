import * as duckdb from '@duckdb/duckdb-wasm';
import { toRows, type Row } from '../metrics/rows';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import type { Connector } from './connector';
import { STARTUP_SQL } from './connector';
import { trampolineWorker } from './trampoline';

/** DuckDB-WASM in a web worker; every file it reads comes from the page's own origin. */
export async function createWasmConnector(): Promise<Connector> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: new URL(mvpWasm, location.href).href, mainWorker: mvpWorker },
    eh: { mainModule: new URL(ehWasm, location.href).href, mainWorker: ehWorker },
  });
  const worker = trampolineWorker(bundle.mainWorker ?? ehWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  await db.open({ query: { castBigIntToDouble: false } });
  const conn = await db.connect();
  for (const s of STARTUP_SQL) await conn.query(s);

  return {
    async query(sql: string): Promise<Row[]> {
      return toRows(await conn.query(sql));
    },
    async exec(sql: string): Promise<void> {
      await conn.query(sql);
    },
    async registerFile(name: string, data: File | Uint8Array): Promise<void> {
      if (data instanceof Uint8Array) await db.registerFileBuffer(name, data);
      // Lazy reads through FileReaderSync in the worker: the file never sits whole in JS memory.
      else await db.registerFileHandle(name, data, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    },
    async dropFile(name: string): Promise<void> {
      await db.dropFile(name);
    },
    async close(): Promise<void> {
      await conn.close();
      await db.terminate();
    },
  };
}
