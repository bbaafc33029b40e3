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

  it('gives each new chart a turn of its own, with a free frame for its paint after it', async () => {
    const { scheduleDraw } = await import('../../src/components/chart-draw-queue');
    const ran: string[] = [];
    for (const name of ['a', 'b']) scheduleDraw({}, () => (ran.push(name), 'paintsNext'));
    frame();
    expect(ran).toEqual(['a']);
    frame(); // a's paint
    expect(ran).toEqual(['a']);
    frame();
    expect(ran).toEqual(['a', 'b']);
  });

  it('leaves the paint frame free for a chart asked for after a new chart was laid out', async () => {
    const { scheduleDraw } = await import('../../src/components/chart-draw-queue');
    const ran: string[] = [];
    scheduleDraw({}, () => (ran.push('new'), 'paintsNext'));
    frame();
    scheduleDraw({}, () => (ran.push('later'), 'painted'));
    frame(); // new's paint
    expect(ran).toEqual(['new']);
    frame();
    expect(ran).toEqual(['new', 'later']);
  });

  it('says the page has drawn only once every chart has had its turn and its paint', async () => {
    const { scheduleDraw, drawsDone } = await import('../../src/components/chart-draw-queue');
    let done = false;
    for (const name of ['a', 'b']) scheduleDraw({ name }, () => 'paintsNext');
    void drawsDone().then(() => (done = true));
    const flush = async () => {
      frame();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    await flush(); // a
    await flush(); // a's paint
    await flush(); // b
    expect(done).toBe(false);
    await flush(); // b's paint
    await flush();
    expect(done).toBe(true);
    // With nothing to draw, at once.
    let now = false;
    void drawsDone().then(() => (now = true));
    await Promise.resolve();
    expect(now).toBe(true);
  });

  it('lets quick jobs that change nothing share a turn', async () => {
    const { scheduleDraw } = await import('../../src/components/chart-draw-queue');
    const ran: string[] = [];
    for (const name of ['a', 'b', 'c']) scheduleDraw({}, () => (ran.push(name), 'nothing'));
    frame();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('redraws charts already shown one after another in a frame while it is short, and goes on in the next frame', async () => {
    let clock = 0;
    vi.stubGlobal('performance', { now: () => clock });
    const { scheduleDraw } = await import('../../src/components/chart-draw-queue');
    const ran: string[] = [];
    // Each chart takes 5 ms to lay out and paint: two fit under the frame's 12 ms, the third ends it.
    for (const name of ['a', 'b', 'c', 'd']) scheduleDraw({}, () => ((clock += 5), ran.push(name), 'painted'));
    frame();
    expect(ran).toEqual(['a', 'b', 'c']);
    // No frame is left free: the charts were painted in their own turn.
    frame();
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
  });

  it('ends the frame after a redraw that took the whole budget, and after a new chart among redraws', async () => {
    let clock = 0;
    vi.stubGlobal('performance', { now: () => clock });
    const { scheduleDraw } = await import('../../src/components/chart-draw-queue');
    const ran: string[] = [];
    scheduleDraw({}, () => ((clock += 40), ran.push('slow'), 'painted'));
    scheduleDraw({}, () => (ran.push('new'), 'paintsNext'));
    scheduleDraw({}, () => (ran.push('after'), 'painted'));
    frame();
    expect(ran).toEqual(['slow']);
    frame();
    expect(ran).toEqual(['slow', 'new']);
    frame(); // the new chart's paint
    expect(ran).toEqual(['slow', 'new']);
    frame();
    expect(ran).toEqual(['slow', 'new', 'after']);
  });

  it('runs a chart asked for twice before its turn once, with the newest job', async () => {
    const { scheduleDraw } = await import('../../src/components/chart-draw-queue');
    const key = {};
    const ran: string[] = [];
    scheduleDraw(key, () => (ran.push('old'), 'paintsNext'));
    scheduleDraw(key, () => (ran.push('new'), 'paintsNext'));
    frame();
    frame();
    frame();
    expect(ran).toEqual(['new']);
  });

  it('draws no chart in a frame that mounts part of the page, nor in the one after', async () => {
    const { deferDraws, scheduleDraw } = await import('../../src/components/chart-draw-queue');
    const ran: string[] = [];
    scheduleDraw({}, () => (ran.push('a'), 'paintsNext'));
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
