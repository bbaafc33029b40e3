import type { Row } from '../metrics/rows';
import { ident } from '../metrics/sql';
import type { Decoded, DecoderName } from './decoders';

export interface QueryOptions {
  /** Aborting it rejects the query with an AbortError, and drops it if it has not started. */
  signal?: AbortSignal;
  /** Waiting queries run lowest first (then in the order sent); 0 when not given. */
  priority?: number;
  /**
   * The caller will ask its next question as soon as it has this answer (a panel that asks step by
   * step): DuckDB waits a moment for it before starting on other queries (call-queue.ts).
   */
  followUp?: boolean;
  /**
   * Filled in by the connector while the query waits in DuckDB's queue: `promote` moves it up to a
   * more urgent priority (a panel's follow-up that another panel had asked first, see Session.query).
   */
  handle?: QueryHandle;
}

export interface QueryHandle {
  promote?: (priority: number) => void;
}

/**
 * The one boundary between Kohort and DuckDB. The browser implementation runs
 * DuckDB-WASM in a web worker (wasm.ts); tests use duckdb-wasm's own Node build
 * (node.ts) so that they exercise the same DuckDB version as the page.
 */
export interface Connector {
  /** Runs a query and returns its result as plain rows (see toRows for the value types). */
  query(sql: string, options?: QueryOptions): Promise<Row[]>;
  /** Runs a query and parses its rows where DuckDB runs, for results too large to pass as rows (see decoders.ts). */
  queryDecoded<K extends DecoderName>(sql: string, decoder: K, options?: QueryOptions): Promise<Decoded<K>>;
  /** Runs one or more statements whose result is not needed. */
  exec(sql: string): Promise<void>;
  /** Makes a file readable by name in SQL (`read_csv('name')`), without copying it into JS memory when it is a File. */
  registerFile(name: string, data: File | Uint8Array): Promise<void>;
  /** Forgets a registered file. */
  dropFile(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Statements every connection runs first: nothing may be fetched from the internet, and the
 * tables live in a compressed in-memory database. Compressed, a loaded export takes about a
 * fifth of the memory (1 M orders: 64 MB instead of 350 MB) at the same query speed, which is
 * what lets tens of millions of rows fit in the 32-bit wasm heap.
 */
export const STARTUP_SQL = [
  'SET autoload_known_extensions = false',
  'SET autoinstall_known_extensions = false',
  "ATTACH ':memory:' AS kohort (COMPRESS)",
  'USE kohort',
];

/** The compressed database STARTUP_SQL attaches; TEMP tables live in `temp` instead, uncompressed. */
export const DATABASE = 'kohort';

/**
 * Up to this many rows (of a file, or of all a dataset's files) its tables stay uncompressed
 * TEMP tables: compressing takes about four times as long to write, and below this size
 * memory is no concern.
 */
export const UNCOMPRESSED_ROWS = 2_000_000;

/** Drops a table from both places it can be (a TEMP copy would otherwise hide a compressed one). */
export function dropEverywhereSql(name: string): string[] {
  return [`DROP TABLE IF EXISTS temp.main.${ident(name)}`, `DROP TABLE IF EXISTS ${DATABASE}.main.${ident(name)}`];
}
