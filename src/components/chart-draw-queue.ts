/**
 * Chart work (create, set an option, resize) runs from one queue, one chart per frame, with a
 * frame left free after each: drawing a chart over a large result takes tens of milliseconds to
 * lay out and as long again to paint (ECharts paints in the frame after). When a load or a
 * control change updated a dozen charts at once, doing it all in one frame froze the page for
 * half a second. Panels still appear as their results arrive.
 */

/** Returns true when it changed what the chart shows: ECharts paints that in the next frame. */
type Job = () => boolean;

/** Keyed by chart: asking again before the chart's turn keeps its place and runs once. */
const queue = new Map<object, Job>();
let frame = 0;

/**
 * Cheap jobs (a size check that changes nothing) share a frame while the frame's work stays this
 * short. A job that changed a chart ends the frame however quick it was: its paint comes in the
 * next frame, and two charts' paints in one frame made one long task.
 */
const FRAME_BUDGET_MS = 8;

function run(): void {
  frame = 0;
  const start = performance.now();
  for (const [key, job] of queue) {
    queue.delete(key);
    let changed = true;
    try {
      changed = job();
    } catch (e) {
      // One chart failing to draw must not stop the others.
      console.error(e);
    }
    if (changed || performance.now() - start >= FRAME_BUDGET_MS) break;
  }
  if (queue.size > 0) next();
}

/**
 * The next turn, one frame later than the next frame: that one lays out what changed (the chart
 * just drawn, or panels just mounted) and paints it, before the next chart adds its own work.
 */
function next(): void {
  frame ||= requestAnimationFrame(() => (frame = requestAnimationFrame(run)));
}

export function scheduleDraw(key: object, job: Job): void {
  queue.set(key, job);
  next();
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
  next();
}

export function cancelDraw(key: object): void {
  queue.delete(key);
}
