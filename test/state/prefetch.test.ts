import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Activity, otherGrains, otherLnessWindows, otherSegments, Prefetch, variantsOf, type PrefetchHost } from '../../src/state/prefetch';
import { DEFAULT_OPTIONS, type Grain, type MetricOptions } from '../../src/metrics/types';
import type { Connector } from '../../src/engine/connector';

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A host whose runs answer when told to; `quiet` opens and closes by hand. */
function host() {
  const runs: { signal: AbortSignal; answer: () => void }[] = [];
  let open = true;
  let waiting: (() => void)[] = [];
  const h: PrefetchHost = {
    run: (signal, work) =>
      new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason));
        runs.push({ signal, answer: () => resolve(work({} as Connector)) });
      }),
    quiet: () => (open ? Promise.resolve() : new Promise((r) => waiting.push(r))),
  };
  return {
    h,
    runs,
    close: () => (open = false),
    open: () => {
      open = true;
      waiting.splice(0).forEach((r) => r());
    },
    get waiting() {
      return waiting.length;
    },
    reset: () => (waiting = []),
  };
}

const withGrain = (grain: Grain): MetricOptions => ({ ...DEFAULT_OPTIONS, grain });

describe('otherGrains', () => {
  it('gives the nearest grains first, without the current one and without day', () => {
    expect(otherGrains('month')).toEqual(['week', 'quarter', 'year']);
    expect(otherGrains('week')).toEqual(['month', 'quarter', 'year']);
    expect(otherGrains('year')).toEqual(['quarter', 'month', 'week']);
    expect(otherGrains('day')).toEqual(['week', 'month', 'quarter', 'year']);
  });
});

describe('variantsOf', () => {
  it('gives the other grains, then the other Lness windows nearest first, then the segments, each changing one option', () => {
    const o: MetricOptions = { ...DEFAULT_OPTIONS, grain: 'month', lnessWindow: 28, segment: { column: 's1', values: ['a'] } };
    const offered = [
      { column: 's1', values: ['a'] },
      { column: 's1', values: ['b'] },
    ];
    expect(variantsOf(o, offered)).toEqual([
      { ...o, grain: 'week' },
      { ...o, grain: 'quarter' },
      { ...o, grain: 'year' },
      { ...o, lnessWindow: 30 },
      { ...o, lnessWindow: 14 },
      { ...o, lnessWindow: 7 },
      { ...o, segment: null },
      { ...o, segment: { column: 's1', values: ['b'] } },
    ]);
  });

  it('offers each segment value, or no filter and the other values once one is chosen', () => {
    const offered = ['web', 'app', 'shop'].map((v) => ({ column: 's1', values: [v] }));
    expect(otherSegments(null, offered)).toEqual(offered);
    expect(otherSegments({ column: 's1', values: ['app'] }, offered)).toEqual([null, offered[0], offered[2]]);
    // A filter of several values (set in the controls) is not one of the offered.
    expect(otherSegments({ column: 's1', values: ['web', 'app'] }, offered)).toEqual([null, ...offered]);
    expect(otherSegments({ column: 's2', values: ['web'] }, offered)).toEqual([null, ...offered]);
    expect(variantsOf({ ...DEFAULT_OPTIONS }).some((v) => v.segment !== null)).toBe(false);
  });

  it('offers every panel window when the current one came from a link and is not among them', () => {
    expect(otherLnessWindows(21)).toEqual([14, 28, 30, 7]);
    expect(otherLnessWindows(7)).toEqual([14, 28, 30]);
  });
});

describe('Prefetch', () => {
  it('runs every plan for every variant, one at a time, in order', async () => {
    const x = host();
    const p = new Prefetch(x.h);
    const seen: string[] = [];
    p.add(async (o) => seen.push(`a:${o.grain}`));
    p.add(async (o) => seen.push(`b:${o.grain}`));
    p.start(() => [withGrain('week'), withGrain('quarter')]);
    for (let i = 0; i < 4; i++) {
      await settle();
      // The next plan is not sent before the one in flight is answered.
      expect(x.runs).toHaveLength(i + 1);
      x.runs[i]?.answer();
    }
    await p.settled();
    expect(seen).toEqual(['a:week', 'b:week', 'a:quarter', 'b:quarter']);
  });

  it('waits for the page to be quiet before each plan', async () => {
    const x = host();
    const p = new Prefetch(x.h);
    p.add(async () => undefined);
    p.add(async () => undefined);
    x.close();
    p.start(() => [withGrain('week')]);
    await settle();
    expect(x.runs).toHaveLength(0);
    x.open();
    await settle();
    expect(x.runs).toHaveLength(1);
    x.close();
    x.runs[0]?.answer();
    await settle();
    expect(x.runs).toHaveLength(1);
    expect(x.waiting).toBe(1);
    x.open();
    await settle();
    expect(x.runs).toHaveLength(2);
  });

  it('lists the variants only once the page is quiet: what is offered may come with the last answers', async () => {
    const x = host();
    const p = new Prefetch(x.h);
    const seen: string[] = [];
    p.add(async (o) => seen.push(o.segment?.values[0] ?? 'all'));
    const offered: string[] = [];
    x.close();
    p.start(() => offered.map((v) => ({ ...DEFAULT_OPTIONS, segment: { column: 's1', values: [v] } })));
    await settle();
    offered.push('web', 'app');
    x.open();
    await settle();
    x.runs[0]?.answer();
    await settle();
    x.runs[1]?.answer();
    await p.settled();
    expect(seen).toEqual(['web', 'app']);
  });

  it('starts a round only once the page is ready (has drawn its answers)', async () => {
    const x = host();
    const p = new Prefetch(x.h);
    p.add(async () => undefined);
    let drawn: () => void = () => undefined;
    p.start(() => [withGrain('week')], () => new Promise((r) => (drawn = r)));
    await settle();
    expect(x.runs).toHaveLength(0);
    drawn();
    await settle();
    expect(x.runs).toHaveLength(1);
  });

  it('stops a round when stopped or restarted: its query in flight is aborted and nothing more is sent', async () => {
    const x = host();
    const p = new Prefetch(x.h);
    const seen: string[] = [];
    p.add(async (o) => seen.push(o.grain));
    p.start(() => [withGrain('week'), withGrain('quarter'), withGrain('year')]);
    await settle();
    p.start(() => [withGrain('month')]);
    expect(x.runs[0]?.signal.aborted).toBe(true);
    await settle();
    expect(x.runs).toHaveLength(2);
    x.runs[1]?.answer();
    await p.settled();
    expect(seen).toEqual(['month']);
    p.start(() => [withGrain('week')]);
    p.stop();
    await p.settled();
    expect(x.runs).toHaveLength(2);
  });

  it('skips a plan unregistered meanwhile, and goes on after a plan fails', async () => {
    const x = host();
    const p = new Prefetch(x.h);
    const seen: string[] = [];
    p.add(async () => {
      throw new Error('no such table');
    });
    const remove = p.add(async () => seen.push('gone'));
    p.add(async (o) => seen.push(o.grain));
    p.start(() => [withGrain('week')]);
    await settle();
    remove();
    x.runs[0]?.answer();
    await settle();
    x.runs[1]?.answer();
    await p.settled();
    expect(x.runs).toHaveLength(2);
    expect(seen).toEqual(['week']);
  });
});

describe('Activity', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is quiet once no query has been in flight for the quiet time', async () => {
    const a = new Activity(100);
    let quiet = false;
    a.begin();
    void a.quiet().then(() => (quiet = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(quiet).toBe(false);
    a.end();
    await vi.advanceTimersByTimeAsync(60);
    // A query asked within the quiet time starts it again.
    a.begin();
    a.end();
    await vi.advanceTimersByTimeAsync(60);
    expect(quiet).toBe(false);
    await vi.advanceTimersByTimeAsync(40);
    expect(quiet).toBe(true);
  });

  it('is quiet after the quiet time when nothing was asked', async () => {
    const a = new Activity(100);
    let quiet = false;
    void a.quiet().then(() => (quiet = true));
    await vi.advanceTimersByTimeAsync(99);
    expect(quiet).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(quiet).toBe(true);
  });

  it('answers at once when the page has been quiet long enough, and waits only the rest otherwise', async () => {
    const a = new Activity(100);
    a.begin();
    a.end();
    await vi.advanceTimersByTimeAsync(150);
    let quiet = false;
    void a.quiet().then(() => (quiet = true));
    await vi.advanceTimersByTimeAsync(0);
    // A round asks quiet() before every plan: it must not wait the quiet time each time.
    expect(quiet).toBe(true);
    a.begin();
    a.end();
    await vi.advanceTimersByTimeAsync(70);
    quiet = false;
    void a.quiet().then(() => (quiet = true));
    await vi.advanceTimersByTimeAsync(29);
    expect(quiet).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(quiet).toBe(true);
  });
});
