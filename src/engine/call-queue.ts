/**
 * The DuckDB worker's queue of calls. The worker answers one call at a time, lowest priority
 * number first, and the page may take back a call it no longer needs (a panel whose options
 * changed again) as long as the call has not started: a user clicking through three grains then
 * waits for the last one only.
 *
 * Why not a promise chain: each call would then run in the task of its own message, so a
 * cancellation, sent after the calls it cancels, would arrive only once they had all run. Here a
 * message only queues its call; calls run one per task of their own, scheduled behind the
 * messages that arrived while the previous call ran, so those are seen first.
 */
export interface QueuedCall<C> {
  id: number;
  call: C;
  /** Lowest first, then in the order sent. */
  priority: number;
}

export class CallQueue<C> {
  #waiting: QueuedCall<C>[] = [];
  #busy = false;
  readonly #run: (c: QueuedCall<C>) => Promise<void>;
  readonly #cancelled: (id: number) => void;
  readonly #later: (f: () => void) => void;

  /**
   * `run` answers one call (and posts the answer); `cancelled` answers a call taken back before it
   * ran; `later` runs a function in a task of its own, after the tasks already queued.
   */
  constructor(run: (c: QueuedCall<C>) => Promise<void>, cancelled: (id: number) => void, later: (f: () => void) => void) {
    this.#run = run;
    this.#cancelled = cancelled;
    this.#later = later;
  }

  push(c: QueuedCall<C>): void {
    const after = this.#waiting.findIndex((w) => w.priority > c.priority);
    this.#waiting.splice(after < 0 ? this.#waiting.length : after, 0, c);
    if (!this.#busy) {
      this.#busy = true;
      this.#later(() => void this.#next());
    }
  }

  /** Takes back a call that has not started; one that has started or is done is left alone. */
  cancel(id: number): void {
    const i = this.#waiting.findIndex((c) => c.id === id);
    if (i < 0) return;
    this.#waiting.splice(i, 1);
    this.#cancelled(id);
  }

  async #next(): Promise<void> {
    const c = this.#waiting.shift();
    if (!c) {
      this.#busy = false;
      return;
    }
    // `run` answers its call, failures included; a throw that escapes it must not stop the queue.
    await this.#run(c).catch(() => undefined);
    this.#later(() => void this.#next());
  }
}

/** The answer to a call taken back before it ran (the page sees an AbortError). */
export const CANCELLED = 'cancelled: superseded before it ran';
