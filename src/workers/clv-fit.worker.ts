/// <reference lib="webworker" />
// Fits BG/NBD and Gamma-Gamma off the main thread: a fit over tens of thousands of customers
// takes hundreds of milliseconds and must not freeze the page.
import { fitAll, type ClvFitResult } from '../metrics/clv-model';
import type { ClvSummary } from '../metrics/clv-summary';

/** The summary without its customer ids: the fit reads only the numeric columns. */
export type FitSummary = Omit<ClvSummary, 'customerIds'>;
export type FitRequest = { id: number; summary: FitSummary };
export type FitResponse = { id: number; result: ClvFitResult } | { id: number; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<FitRequest>) => {
  const { id, summary } = e.data;
  try {
    const result = fitAll({ ...summary, customerIds: [] });
    const p = result.perCustomer;
    scope.postMessage({ id, result } satisfies FitResponse, [p.pAlive.buffer, p.expectedPurchases.buffer, p.expectedAverageValue.buffer, p.expectedValue.buffer]);
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies FitResponse);
  }
};
