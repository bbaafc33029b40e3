import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '../workers/duckdb-engine.worker.ts?worker&url';
import type { Row } from '../metrics/rows';
import type { Connector, QueryOptions } from './connector';
import type { EngineCall, EnginePromote } from './engine-protocol';
import type { Decoded, DecoderName } from './decoders';
import { startWorker } from './worker-rpc';

/**
 * DuckDB-WASM in a web worker of our own (workers/duckdb-engine.worker.ts), which answers with
 * plain rows; every file it reads comes from the page's own origin.
 */
export async function createWasmConnector(): Promise<Connector> {
  const worker = startWorker<EngineCall>(workerUrl, 'DuckDB');
  const call = worker.call;
  // A query's handle can then move it up in DuckDB's queue while it waits.
  const promotable = (o: QueryOptions) => (id: number) => {
    if (o.handle) o.handle.promote = (priority) => worker.notify({ promote: id, priority } satisfies EnginePromote);
  };

  try {
    await call({ op: 'open', eh: new URL(ehWasm, location.href).href, mvp: new URL(mvpWasm, location.href).href });
  } catch (e) {
    worker.terminate();
    throw e;
  }
  return {
    async query(sql: string, o: QueryOptions = {}): Promise<Row[]> {
      return (await call({ op: 'query', sql, priority: o.priority ?? 0, followUp: o.followUp }, [], o.signal, promotable(o))) as Row[];
    },
    async queryDecoded<K extends DecoderName>(sql: string, decoder: K, o: QueryOptions = {}): Promise<Decoded<K>> {
      return (await call({ op: 'queryDecoded', sql, decoder, priority: o.priority ?? 0, followUp: o.followUp }, [], o.signal, promotable(o))) as Decoded<K>;
    },
    async exec(sql: string): Promise<void> {
      await call({ op: 'exec', sql });
    },
    async registerFile(name: string, data: File | Uint8Array): Promise<void> {
      // A File is passed by reference (its bytes stay on disk; the worker reads it lazily);
      // a buffer is handed over, not copied, as duckdb-wasm's own client did.
      await call({ op: 'registerFile', name, data }, data instanceof Uint8Array ? [data.buffer] : []);
    },
    async dropFile(name: string): Promise<void> {
      await call({ op: 'dropFile', name });
    },
    async close(): Promise<void> {
      await call({ op: 'close' });
      worker.terminate();
    },
  };
}
