/**
 * Query results kept per query text until the data changes: panels that ask the same question
 * (the KPI strip and the CRR panel, say) share one run, and going back to an earlier setting is
 * instant. A query every waiting panel has given up on (their options changed again) is taken
 * back from DuckDB's queue if it has not started, so a user clicking through settings waits for
 * the last one only.
 */
interface Entry {
  promise: Promise<unknown>;
  abort: AbortController;
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

  /** The result of `run` for `key`, run once; `signal` says when this caller no longer needs it. */
  get<T>(key: string, run: (signal: AbortSignal) => Promise<T>, signal: AbortSignal | null): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let e = this.#entries.get(key);
    if (e) {
      // Most recently used last: the first key is the one to evict.
      this.#entries.delete(key);
      this.#entries.set(key, e);
    } else {
      e = this.#start(key, run);
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

  #start<T>(key: string, run: (signal: AbortSignal) => Promise<T>): Entry {
    const abort = new AbortController();
    const e: Entry = { promise: run(abort.signal), abort, waiting: 0, settled: false };
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
