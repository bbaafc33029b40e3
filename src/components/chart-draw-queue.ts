/**
 * Chart work (create, set an option, resize) runs from one queue, in animation frames. When a load
 * or a control change updated a dozen charts at once, doing it all in one frame froze the page for
 * half a second. Panels still appear as their results arrive.
 *
 * A new chart is laid out in one frame and painted by ECharts in the next, which the queue leaves
 * free: a chart over a large result takes tens of milliseconds to lay out and as long again to
 * paint, and both in one task made the load's longest task. So does a chart whose layout took
 * long. Other charts (a control changed) are laid out and painted at once, and the next chart
 * follows in the same frame while the frame's work stays short: a grain change redraws nine charts,
 * and a frame left idle after each made that half a second.
 */

/** What a job did: nothing visible, a chart drawn and painted, or a chart laid out that ECharts paints in the next frame. */
export type Drawn = 'nothing' | 'painted' | 'paintsNext';
type Job = () => Drawn;

/** Keyed by chart: asking again before the chart's turn keeps its place and runs once. */
const queue = new Map<object, Job>();
let frame = 0;
/** From a turn that laid out a new chart until the frame that paints it begins. */
let painting = false;

/** Jobs share a frame while the frame's work stays this short. */
const FRAME_BUDGET_MS = 12;

/**
 * A chart whose layout took longer than this is painted by ECharts in the next frame rather than
 * at once: its paint would take about as long again, in the same task.
 */
export const PAINT_AT_ONCE_MS = 20;

function run(): void {
  frame = 0;
  const start = performance.now();
  let drawn: Drawn = 'nothing';
  for (const [key, job] of queue) {
    queue.delete(key);
    try {
      drawn = job();
    } catch (e) {
      // One chart failing to draw must not stop the others.
      console.error(e);
      drawn = 'paintsNext';
    }
    if (drawn === 'paintsNext' || performance.now() - start >= FRAME_BUDGET_MS) break;
  }
  if (drawn === 'paintsNext') {
    painting = true;
    requestAnimationFrame(() => (painting = false));
  }
  if (queue.size > 0) next(painting);
}

/**
 * The next turn: in the next frame, or one frame later when the next frame has work of its own
 * (painting the chart just laid out, or laying out panels just mounted).
 */
function next(skipFrame = false): void {
  if (frame) return;
  frame = requestAnimationFrame(skipFrame ? () => (frame = requestAnimationFrame(run)) : run);
}

export function scheduleDraw(key: object, job: Job): void {
  queue.set(key, job);
  next(painting);
}

/**
 * Part of the page was just mounted (called from a frame callback, before the mount): its first
 * layout is this frame's work, so the next chart turn moves to the frame after the next. A chart
 * drawn in the same frame had made one long task of the two.
 */
export function deferDraws(): void {
  if (!frame) return;
  cancelAnimationFrame(frame);
  frame = 0;
  next(true);
}

export function cancelDraw(key: object): void {
  queue.delete(key);
}

/**
 * Resolves in the first frame in which no chart waits for its turn or its paint: the page has
 * drawn what it was given. Background work waits for it, as it would take a core from the drawing.
 */
export function drawsDone(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (queue.size === 0 && !painting && !frame ? resolve() : requestAnimationFrame(check));
    check();
  });
}
