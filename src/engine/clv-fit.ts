/** The CLV model fit, run in its own worker (started through the CSP trampoline, like DuckDB's). */
import workerUrl from '../workers/clv-fit.worker.ts?worker&url';
import type { FitInput } from '../metrics/clv-model';
import type { ClvSummary } from '../metrics/clv-summary';
import type { Fitted } from '../workers/clv-fit.worker';
import { startWorker, type WorkerRpc } from './worker-rpc';

let worker: WorkerRpc<{ summary: FitInput }> | null = null;

/** Lets the page run between two steps: a task ends here. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A copy of a column, in a task of its own: at a million customers one column took up to ~90 ms
 * to copy in a CPU profile of the page; all four at once made a 179 ms task.
 */
async function copied(a: Float64Array): Promise<Float64Array> {
  await nextTask();
  return a.slice();
}

/**
 * A fit is kept as long as its summary: a summary is a cached query result (shared-queries.ts), so
 * a segment answered in the background is shown with its fit at once, and a fit is dropped with
 * the query results when the data changes.
 */
const fits = new WeakMap<ClvSummary, Promise<Fitted>>();

/** Fits the models on a summary, once per summary; it answers with the fit and the charts' data (see clvChartData). */
export function fitInWorker(s: ClvSummary): Promise<Fitted> {
  let fit = fits.get(s);
  if (!fit) {
    fit = fitted(s);
    fits.set(s, fit);
    // A failed fit (say, the worker was stopped) is tried again next time.
    fit.catch(() => fits.delete(s));
  }
  return fit;
}

/**
 * The worker is handed copies of the numeric columns (moved, not cloned again), as the page keeps
 * the summary, and not the customer ids, which the fit does not read.
 */
async function fitted(s: ClvSummary): Promise<Fitted> {
  worker ??= startWorker(workerUrl, 'CLV fit');
  const summary: FitInput = {
    unit: s.unit,
    calibrationEnd: s.calibrationEnd,
    frequency: await copied(s.frequency),
    recency: await copied(s.recency),
    T: await copied(s.T),
    monetary: await copied(s.monetary),
  };
  return (await worker.call({ summary }, [summary.frequency.buffer, summary.recency.buffer, summary.T.buffer, summary.monetary.buffer])) as Fitted;
}
