// duckdb-wasm ships a blocking browser build (DuckDB running in the calling thread) but neither
// exports it nor its types; vite.config.ts aliases the path, this gives it the types of the
// blocking Node build, which has the same API apart from the runtime.
declare module '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs' {
  import type { DuckDBBindings, DuckDBBundles, DuckDBRuntime, Logger } from '@duckdb/duckdb-wasm/blocking';
  export { DuckDBDataProtocol, VoidLogger } from '@duckdb/duckdb-wasm/blocking';
  export const BROWSER_RUNTIME: DuckDBRuntime;
  /** Instantiates the exception-handling build when the browser supports wasm exceptions, else the MVP build. */
  export function createDuckDB(bundles: DuckDBBundles, logger: Logger, runtime: DuckDBRuntime): Promise<DuckDBBindings>;
}
