import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Frames run by hand: each call runs the callbacks requested (and not cancelled) so far. */
let pending = new Map<number, FrameRequestCallback>();
let ids = 0;
function frame(): void {
  const now = [...pending.values()];
  pending = new Map();
  for (const cb of now) cb(0);
}

describe('chart draw queue', () => {
  beforeEach(() => {
    pending = new Map();
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => (pending.set(++ids, cb), ids));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => pending.delete(id));
    vi.resetModules();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('gives each chart that changed a turn of its own, with a free frame after it', async () => {
    const { scheduleDraw } = await import('../../src/components/chart-draw-queue');
    const ran: string[] = [];
    for (const name of ['a', 'b']) scheduleDraw({}, () => (ran.push(name), true));
    frame(); // the free frame before the first turn
    frame();
    expect(ran).toEqual(['a']);
    frame(); // a's paint
    expect(ran).toEqual(['a']);
    frame();
    expect(ran).toEqual(['a', 'b']);
  });

  it('lets quick jobs that change nothing share a turn', async () => {
    const { scheduleDraw } = await import('../../src/components/chart-draw-queue');
    const ran: string[] = [];
    for (const name of ['a', 'b', 'c']) scheduleDraw({}, () => (ran.push(name), false));
    frame();
    frame();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('runs a chart asked for twice before its turn once, with the newest job', async () => {
    const { scheduleDraw } = await import('../../src/components/chart-draw-queue');
    const key = {};
    const ran: string[] = [];
    scheduleDraw(key, () => (ran.push('old'), true));
    scheduleDraw(key, () => (ran.push('new'), true));
    frame();
    frame();
    frame();
    frame();
    expect(ran).toEqual(['new']);
  });

  it('draws no chart in a frame that mounts part of the page, nor in the one after', async () => {
    const { deferDraws, scheduleDraw } = await import('../../src/components/chart-draw-queue');
    const ran: string[] = [];
    scheduleDraw({}, () => (ran.push('a'), true));
    frame(); // the free frame before the turn
    deferDraws(); // a panel mounts in the frame that would have drawn a
    frame();
    expect(ran).toEqual([]);
    frame();
    expect(ran).toEqual(['a']);
  });

  it('leaves an idle queue idle', async () => {
    const { deferDraws } = await import('../../src/components/chart-draw-queue');
    deferDraws();
    expect(pending.size).toBe(0);
  });
});
