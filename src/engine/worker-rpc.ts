import { trampolineWorker } from './trampoline';

/** A worker that answers each `{ id, ...request }` with `{ id, result }` or `{ id, error }`. */
export interface WorkerRpc<Request extends object> {
  /**
   * With a `signal`, aborting rejects the call with an AbortError and asks the worker to drop
   * it if it has not started (`{ cancel: id }`; a worker that cannot simply ignores it).
   */
  call(request: Request, transfer?: Transferable[], signal?: AbortSignal, sent?: (id: number) => void): Promise<unknown>;
  /** A message about a call already sent (it has no answer of its own). */
  notify(message: object): void;
  terminate(): void;
}

type Response = { id: number; result: unknown } | { id: number; error: string };

/**
 * Starts a built worker through the CSP trampoline (a module worker on the dev server, which
 * serves workers as ES modules that importScripts cannot load) and matches answers to calls.
 */
export function startWorker<Request extends object>(url: string, name: string): WorkerRpc<Request> {
  const worker = import.meta.env.DEV ? new Worker(url, { type: 'module' }) : trampolineWorker(url);
  let seq = 0;
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (e: Error) => void }>();
  worker.onmessage = (e: MessageEvent<Response>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if ('error' in e.data) p.reject(new Error(e.data.error));
    else p.resolve(e.data.result);
  };
  // A worker that fails to start or crashes fails every call instead of leaving it waiting.
  worker.onerror = (e: ErrorEvent) => {
    const err = new Error(e.message || `${name} worker failed`);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  return {
    call: (request, transfer = [], signal, sent) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const id = ++seq;
        const done = () => signal?.removeEventListener('abort', abort);
        const abort = () => {
          pending.delete(id);
          worker.postMessage({ cancel: id });
          reject(signal?.reason);
        };
        pending.set(id, { resolve: (r) => (done(), resolve(r)), reject: (e) => (done(), reject(e)) });
        signal?.addEventListener('abort', abort, { once: true });
        worker.postMessage({ id, ...request }, transfer);
        sent?.(id);
      }),
    notify: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
  };
}
