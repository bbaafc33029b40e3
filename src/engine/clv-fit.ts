/** The CLV model fit, run in its own worker (started through the CSP trampoline, like DuckDB's). */
import workerUrl from '../workers/clv-fit.worker.ts?worker&url';
import type { FitInput } from '../metrics/clv-model';
import type { ClvSummary } from '../metrics/clv-summary';
import type { Fitted } from '../workers/clv-fit.worker';
import { startWorker, type WorkerRpc } from './worker-rpc';

let worker: WorkerRpc<{ summary: FitInput }> | null = null;

/**
 * Fits the models on a summary, which the page keeps: the worker is handed copies of the numeric
 * columns (moved, not cloned again) and not the customer ids, which the fit does not read.
 * It answers with the fit and the charts' data (see clvChartData).
 */
export async function fitInWorker(s: ClvSummary): Promise<Fitted> {
  worker ??= startWorker(workerUrl, 'CLV fit');
  const summary: FitInput = {
    unit: s.unit,
    calibrationEnd: s.calibrationEnd,
    frequency: s.frequency.slice(),
    recency: s.recency.slice(),
    T: s.T.slice(),
    monetary: s.monetary.slice(),
  };
  return (await worker.call({ summary }, [summary.frequency.buffer, summary.recency.buffer, summary.T.buffer, summary.monetary.buffer])) as Fitted;
}
