import { describe, expect, it } from 'vitest';
import { SharedQueries } from '../../src/state/shared-queries';

/** A query that answers when told to, and records whether it was taken back. */
function deferred() {
  let resolve!: (v: string) => void;
  let reject!: (e: unknown) => void;
  const runs: AbortSignal[] = [];
  const run = (signal: AbortSignal) => {
    runs.push(signal);
    return new Promise<string>((res, rej) => {
      resolve = res;
      reject = rej;
      signal.addEventListener('abort', () => rej(signal.reason));
    });
  };
  return { run, runs, resolve: (v: string) => resolve(v), reject: (e: unknown) => reject(e) };
}

/** `later` run by hand. */
function laterQueue() {
  const queued: (() => void)[] = [];
  return { later: (f: () => void) => void queued.push(f), flush: () => queued.splice(0).forEach((f) => f()) };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('SharedQueries', () => {
  it('runs a query once for every caller that asks for it, and keeps the answer', async () => {
    const l = laterQueue();
    const s = new SharedQueries(10, l.later);
    const q = deferred();
    const a = s.get('q', q.run, new AbortController().signal);
    const b = s.get('q', q.run, null);
    q.resolve('rows');
    expect(await a).toBe('rows');
    expect(await b).toBe('rows');
    expect(await s.get('q', q.run, new AbortController().signal)).toBe('rows');
    expect(q.runs).toHaveLength(1);
  });

  it('moves a waiting query up when a caller needs it more urgently than the one who asked it', async () => {
    const l = laterQueue();
    const s = new SharedQueries(10, l.later);
    const q = deferred();
    const promoted: number[] = [];
    const run = (signal: AbortSignal, handle: { promote?: (p: number) => void }) => {
      handle.promote = (p) => promoted.push(p);
      return q.run(signal);
    };
    void s.get('q', run, null, 0);
    void s.get('q', run, null, 1);
    void s.get('q', run, null, -2);
    void s.get('q', run, null, -1);
    expect(promoted).toEqual([-2]);
    q.resolve('rows');
    expect(await s.get('q', run, null, 0)).toBe('rows');
    await s.get('q', run, null, -5);
    // Answered: nothing left to move.
    expect(promoted).toEqual([-2]);
    expect(q.runs).toHaveLength(1);
  });

  it('takes a query back once every caller waiting for it has given up', async () => {
    const l = laterQueue();
    const s = new SharedQueries(10, l.later);
    const q = deferred();
    const one = new AbortController();
    const two = new AbortController();
    const a = s.get('q', q.run, one.signal).catch((e: unknown) => e);
    const b = s.get('q', q.run, two.signal).catch((e: unknown) => e);
    one.abort();
    l.flush();
    expect(q.runs[0]?.aborted).toBe(false);
    two.abort();
    l.flush();
    expect(q.runs[0]?.aborted).toBe(true);
    expect(await a).toBeInstanceOf(DOMException);
    expect(await b).toBeInstanceOf(DOMException);
    // Forgotten: asking again runs it again.
    const again = deferred();
    const c = s.get('q', again.run, null);
    again.resolve('fresh');
    expect(await c).toBe('fresh');
  });

  it('keeps a query that a re-run of the same panel asks for again right after giving it up', async () => {
    const l = laterQueue();
    const s = new SharedQueries(10, l.later);
    const q = deferred();
    const first = new AbortController();
    void s.get('q', q.run, first.signal).catch(() => undefined);
    first.abort();
    const second = s.get('q', q.run, new AbortController().signal);
    l.flush();
    expect(q.runs).toHaveLength(1);
    expect(q.runs[0]?.aborted).toBe(false);
    q.resolve('rows');
    expect(await second).toBe('rows');
  });

  it('never takes back a query a caller without a signal waits for, nor one already answered', async () => {
    const l = laterQueue();
    const s = new SharedQueries(10, l.later);
    const q = deferred();
    const stop = new AbortController();
    void s.get('q', q.run, null);
    void s.get('q', q.run, stop.signal).catch(() => undefined);
    stop.abort();
    l.flush();
    expect(q.runs[0]?.aborted).toBe(false);

    const done = deferred();
    const late = new AbortController();
    const p = s.get('d', done.run, late.signal);
    done.resolve('kept');
    await settle();
    late.abort();
    l.flush();
    expect(await p).toBe('kept');
    expect(done.runs[0]?.aborted).toBe(false);
  });

  it('rejects at once for a caller that has already given up, without running anything', async () => {
    const s = new SharedQueries(10, laterQueue().later);
    const q = deferred();
    const stop = new AbortController();
    stop.abort();
    await expect(s.get('q', q.run, stop.signal)).rejects.toBeInstanceOf(DOMException);
    expect(q.runs).toHaveLength(0);
  });

  it('forgets failed queries and keeps at most `limit` answers, least recently used out first', async () => {
    const s = new SharedQueries(2, laterQueue().later);
    const bad = deferred();
    const p = s.get('bad', bad.run, null);
    bad.reject(new Error('syntax'));
    await expect(p).rejects.toThrow('syntax');
    await settle();
    expect(s.size).toBe(0);
    const ran: string[] = [];
    const run = (k: string) => async () => (ran.push(k), k);
    await s.get('a', run('a'), null);
    await s.get('b', run('b'), null);
    await s.get('a', run('a'), null); // a is now the most recent
    await s.get('c', run('c'), null); // evicts b
    await s.get('a', run('a'), null);
    await s.get('b', run('b'), null);
    expect(ran).toEqual(['a', 'b', 'c', 'b']);
  });
});
