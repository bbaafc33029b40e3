/**
 * `npm run bench [-- 100k 1m 10m] [--runs=3]`: the built app (dist/) in headless
 * Chromium on generated Dutch order exports, against native DuckDB on the same file.
 * Prints one table and writes bench/out/latest.json. See docs/performance.md.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serveDir } from '../test/e2e/server';
import { CHROMIUM, launch, openTab } from '../test/e2e/browser';
import { generate, SIZES } from './generate';
import { backgroundAnswered, busyCount, dropped, instrument, prefetched, kpisDrawn, lastChange, lastClick, longTasks, now, panelErrors, panelsOnScreen, removeSource, replay, scrollTo, statements, waitDrawn, type Logged } from './page';
import { duckdbMemory, MemorySampler } from './memory';
import { replayNative, type NativeTimes } from './native';
import { LOAD_STEPS, queryLabel, splitLoad, stepOf } from './steps';
import { printReport, type Report, type SizeResult } from './report';

const ROOT = resolve(import.meta.dirname, '..');
const LOAD_TIMEOUT: Record<string, number> = { '100k': 120_000, '1m': 300_000, '10m': 1_800_000 };
const CONTROL_TIMEOUT = 300_000;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

function args(): { sizes: string[]; runs: number; app: string } {
  const a = process.argv.slice(2);
  const limit = /^--timeout=(\d+)$/.exec(a.find((x) => x.startsWith('--timeout=')) ?? '')?.[1];
  if (limit) for (const k of Object.keys(LOAD_TIMEOUT)) LOAD_TIMEOUT[k] = Number(limit) * 1000;
  const app = /^--app=(.+)$/.exec(a.find((x) => x.startsWith('--app=')) ?? '')?.[1] ?? resolve(ROOT, 'dist');
  const sizes = a.filter((x) => x in SIZES);
  const runs = Number(/^--runs=(\d+)$/.exec(a.find((x) => x.startsWith('--runs=')) ?? '')?.[1] ?? 3);
  return { sizes: sizes.length ? sizes : Object.keys(SIZES), runs, app };
}

/** Gzip size of the app's own JavaScript (the DuckDB wasm and its workers excluded). */
function appJsGzip(): { files: Record<string, number>; total: number } {
  const dir = resolve(ROOT, 'bench/out/app/assets');
  const files: Record<string, number> = {};
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.js') || f.startsWith('duckdb-')) continue;
    files[f] = gzipSync(readFileSync(resolve(dir, f)), { level: 9 }).length;
  }
  return { files, total: Object.values(files).reduce((a, b) => a + b, 0) };
}

interface Control {
  name: string;
  /** The panel the user is looking at when they make the change (data-panel id); the top of the page when not given. */
  at?: string;
  act: (page: Page) => Promise<number>;
  /**
   * Made at once after the previous change was drawn, while the prefetch's background round runs
   * (once its first query was answered). Other changes wait for the round to end first: a user
   * reads the dashboard before changing something.
   */
  mid?: boolean;
}

const CONTROLS: Control[] = [
  // Week was answered in the background after the load.
  { name: 'grain', act: async (p) => (await p.getByTestId('grain').selectOption('week'), lastChange(p)) },
  // Filtering the dashboard from the segment comparison: a click on the segment's row.
  { name: 'segment filter', at: 'segments', act: filterBySegment },
  { name: 'Lness window', at: 'lness', act: async (p) => (await p.getByTestId('lness-window').selectOption('14'), lastChange(p)) },
  { name: 'date from', act: async (p) => (await p.getByTestId('date-from').fill('2023-01-01'), lastChange(p)) },
  { name: 'date to', act: async (p) => (await p.getByTestId('date-to').fill('2023-12-31'), lastChange(p)) },
  // Quarter for the new date range is not answered yet: a panel query may wait for a background one.
  { name: 'grain, during the background round', mid: true, act: async (p) => (await p.getByTestId('grain').selectOption('quarter'), lastChange(p)) },
  // A user stepping through the grains (0.1 s apart): timed from the last change.
  { name: 'grain, four quick changes', act: (p) => steps(p, 'grain', ['quarter', 'day', 'year', 'month'], 100) },
];

/** Filters the dashboard to kanaal = web from the segment comparison's table, as a user does. */
async function filterBySegment(p: Page): Promise<number> {
  const row = p.locator('section[data-panel=segments] tr').filter({ has: p.getByRole('rowheader', { name: 'web', exact: true }) });
  await row.getByTestId('segment-filter').click();
  const at = await lastClick(p);
  const segment = await p.evaluate(() => JSON.stringify((window as unknown as { kohort: { session: { options: { segment: unknown } } } }).kohort.session.options.segment));
  if (segment !== '{"column":"s1","values":["web"]}') throw new Error(`segment filter: the click set ${segment}`);
  return at;
}

async function steps(p: Page, testId: string, values: string[], gapMs: number): Promise<number> {
  for (const [i, v] of values.entries()) {
    if (i) await p.waitForTimeout(gapMs);
    await p.getByTestId(testId).selectOption(v);
  }
  return lastChange(p);
}

interface RunResult {
  loadMs: number;
  /** Drop → the key figures (top of the page) drawn. */
  kpisMs: number;
  engineReadyMs: number;
  /** Every panel drawn → the prefetch's background round (the other grains) finished. */
  prefetchMs: number;
  controls: Record<string, number>;
  /** Per control change: until the panels on screen (the top of the page) were drawn again. */
  controlsOnScreen: Record<string, number>;
  /** Per control change: from the change until its last query was answered (the rest is drawing). */
  controlsSql: Record<string, number>;
  /** Per control change: queries taken back before DuckDB ran them (superseded by a later change). */
  controlsDropped: Record<string, number>;
  /** Per control change: its statements (ms after the change, duration, start of the text). */
  controlStatements: Record<string, { at: number; ms: number; sql: string }[]>;
  jsHeapPeak: number;
  rendererRssPeak: number;
  duckdbBytes: number;
  longestTaskMs: number;
  /** When the longest task started, after the drop (ms). */
  longestTaskAt: number;
  longTasks: number;
  steps: Record<string, number>;
  metricMs: number[];
  load: Logged[];
  metrics: string[];
  errors: string[];
  free?: SizeResult['free'];
  /** Every statement of the load and the first draw: start after the drop, duration, step. */
  timeline: SizeResult['timeline'];
}

/**
 * Waits until the page has started DuckDB and warmed it up (it does both when idle, right after
 * opening) and returns when that was, in ms after navigation. The drop comes after: a user needs
 * longer than that to pick a file, so the drop → drawn times do not include starting the engine.
 */
async function engineReady(page: Page): Promise<number> {
  return page.evaluate(async () => {
    await (window as unknown as { kohort: { session: { warmUp: () => Promise<unknown> } } }).kohort.session.warmUp();
    return performance.now();
  });
}

async function dropAndDraw(page: Page, path: string, timeout: number): Promise<{ t0: number; t1: number }> {
  const busy = await busyCount(page);
  await page.setInputFiles('input[type=file]', path);
  const t0 = await lastChange(page);
  // A file the app cannot load shows an alert and no panels: stop waiting then.
  let done = false;
  const failed = page
    .waitForSelector('[role=alert][data-file]', { timeout })
    .then(async (h) => (done ? 0 : Promise.reject(new Error(`load failed: ${(await h?.innerText())?.replace(/\s+/g, ' ')}`))));
  failed.catch(() => undefined);
  const t1 = await Promise.race([waitDrawn(page, busy, timeout), failed]).finally(() => (done = true));
  return { t0, t1 };
}

async function oneRun(browser: Browser, url: string, size: string, path: string, withFree: boolean): Promise<RunResult> {
  const tab = await openTab(browser, url);
  const page = tab.page;
  let mem: MemorySampler | null = null;
  try {
    await instrument(page);
    const engineReadyMs = await engineReady(page);
    mem = await MemorySampler.create(browser, page);
    mem.start();
    const { t0, t1 } = await dropAndDraw(page, path, LOAD_TIMEOUT[size] ?? 600_000);
    const kpisAt = await kpisDrawn(page);
    const peak = await mem.stop();
    const tasks = (await longTasks(page)).filter((t) => t.start >= t0 - 1 && t.start <= t1);
    // The warm-up's statements ran before the drop.
    const all = (await statements(page)).filter((l) => l.start >= t0);
    const timeline = all.map((l) => ({ at: Math.round(l.start - t0), ms: Math.round(l.ms), step: stepOf(l.sql), sql: l.sql.slice(0, 80).replace(/\s+/g, ' ') }));
    const { load, metrics } = splitLoad(all);
    const steps: Record<string, number> = {};
    for (const l of load) steps[stepOf(l.sql)] = (steps[stepOf(l.sql)] ?? 0) + l.ms;
    const metricSql = [...new Set(metrics.map((m) => m.sql))];
    const errors = (await panelErrors(page)).map((e) => `panel error ${e}`);
    const duckdbBytes = await duckdbMemory(page);
    const prefetchMs = (await prefetched(page)) - t1;
    const metricMs = await replay(page, metricSql);

    const controls: Record<string, number> = {};
    const controlsOnScreen: Record<string, number> = {};
    const controlsSql: Record<string, number> = {};
    const controlsDropped: Record<string, number> = {};
    const controlStatements: RunResult['controlStatements'] = {};
    for (const c of CONTROLS) {
      if (c.mid) await backgroundAnswered(page, await now(page));
      else await prefetched(page);
      const busy = await busyCount(page);
      const before = await now(page);
      await scrollTo(page, c.at ?? null);
      const shown = await panelsOnScreen(page);
      if (withFree) console.error(`  ${c.name}: panels on screen ${shown.join(', ')}`);
      const start = await c.act(page);
      const [seen, all] = await Promise.all([waitDrawn(page, busy, CONTROL_TIMEOUT, shown), waitDrawn(page, busy, CONTROL_TIMEOUT)]);
      controlsOnScreen[c.name] = seen - start;
      controls[c.name] = all - start;
      const asked = (await statements(page)).filter((l) => l.start >= start);
      controlsSql[c.name] = asked.length ? Math.max(...asked.map((l) => l.start + l.ms)) - start : 0;
      controlsDropped[c.name] = await dropped(page, before);
      controlStatements[c.name] = asked.map((l) => ({ at: Math.round(l.start - start), ms: Math.round(l.ms), sql: l.sql.slice(0, 400).replace(/\s+/g, ' ') }));
    }

    let free: RunResult['free'];
    if (withFree) {
      const before = { duckdb: await duckdbMemory(page), ...(await mem.sample()) };
      await removeSource(page, 'f1');
      await page.getByRole('button', { name: 'Try the sample data' }).waitFor({ timeout: 60_000 });
      const removed = { duckdb: await duckdbMemory(page), ...(await mem.sample()) };
      await dropAndDraw(page, path, LOAD_TIMEOUT[size] ?? 600_000);
      const again = { duckdb: await duckdbMemory(page), ...(await mem.sample()) };
      free = { first: before, removed, second: again };
    }
    return {
      loadMs: t1 - t0,
      kpisMs: kpisAt - t0,
      engineReadyMs,
      prefetchMs,
      controls,
      controlsOnScreen,
      controlsSql,
      controlsDropped,
      controlStatements,
      jsHeapPeak: peak.jsHeap,
      rendererRssPeak: peak.rendererRss,
      duckdbBytes,
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      longestTaskAt: tasks.reduce((a, t) => (t.duration > a.duration ? t : a), { start: t0, duration: 0 }).start - t0,
      longTasks: tasks.length,
      steps,
      metricMs,
      load,
      metrics: metricSql,
      errors,
      free,
      timeline,
    };
  } finally {
    await mem?.stop().catch(() => undefined);
    await mem?.detach();
    await tab.context.close();
  }
}

/** A size whose runs all failed (a crash, an error or a timeout): no numbers, only why. */
function failedSize(size: string, rows: number, bytes: number, failures: string[]): SizeResult {
  return {
    size, rows, bytes, runs: 0, loadMs: NaN, kpisMs: NaN, loadRunsMs: [], engineReadyMs: NaN, controls: {}, controlsOnScreen: {}, controlsSql: {}, controlsDropped: {}, jsHeapPeak: NaN, rendererRssPeak: NaN,
    duckdbBytes: NaN, nativeDuckdbBytes: NaN, longestTaskMs: NaN, steps: [], metrics: [], errors: failures, timeline: [],
  };
}

function machine(): Report['machine'] {
  let chromium = 'unknown';
  try {
    chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* version stays unknown */
  }
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, chromium };
}

async function main(): Promise<void> {
  const { sizes, runs, app: built } = args();
  // A copy of the build: a test run elsewhere rebuilding dist/ must not change the app under measurement.
  const app = resolve(ROOT, 'bench/out/app');
  rmSync(app, { recursive: true, force: true });
  cpSync(built, app, { recursive: true });
  const server = await serveDir(app, '/');
  const browser = await launch();
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) {
      const rows = SIZES[size] ?? 0;
      const gen = await generate(resolve(ROOT, `bench/data/orders-${size}.csv`), rows);
      console.error(`${size}: ${gen.skipped ? 'present' : 'generated'} ${gen.path} (${(gen.bytes / 1e6).toFixed(0)} MB)`);
      const done: RunResult[] = [];
      const failures: string[] = [];
      for (let i = 0; i < runs; i++) {
        try {
          const r = await oneRun(browser, server.url + '?e2e', size, gen.path, i === runs - 1);
          console.error(`  run ${i + 1}: drop→drawn ${(r.loadMs / 1000).toFixed(2)} s, longest task ${r.longestTaskMs.toFixed(0)} ms (at +${(r.longestTaskAt / 1000).toFixed(1)} s)${r.errors.length ? ', errors: ' + r.errors.join('; ') : ''}`);
          done.push(r);
        } catch (e) {
          const why = e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e);
          console.error(`  run ${i + 1} failed: ${why}`);
          failures.push(why);
        }
      }
      const first = done[0];
      if (!first) {
        results.push(failedSize(size, rows, gen.bytes, failures));
        continue;
      }
      // Every statement of the first run, for replaying by hand (bench/out is not committed).
      mkdirSync(resolve(ROOT, 'bench/out'), { recursive: true });
      writeFileSync(resolve(ROOT, `bench/out/statements-${size}.json`), JSON.stringify({ load: first.load.map((l) => l.sql), metrics: first.metrics, controls: first.controlStatements }, null, 1));
      const nativeRuns: NativeTimes[] = [];
      for (let i = 0; i < runs; i++) {
        nativeRuns.push(await replayNative(first.load.map((l) => l.sql), first.metrics, 'kohort_f1.csv', gen.path));
      }
      const nativeSteps: Record<string, number> = {};
      for (const step of LOAD_STEPS) {
        nativeSteps[step] = median(nativeRuns.map((n) => first.load.reduce((a, l, i) => a + (stepOf(l.sql) === step ? (n.load[i] ?? 0) : 0), 0)));
      }
      results.push({
        size,
        rows,
        bytes: gen.bytes,
        runs: done.length,
        loadMs: median(done.map((r) => r.loadMs)),
        kpisMs: median(done.map((r) => r.kpisMs)),
        loadRunsMs: done.map((r) => r.loadMs),
        engineReadyMs: median(done.map((r) => r.engineReadyMs)),
        prefetchMs: median(done.map((r) => r.prefetchMs)),
        controls: Object.fromEntries(CONTROLS.map((c) => [c.name, median(done.map((r) => r.controls[c.name] ?? NaN))])),
        controlsOnScreen: Object.fromEntries(CONTROLS.map((c) => [c.name, median(done.map((r) => r.controlsOnScreen[c.name] ?? NaN))])),
        controlsSql: Object.fromEntries(CONTROLS.map((c) => [c.name, median(done.map((r) => r.controlsSql[c.name] ?? NaN))])),
        controlsDropped: Object.fromEntries(CONTROLS.map((c) => [c.name, median(done.map((r) => r.controlsDropped[c.name] ?? NaN))])),
        jsHeapPeak: median(done.map((r) => r.jsHeapPeak)),
        rendererRssPeak: median(done.map((r) => r.rendererRssPeak)),
        duckdbBytes: median(done.map((r) => r.duckdbBytes)),
        nativeDuckdbBytes: nativeRuns[0]?.memory ?? 0,
        longestTaskMs: median(done.map((r) => r.longestTaskMs)),
        longestTaskRunsMs: done.map((r) => r.longestTaskMs),
        steps: LOAD_STEPS.map((step) => ({
          step,
          browserMs: median(done.map((r) => r.steps[step] ?? 0)),
          nativeMs: nativeSteps[step] ?? 0,
        })),
        metrics: first.metrics.map((sql, i) => ({
          label: queryLabel(sql),
          browserMs: median(done.map((r) => r.metricMs[i] ?? NaN)),
          nativeMs: median(nativeRuns.map((n) => n.metrics[i] ?? NaN)),
        })),
        errors: [...new Set(done.flatMap((r) => r.errors))],
        free: done[done.length - 1]?.free,
        timeline: first.timeline,
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const report: Report = { date: new Date().toISOString(), machine: machine(), appJs: appJsGzip(), sizes: results };
  mkdirSync(resolve(ROOT, 'bench/out'), { recursive: true });
  writeFileSync(resolve(ROOT, 'bench/out/latest.json'), JSON.stringify(report, null, 2));
  console.log(printReport(report));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
