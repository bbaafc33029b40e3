/**
 * Query results kept per query text until the data changes: panels that ask the same question
 * (the KPI strip and the CRR panel, say) share one run, and going back to an earlier setting is
 * instant. A query every waiting panel has given up on (their options changed again) is taken
 * back from DuckDB's queue if it has not started, so a user clicking through settings waits for
 * the last one only. A caller that needs a waiting query sooner than the one who asked it moves
 * it up in the queue: a panel's follow-up must not wait behind a query another panel asked first.
 */
import type { QueryHandle } from '../engine/connector';

interface Entry {
  promise: Promise<unknown>;
  abort: AbortController;
  /** Its priority in DuckDB's queue, and what moves it up while it waits (see QueryHandle). */
  priority: number;
  handle: QueryHandle;
  /** Callers still waiting; one that cannot abort keeps the query for good. */
  waiting: number;
  settled: boolean;
}

export class SharedQueries {
  #entries = new Map<string, Entry>();
  readonly #limit: number;
  readonly #later: (f: () => void) => void;

  /**
   * `later` runs a function after the current task: a panel re-run with the same query gives up
   * its first run and asks again a few microtasks later, and should find the query still there.
   */
  constructor(limit: number, later: (f: () => void) => void = (f) => setTimeout(f, 0)) {
    this.#limit = limit;
    this.#later = later;
  }

  /**
   * The result of `run` for `key`, run once at `priority` (lowest first, as in DuckDB's queue);
   * `signal` says when this caller no longer needs it.
   */
  get<T>(key: string, run: (signal: AbortSignal, handle: QueryHandle) => Promise<T>, signal: AbortSignal | null, priority = 0): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let e = this.#entries.get(key);
    if (e) {
      // Most recently used last: the first key is the one to evict.
      this.#entries.delete(key);
      this.#entries.set(key, e);
      if (!e.settled && priority < e.priority) {
        e.priority = priority;
        e.handle.promote?.(priority);
      }
    } else {
      e = this.#start(key, run, priority);
    }
    if (!e.settled) this.#wait(key, e, signal);
    return e.promise as Promise<T>;
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  #start<T>(key: string, run: (signal: AbortSignal, handle: QueryHandle) => Promise<T>, priority: number): Entry {
    const abort = new AbortController();
    const handle: QueryHandle = {};
    const e: Entry = { promise: run(abort.signal, handle), abort, priority, handle, waiting: 0, settled: false };
    e.promise.then(
      () => (e.settled = true),
      () => {
        e.settled = true;
        this.#forget(key, e);
      },
    );
    this.#entries.set(key, e);
    while (this.#entries.size > this.#limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return e;
  }

  #wait(key: string, e: Entry, signal: AbortSignal | null): void {
    if (!signal) {
      e.waiting = Infinity;
      return;
    }
    e.waiting++;
    signal.addEventListener(
      'abort',
      () => {
        e.waiting--;
        this.#later(() => {
          if (e.settled || e.waiting > 0) return;
          this.#forget(key, e);
          e.abort.abort(signal.reason);
        });
      },
      { once: true },
    );
  }

  #forget(key: string, e: Entry): void {
    if (this.#entries.get(key) === e) this.#entries.delete(key);
  }
}
