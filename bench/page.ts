/**
 * What the benchmark does inside the page (through the `?e2e` hook, window.kohort):
 * records every statement the engine runs with its time, long tasks, and waits until
 * every panel is drawn. Functions passed to page.evaluate run in the page, so they
 * only use what they are given.
 */
import type { Page } from 'playwright-core';

export interface Logged {
  kind: 'query' | 'exec';
  sql: string;
  /** performance.now() in the page when it was sent. */
  start: number;
  ms: number;
  /** Taken back before it ran (its panel's options changed again): DuckDB never ran it. */
  dropped?: boolean;
  /** Asked by the prefetch (answers for other grains, while the page is idle), not by a panel. */
  background?: boolean;
}

interface BenchState {
  log: Logged[];
  tasks: { start: number; duration: number }[];
  busyOn: number;
  /** When the key figures (the top of the page) last stopped being busy. */
  kpisAt: number;
  lastChange: number;
  lastClick: number;
  /** SQL → decoder, for the queries the page parsed in DuckDB's worker (queryDecoded). */
  decoders: Record<string, string>;
}

interface Kohort {
  session: { engine: () => Promise<unknown>; warmUp: () => Promise<unknown>; prefetched?: () => Promise<void>; options: Record<string, unknown>; removeSource: (id: string) => Promise<void> };
  query: (sql: string) => Promise<Record<string, unknown>[]>;
}

type BenchWindow = Window & { __bench: BenchState; kohort: Kohort };

/** Installs the recorders; must run before the file is dropped. */
export async function instrument(page: Page): Promise<void> {
  await page.waitForFunction(() => 'kohort' in window);
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    const b: BenchState = { log: [], tasks: [], busyOn: 0, kpisAt: 0, lastChange: 0, lastClick: 0, decoders: {} };
    w.__bench = b;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as Element;
        if (el.getAttribute('aria-busy') === 'true') b.busyOn++;
        else if (el.getAttribute('data-panel') === 'kpis') b.kpisAt = performance.now();
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
    document.addEventListener('change', () => (b.lastChange = performance.now()), true);
    document.addEventListener('click', () => (b.lastClick = performance.now()), true);
    const s = w.kohort.session;
    const start = s.engine.bind(s);
    let patched: Promise<unknown> | null = null;
    // The connector is a plain object: wrapping its methods times every statement, panels included.
    s.engine = () =>
      (patched ??= start().then((c) => {
        const conn = c as Record<'query' | 'exec' | 'queryDecoded', (q: string, ...rest: unknown[]) => Promise<unknown>>;
        for (const kind of ['query', 'exec', 'queryDecoded'] as const) {
          const orig = conn[kind].bind(conn);
          conn[kind] = async (sql: string, ...rest: unknown[]) => {
            const t = performance.now();
            if (kind === 'queryDecoded') b.decoders[sql] = String(rest[0]);
            const options = rest[kind === 'queryDecoded' ? 1 : 0] as { priority?: number } | undefined;
            const background = (options?.priority ?? 0) > 0;
            let dropped = false;
            try {
              return await orig(sql, ...rest);
            } catch (e) {
              dropped = e instanceof DOMException && e.name === 'AbortError';
              throw e;
            } finally {
              b.log.push({ kind: kind === 'exec' ? 'exec' : 'query', sql, start: t, ms: performance.now() - t, ...(dropped ? { dropped } : {}), ...(background ? { background } : {}) });
            }
          };
        }
        return c;
      }));
  });
}

/** performance.now() in the page. */
export function now(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/**
 * Resolves with the page time at which every panel was idle with something drawn
 * (canvas, table or empty note), no loading status, after `sinceBusy` busy flags had
 * been raised (so a control change is seen to re-run), measured after two frames.
 * `only`: just these panels (data-panel ids).
 */
export async function waitDrawn(page: Page, sinceBusy: number, timeout: number, only: string[] | null = null): Promise<number> {
  await page.waitForFunction(
    ({ since, ids }) => {
      const b = (window as unknown as BenchWindow).__bench;
      if (b.busyOn <= since) return false;
      if (document.querySelector('.status')) return false;
      const panels = [...document.querySelectorAll('section[data-panel]')].filter((p) => !ids || ids.includes(p.getAttribute('data-panel') ?? ''));
      if (panels.length === 0) return false;
      return panels.every((p) => p.getAttribute('aria-busy') !== 'true' && !!p.querySelector('canvas, table, dl, .empty, .none, .panel-error, [role=alert]'));
    },
    { since: sinceBusy, ids: only },
    { polling: 'raf', timeout },
  );
  return page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))),
  );
}

/** The panels (data-panel ids) the viewport shows some of. */
export function panelsOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('section[data-panel]')]
      .filter((p) => {
        const r = p.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      })
      .map((p) => p.getAttribute('data-panel') ?? ''),
  );
}

export function busyCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as BenchWindow).__bench.busyOn);
}

/** When the key figures were last drawn (performance.now() in the page). */
export function kpisDrawn(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as BenchWindow).__bench.kpisAt);
}

export function lastChange(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as BenchWindow).__bench.lastChange);
}

export function lastClick(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as BenchWindow).__bench.lastClick);
}

function log(page: Page): Promise<Logged[]> {
  return page.evaluate(() => (window as unknown as BenchWindow).__bench.log);
}

/** The statements DuckDB ran (not those taken back before they ran, see `dropped`). */
/** What DuckDB ran for the panels and the load (not the prefetch's background queries). */
export async function statements(page: Page): Promise<Logged[]> {
  return (await log(page)).filter((l) => !l.dropped && !l.background);
}

/** How many panel queries sent since `since` were taken back before DuckDB ran them. */
export async function dropped(page: Page, since: number): Promise<number> {
  return (await log(page)).filter((l) => l.dropped && !l.background && l.start >= since).length;
}

/** Waits until a background query sent after `since` has been answered (the round is under way). */
export async function backgroundAnswered(page: Page, since: number): Promise<void> {
  // A build without the prefetch (an older one, for a before/after run) has no round to wait for.
  if (!(await page.evaluate(() => typeof (window as unknown as BenchWindow).kohort.session.prefetched === 'function'))) return;
  await page.waitForFunction((t) => (window as unknown as BenchWindow).__bench.log.some((l) => l.background && l.start >= t), since, { polling: 10, timeout: 300_000 });
}

/**
 * Waits until the prefetch's background round (the other grains' answers) has finished; returns
 * the page time then. A user reading the dashboard gives it that time; DuckDB is idle afterwards.
 */
export async function prefetched(page: Page): Promise<number> {
  return page.evaluate(async () => {
    await (window as unknown as BenchWindow).kohort.session.prefetched?.();
    return performance.now();
  });
}

export function longTasks(page: Page): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(() => (window as unknown as BenchWindow).__bench.tasks);
}

export function panelErrors(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('section[data-panel] .panel-error')].map(
      (e) => `${e.closest('section')?.getAttribute('data-panel') ?? '?'}: ${e.textContent ?? ''}`,
    ),
  );
}

/** Runs SQL through the page's engine (recorded too). */
export function pageQuery(page: Page, sql: string): Promise<Record<string, unknown>[]> {
  return page.evaluate((q) => (window as unknown as BenchWindow).kohort.query(q), sql);
}

/** Runs each query once more, one after another, and returns its time alone (panels run them concurrently). */
export function replay(page: Page, sqls: string[]): Promise<number[]> {
  return page.evaluate(async (list) => {
    const w = window as unknown as BenchWindow;
    const out: number[] = [];
    const c = (await w.kohort.session.engine()) as { query: (q: string) => Promise<unknown>; queryDecoded: (q: string, d: string) => Promise<unknown> };
    for (const q of list) {
      const t = performance.now();
      // As the page ran it: large results parsed in the worker.
      const decoder = w.__bench.decoders[q];
      await (decoder ? c.queryDecoded(q, decoder) : c.query(q));
      out.push(performance.now() - t);
    }
    return out;
  }, sqls);
}

/**
 * Scrolls a panel (data-panel id) to the top of the viewport, or the page to its top (null), and
 * waits two frames: the page then knows which panels are on screen, as it would once a user has scrolled.
 */
export function scrollTo(page: Page, panel: string | null): Promise<void> {
  return page.evaluate(
    (id) =>
      new Promise<void>((resolve) => {
        if (id === null) window.scrollTo(0, 0);
        else document.querySelector(`section[data-panel=${id}]`)?.scrollIntoView({ block: 'start' });
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      }),
    panel,
  );
}

export function removeSource(page: Page, id: string): Promise<void> {
  return page.evaluate((i) => (window as unknown as BenchWindow).kohort.session.removeSource(i), id);
}
