/**
 * Starts a worker from a blob URL that imports the real worker script. A worker
 * loaded from a plain same-origin URL gets its own CSP (none, for a static host);
 * a blob worker inherits the page's meta CSP, so `connect-src 'self'` binds DuckDB too.
 */
export function trampolineWorker(scriptUrl: string): Worker {
  const abs = new URL(scriptUrl, location.href).href;
  const blob = new Blob([`importScripts(${JSON.stringify(abs)});`], { type: 'text/javascript' });
  const url = URL.createObjectURL(blob);
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  return worker;
}
