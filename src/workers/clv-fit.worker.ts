/// <reference lib="webworker" />
// Fits BG/NBD and Gamma-Gamma off the main thread: a fit over tens of thousands of customers
// takes hundreds of milliseconds and must not freeze the page. The charts' per-customer passes
// run here too, so the page only receives what it draws.
import { clvChartData, type ClvChartData } from '../charts/predicted-clv-chart';
import { fitAll, type ClvFitResult, type FitInput } from '../metrics/clv-model';

export type FitRequest = { id: number; summary: FitInput };
export type Fitted = { fit: ClvFitResult; chart: ClvChartData };
export type FitResponse = { id: number; result: Fitted } | { id: number; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<FitRequest>) => {
  const { id, summary } = e.data;
  try {
    const fit = fitAll(summary);
    const chart = clvChartData(summary, fit.perCustomer);
    const p = fit.perCustomer;
    const moved = [p.pAlive.buffer, p.expectedPurchases.buffer, p.expectedAverageValue.buffer, p.expectedValue.buffer, chart.points.buffer];
    scope.postMessage({ id, result: { fit, chart } } satisfies FitResponse, moved);
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies FitResponse);
  }
};
