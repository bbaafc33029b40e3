import { describe, expect, it } from 'vitest';
import { CallQueue, FOLLOW_UP_WAIT_MS } from '../../src/engine/call-queue';

/** A task queue run by hand: `later` queues a task, `step` runs the next one. */
function tasks() {
  const queued: (() => void)[] = [];
  return {
    later: (f: () => void) => void queued.push(f),
    async step() {
      queued.shift()?.();
      // Let the call's promise settle (run is async).
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
    get pending() {
      return queued.length;
    },
  };
}

describe('CallQueue', () => {
  it('runs calls one at a time, in the order they came, each in a task of its own', async () => {
    const t = tasks();
    const ran: number[] = [];
    const q = new CallQueue<string>(async (c) => void ran.push(c.id), () => undefined, t.later);
    q.push({ id: 1, call: 'a', priority: 0 });
    q.push({ id: 2, call: 'b', priority: 0 });
    expect(ran).toEqual([]);
    await t.step();
    expect(ran).toEqual([1]);
    await t.step();
    expect(ran).toEqual([1, 2]);
    await t.step();
    expect(t.pending).toBe(0);
  });

  it('answers a call taken back before it started as cancelled, and never runs it', async () => {
    const t = tasks();
    const ran: number[] = [];
    const cancelled: number[] = [];
    const q = new CallQueue<string>(async (c) => void ran.push(c.id), (id) => void cancelled.push(id), t.later);
    for (const id of [1, 2, 3]) q.push({ id, call: 'x', priority: 0 });
    await t.step();
    // Call 1 is done; 2 and 3 wait. Taking back 1 (done) and 99 (unknown) changes nothing.
    q.cancel(1);
    q.cancel(99);
    q.cancel(2);
    expect(cancelled).toEqual([2]);
    while (t.pending) await t.step();
    expect(ran).toEqual([1, 3]);
  });

  it('sees a cancellation that arrives while a call runs before it starts the next call', async () => {
    const t = tasks();
    const ran: number[] = [];
    let q: CallQueue<string>;
    // While call 1 runs, the page takes back call 2: its message is handled (here, directly)
    // before the task that starts the next call.
    q = new CallQueue<string>(
      async (c) => {
        ran.push(c.id);
        if (c.id === 1) q.cancel(2);
      },
      () => undefined,
      t.later,
    );
    for (const id of [1, 2, 3]) q.push({ id, call: 'x', priority: 0 });
    while (t.pending) await t.step();
    expect(ran).toEqual([1, 3]);
  });

  it('keeps going after a call that throws', async () => {
    const t = tasks();
    const ran: number[] = [];
    const q = new CallQueue<string>(
      async (c) => {
        ran.push(c.id);
        if (c.id === 1) throw new Error('boom');
      },
      () => undefined,
      t.later,
    );
    q.push({ id: 1, call: 'x', priority: 0 });
    q.push({ id: 2, call: 'y', priority: 0 });
    while (t.pending) await t.step();
    expect(ran).toEqual([1, 2]);
  });

  it('runs a waiting call with a lower priority number first, equal ones in the order sent', async () => {
    const t = tasks();
    const ran: string[] = [];
    const q = new CallQueue<string>(async (c) => void ran.push(c.call), () => undefined, t.later);
    q.push({ id: 1, call: 'first', priority: 0 });
    q.push({ id: 2, call: 'panel b', priority: 0 });
    q.push({ id: 3, call: 'panel c', priority: 0 });
    q.push({ id: 4, call: 'follow-up', priority: -1 });
    q.push({ id: 5, call: 'third step', priority: -2 });
    q.push({ id: 6, call: 'another follow-up', priority: -1 });
    while (t.pending) await t.step();
    expect(ran).toEqual(['third step', 'follow-up', 'another follow-up', 'first', 'panel b', 'panel c']);
  });

  it('moves a waiting call up to a more urgent priority, and leaves the others alone', async () => {
    const t = tasks();
    const ran: string[] = [];
    const q = new CallQueue<string>(async (c) => void ran.push(c.call), () => undefined, t.later);
    q.push({ id: 1, call: 'running', priority: 0 });
    await t.step();
    q.push({ id: 2, call: 'panel b', priority: 0 });
    q.push({ id: 3, call: 'stickiness, asked first by its panel', priority: 0 });
    q.push({ id: 4, call: 'follow-up', priority: -1 });
    // The key figures' last step is the stickiness query: moved up to the step's priority.
    q.promote(3, -3);
    // Not less urgent, not once started, not an unknown call.
    q.promote(4, 0);
    q.promote(1, -9);
    q.promote(99, -9);
    while (t.pending) await t.step();
    expect(ran).toEqual(['running', 'stickiness, asked first by its panel', 'follow-up', 'panel b']);
  });

  describe('waiting for a follow-up', () => {
    /** Timers run by hand: `fire` runs every timer that is still set. */
    function timers() {
      const set = new Map<number, { f: () => void; ms: number }>();
      let n = 0;
      return {
        wait: (f: () => void, ms: number) => {
          const id = ++n;
          set.set(id, { f, ms });
          return () => void set.delete(id);
        },
        fire() {
          const all = [...set.values()];
          set.clear();
          for (const t of all) t.f();
        },
        get delays() {
          return [...set.values()].map((t) => t.ms);
        },
      };
    }

    /** A clock on which every call takes `ms` (100 unless changed). */
    function clock() {
      let now = 0;
      return { ms: 100, now: () => now, tick(ms: number) { now += ms; } };
    }

    /** A queue on hand-run tasks, timers and clock; `also` runs inside each call (to push more). */
    function setup(also?: (id: number, q: CallQueue<string>) => void) {
      const t = tasks();
      const w = timers();
      const k = clock();
      const ran: string[] = [];
      const q: CallQueue<string> = new CallQueue<string>(
        async (c) => {
          k.tick(k.ms);
          ran.push(c.call);
          also?.(c.id, q);
        },
        () => undefined,
        t.later,
        w.wait,
        k.now,
      );
      return { t, w, k, ran, q };
    }

    it("holds other panels' queries until the follow-up arrives", async () => {
      const { t, w, ran, q } = setup();
      q.push({ id: 1, call: 'kpi step 1', priority: 0, followUp: true });
      q.push({ id: 2, call: 'cohorts', priority: 0 });
      await t.step();
      // Step 1 answered: DuckDB waits (a timer is set) instead of starting the cohorts' query.
      expect(ran).toEqual(['kpi step 1']);
      expect(t.pending).toBe(0);
      expect(w.delays).toEqual([FOLLOW_UP_WAIT_MS]);
      // The page asks step 2 (a follow-up: negative priority): it runs next, and the timer goes.
      q.push({ id: 3, call: 'kpi step 2', priority: -1 });
      expect(w.delays).toEqual([]);
      while (t.pending) await t.step();
      expect(ran).toEqual(['kpi step 1', 'kpi step 2', 'cohorts']);
    });

    it('goes on with the other queries when the follow-up does not come in time', async () => {
      const { t, w, ran, q } = setup();
      q.push({ id: 1, call: 'kpi step 1', priority: 0, followUp: true });
      q.push({ id: 2, call: 'cohorts', priority: 0 });
      await t.step();
      expect(t.pending).toBe(0);
      w.fire();
      while (t.pending) await t.step();
      expect(ran).toEqual(['kpi step 1', 'cohorts']);
      // A follow-up arriving after that simply queues: no second start, nothing waits.
      q.push({ id: 3, call: 'kpi step 2', priority: -1 });
      while (t.pending) await t.step();
      expect(ran).toEqual(['kpi step 1', 'cohorts', 'kpi step 2']);
      expect(w.delays).toEqual([]);
    });

    it('does not wait when a follow-up is already queued, and a new first query does not end the wait', async () => {
      // Step 2 of another panel arrives while a's step 1 runs.
      const { t, w, ran, q } = setup((id, queue) => {
        if (id === 1) queue.push({ id: 2, call: 'b step 2', priority: -1 });
      });
      q.push({ id: 1, call: 'a step 1', priority: 0, followUp: true });
      await t.step();
      expect(w.delays).toEqual([]);
      await t.step();
      expect(ran).toEqual(['a step 1', 'b step 2']);
      q.push({ id: 3, call: 'c step 1', priority: 0, followUp: true });
      await t.step();
      await t.step();
      expect(w.delays).toEqual([FOLLOW_UP_WAIT_MS]);
      // Another panel's first query arrives during the wait: it waits too.
      q.push({ id: 4, call: 'd', priority: 0 });
      expect(t.pending).toBe(0);
      q.push({ id: 5, call: 'c step 2', priority: -1 });
      while (t.pending) await t.step();
      expect(ran).toEqual(['a step 1', 'b step 2', 'c step 1', 'c step 2', 'd']);
    });
  
    it('waits at most half as long as the answered call took', async () => {
      const { t, w, k, ran, q } = setup();
      k.ms = 10;
      q.push({ id: 1, call: 'quick step 1', priority: 0, followUp: true });
      q.push({ id: 2, call: 'other', priority: 0 });
      await t.step();
      expect(w.delays).toEqual([5]);
      w.fire();
      while (t.pending) await t.step();
      // Under 2 ms: no wait at all.
      k.ms = 1;
      q.push({ id: 3, call: 'quicker step 1', priority: 0, followUp: true });
      q.push({ id: 4, call: 'another', priority: 0 });
      while (t.pending) await t.step();
      expect(w.delays).toEqual([]);
      expect(ran).toEqual(['quick step 1', 'other', 'quicker step 1', 'another']);
    });
  });
});
