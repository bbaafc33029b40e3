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
 * Fits the models on a summary, which the page keeps (it may be a cached query result shared
 * with a later run): the worker is handed copies of the numeric columns (moved, not cloned
 * again) and not the customer ids, which the fit does not read.
 * It answers with the fit and the charts' data (see clvChartData).
 */
export async function fitInWorker(s: ClvSummary): Promise<Fitted> {
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
