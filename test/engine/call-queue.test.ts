import { describe, expect, it } from 'vitest';
import { CallQueue } from '../../src/engine/call-queue';

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
});
