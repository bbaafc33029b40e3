/** The CLV model fit, run in its own worker (started through the CSP trampoline, like DuckDB's). */
import workerUrl from '../workers/clv-fit.worker.ts?worker&url';
import type { ClvFitResult } from '../metrics/clv-model';
import type { ClvSummary } from '../metrics/clv-summary';
import type { FitResponse, FitSummary } from '../workers/clv-fit.worker';
import { trampolineWorker } from './trampoline';

let worker: Worker | null = null;
let seq = 0;
const pending = new Map<number, { resolve: (r: ClvFitResult) => void; reject: (e: Error) => void }>();

function start(): Worker {
  // The dev server serves workers as ES modules, which importScripts cannot load; builds are classic scripts.
  const w = import.meta.env.DEV ? new Worker(workerUrl, { type: 'module' }) : trampolineWorker(workerUrl);
  w.onmessage = (e: MessageEvent<FitResponse>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if ('error' in e.data) p.reject(new Error(e.data.error));
    else p.resolve(e.data.result);
  };
  return w;
}

/**
 * Fits the models on a summary, which the page keeps: the worker is handed copies of the numeric
 * columns (moved, not cloned again) and not the customer ids, which the fit does not read and
 * which took tens of milliseconds to copy for a hundred thousand customers.
 */
export function fitInWorker(s: ClvSummary): Promise<ClvFitResult> {
  worker ??= start();
  const id = ++seq;
  const w = worker;
  const summary: FitSummary = {
    unit: s.unit,
    calibrationEnd: s.calibrationEnd,
    frequency: s.frequency.slice(),
    recency: s.recency.slice(),
    T: s.T.slice(),
    monetary: s.monetary.slice(),
  };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, summary }, [summary.frequency.buffer, summary.recency.buffer, summary.T.buffer, summary.monetary.buffer]);
  });
}
