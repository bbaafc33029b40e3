/// <reference lib="webworker" />
// DuckDB runs here, in its blocking build: results become plain rows before they leave the
// worker, so the page never loads DuckDB's client or Apache Arrow, and no Arrow decoding runs
// on the main thread. (Named duckdb-*: it is DuckDB's worker, not part of the app's page code.)
import { BROWSER_RUNTIME, DuckDBDataProtocol, VoidLogger, createDuckDB } from '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs';
import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { toRows, type Row } from '../metrics/rows';
import { STARTUP_SQL } from '../engine/connector';
import type { EngineCall, EngineCancel, EnginePromote, EngineRequest, EngineResponse } from '../engine/engine-protocol';
import { CallQueue, CANCELLED } from '../engine/call-queue';
import { decode, transferables } from '../engine/decoders';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let db: DuckDBBindings | null = null;
let conn: DuckDBConnection | null = null;

function open(): { db: DuckDBBindings; conn: DuckDBConnection } {
  if (!db || !conn) throw new Error('DuckDB is not open');
  return { db, conn };
}

async function run(call: EngineCall): Promise<Row[] | object | null> {
  switch (call.op) {
    case 'open': {
      // The worker is the thread DuckDB runs in: no second worker script (mainWorker) is used.
      db = await createDuckDB({ eh: { mainModule: call.eh, mainWorker: '' }, mvp: { mainModule: call.mvp, mainWorker: '' } }, new VoidLogger(), BROWSER_RUNTIME);
      await db.instantiate(() => undefined);
      db.open({ query: { castBigIntToDouble: false } });
      conn = db.connect();
      for (const s of STARTUP_SQL) conn.query(s);
      return null;
    }
    case 'query':
      return toRows(open().conn.query(call.sql));
    case 'queryDecoded':
      return decode(call.decoder, open().conn.query(call.sql));
    case 'exec':
      open().conn.query(call.sql);
      return null;
    case 'registerFile':
      if (call.data instanceof Uint8Array) open().db.registerFileBuffer(call.name, call.data);
      // Lazy reads through FileReaderSync: the file never sits whole in JS memory.
      else await open().db.registerFileHandleAsync(call.name, call.data, DuckDBDataProtocol.BROWSER_FILEREADER, true);
      return null;
    case 'dropFile':
      open().db.dropFile(call.name);
      return null;
    case 'close':
      conn?.close();
      conn = null;
      db = null;
      return null;
  }
}

// One call at a time (opening and registering a file are asynchronous), a panel's follow-up
// queries first, then in the order sent; a call the page takes back before it starts is
// answered as cancelled (call-queue.ts).
const tick = new MessageChannel();
const later: (() => void)[] = [];
tick.port1.onmessage = () => later.shift()?.();
const calls = new CallQueue<EngineCall>(
  async ({ id, call }) => {
    let reply: EngineResponse;
    let transfer: ArrayBuffer[] = [];
    try {
      const result = await run(call);
      if (call.op === 'queryDecoded' && result) transfer = transferables(result);
      reply = { id, result };
    } catch (err) {
      reply = { id, error: err instanceof Error ? err.message : String(err) };
    }
    scope.postMessage(reply, transfer);
  },
  (id) => scope.postMessage({ id, error: CANCELLED } satisfies EngineResponse),
  (f) => {
    later.push(f);
    tick.port2.postMessage(null);
  },
);
scope.onmessage = (e: MessageEvent<EngineRequest | EngineCancel | EnginePromote>) => {
  if ('cancel' in e.data) calls.cancel(e.data.cancel);
  else if ('promote' in e.data) calls.promote(e.data.promote, e.data.priority);
  else {
    const { id, ...call } = e.data;
    calls.push({ id, call, priority: 'priority' in call ? call.priority : 0, followUp: 'followUp' in call && call.followUp === true });
  }
};
