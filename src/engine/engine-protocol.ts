/** Messages between the page (wasm.ts) and the DuckDB worker (workers/duckdb-engine.worker.ts). */
import type { Row } from '../metrics/rows';
import type { DecoderName } from './decoders';

export type EngineCall =
  | { op: 'open'; eh: string; mvp: string }
  | { op: 'query'; sql: string; priority: number; followUp?: boolean }
  | { op: 'queryDecoded'; sql: string; decoder: DecoderName; priority: number; followUp?: boolean }
  | { op: 'exec'; sql: string }
  | { op: 'registerFile'; name: string; data: File | Uint8Array }
  | { op: 'dropFile'; name: string }
  | { op: 'close' };

export type EngineRequest = EngineCall & { id: number };

/** Takes back a call that has not started (see call-queue.ts). */
export type EngineCancel = { cancel: number };

/** Moves a call that has not started up to a more urgent priority (see call-queue.ts). */
export type EnginePromote = { promote: number; priority: number };

/** `error` is DuckDB's message text, unchanged: the ingest layer recognises some of them. */
export type EngineResponse = { id: number; result: Row[] | object | null } | { id: number; error: string };
