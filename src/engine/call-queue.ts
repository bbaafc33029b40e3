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
  /** Lowest first, then in the order sent. A negative priority marks a follow-up (see Session.query). */
  priority: number;
  /** The caller asks again as soon as it has this answer: DuckDB waits a moment for that follow-up. */
  followUp?: boolean;
}

/**
 * How long DuckDB waits for a follow-up before it starts on other calls, at most. The page needs a
 * round trip to ask it (about a millisecond when its thread is free, longer while it draws a
 * chart); without the wait, each step of a panel that asks step by step queued behind another
 * panel's query, 20–300 ms at 1 M rows. The wait is also at most half the time the answered call
 * took: where queries are quick, waiting costs more than letting another one go first.
 */
export const FOLLOW_UP_WAIT_MS = 20;

export class CallQueue<C> {
  #waiting: QueuedCall<C>[] = [];
  #busy = false;
  readonly #run: (c: QueuedCall<C>) => Promise<void>;
  readonly #cancelled: (id: number) => void;
  readonly #later: (f: () => void) => void;
  readonly #wait: (f: () => void, ms: number) => () => void;
  readonly #now: () => number;
  /** Ends the wait for a follow-up early (set while DuckDB waits for one). */
  #stopWaiting: (() => void) | null = null;

  /**
   * `run` answers one call (and posts the answer); `cancelled` answers a call taken back before it
   * ran; `later` runs a function in a task of its own, after the tasks already queued; `wait` runs
   * one after `ms` milliseconds and returns what cancels it; `now` is the clock in milliseconds.
   */
  constructor(
    run: (c: QueuedCall<C>) => Promise<void>,
    cancelled: (id: number) => void,
    later: (f: () => void) => void,
    wait: (f: () => void, ms: number) => () => void = (f, ms) => {
      const t = setTimeout(f, ms);
      return () => clearTimeout(t);
    },
    now: () => number = () => performance.now(),
  ) {
    this.#run = run;
    this.#cancelled = cancelled;
    this.#later = later;
    this.#wait = wait;
    this.#now = now;
  }

  push(c: QueuedCall<C>): void {
    const after = this.#waiting.findIndex((w) => w.priority > c.priority);
    this.#waiting.splice(after < 0 ? this.#waiting.length : after, 0, c);
    if (this.#stopWaiting && c.priority < 0) this.#stopWaiting();
    else if (!this.#busy) {
      this.#busy = true;
      this.#later(() => void this.#next());
    }
  }

  /** Moves a call that has not started up to a more urgent (lower) priority; others are left alone. */
  promote(id: number, priority: number): void {
    const i = this.#waiting.findIndex((c) => c.id === id);
    const c = this.#waiting[i];
    if (!c || c.priority <= priority) return;
    this.#waiting.splice(i, 1);
    this.push({ ...c, priority });
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
    const started = this.#now();
    await this.#run(c).catch(() => undefined);
    const wait = Math.min(FOLLOW_UP_WAIT_MS, (this.#now() - started) / 2);
    if (c.followUp && wait >= 1 && !this.#waiting.some((w) => w.priority < 0)) this.#waitForFollowUp(wait);
    else this.#later(() => void this.#next());
  }

  #waitForFollowUp(ms: number): void {
    let cancelTimer: (() => void) | null = null;
    const go = () => {
      if (this.#stopWaiting !== go) return;
      this.#stopWaiting = null;
      cancelTimer?.();
      this.#later(() => void this.#next());
    };
    this.#stopWaiting = go;
    cancelTimer = this.#wait(go, ms);
  }
}

/** The answer to a call taken back before it ran (the page sees an AbortError). */
export const CANCELLED = 'cancelled: superseded before it ran';
