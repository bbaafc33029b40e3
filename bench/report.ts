/** The benchmark's result (bench/out/latest.json) and the table printed from it. */

export interface MemorySnapshot {
  duckdb: number;
  jsHeap: number;
  rendererRss: number;
}

export interface SizeResult {
  size: string;
  rows: number;
  bytes: number;
  runs: number;
  /** Medians over the runs unless named otherwise. */
  loadMs: number;
  /** Drop → the key figures (the top of the page) drawn. */
  kpisMs?: number;
  loadRunsMs: number[];
  /** Page opened → DuckDB started and warmed up (the page does both when idle; the file is dropped after). */
  engineReadyMs: number;
  /** Every panel drawn → the background round (the other grains' answers) finished. */
  prefetchMs?: number;
  controls: Record<string, number>;
  /** From each control change until the panels on screen (the top of the page) were drawn again (medians). */
  controlsOnScreen?: Record<string, number>;
  /** From each control change until its last query was answered (medians). */
  controlsSql: Record<string, number>;
  /** Median number of queries taken back before they ran (a later change superseded them). */
  controlsDropped?: Record<string, number>;
  jsHeapPeak: number;
  rendererRssPeak: number;
  duckdbBytes: number;
  nativeDuckdbBytes: number;
  longestTaskMs: number;
  /** Per run; 0 when the run had no task over 50 ms (the Long Tasks API reports none shorter). */
  longestTaskRunsMs?: number[];
  steps: { step: string; browserMs: number; nativeMs: number }[];
  metrics: { label: string; browserMs: number; nativeMs: number }[];
  errors: string[];
  /** Last run: after the load, after removing the file, after loading it again. */
  free?: { first: MemorySnapshot; removed: MemorySnapshot; second: MemorySnapshot };
  /** First run: every statement until every panel was drawn (ms after the drop). */
  timeline: { at: number; ms: number; step: string; sql: string }[];
}

export interface Report {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; chromium: string };
  appJs: { files: Record<string, number>; total: number };
  sizes: SizeResult[];
}

const s = (ms: number): string => (Number.isFinite(ms) ? (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`) : '–');
const mb = (b: number): string => `${Math.round(b / 2 ** 20)} MB`;
const ratio = (b: number, n: number): string => (n > 0 && Number.isFinite(b) ? `${(b / n).toFixed(2)}×` : '–');

const lastOf = (ts: { at: number; ms: number }[]): number => ts.length ? Math.max(...ts.map((t) => t.at + t.ms)) : Number.NaN;

function table(head: string[], rows: string[][]): string {
  const lines = [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  return lines.join('\n');
}

/** Markdown tables: the one docs/performance.md keeps. */
export function printReport(r: Report): string {
  const sizes = r.sizes;
  const col = (f: (x: SizeResult) => string): string[] => sizes.map(f);
  const controlNames = [...new Set(sizes.flatMap((x) => Object.keys(x.controls)))];
  const main = table(
    ['', ...col((x) => `${x.size} rows (${Math.round(x.bytes / 1e6)} MB)`)],
    [
      ['page opened → DuckDB started and warmed up (before the drop)', ...col((x) => s(x.engineReadyMs))],
      ['drop → every panel drawn', ...col((x) => s(x.loadMs))],
      ['  of which: drop → key figures (top of the page) drawn', ...col((x) => s(x.kpisMs ?? NaN))],
      ['  of which: drop → first statement (sniffing the head; run 1)', ...col((x) => s(x.timeline[0]?.at ?? NaN))],
      ['  of which: drop → load and model built (run 1)', ...col((x) => s(lastOf(x.timeline.filter((t) => t.step !== 'metric'))))],
      ['  of which: drop → last metric query answered (run 1)', ...col((x) => s(lastOf(x.timeline)))],
      ['every panel drawn → other grains answered in the background', ...col((x) => s(x.prefetchMs ?? NaN))],
      ...controlNames.map((c) => [
        `control: ${c} (panels on screen drawn; last query answered)`,
        ...col((x) => `${s(x.controls[c] ?? NaN)} (${s(x.controlsOnScreen?.[c] ?? NaN)}; ${s(x.controlsSql?.[c] ?? NaN)})${x.controlsDropped?.[c] ? `, ${x.controlsDropped[c]} queries dropped` : ''}`),
      ]),
      ['longest main-thread task (load; each run, – when none was over 50 ms)', ...col((x) => (x.longestTaskRunsMs ?? [x.longestTaskMs]).map((ms) => (ms > 0 ? s(ms) : '–')).join(', '))],
      ['peak JS heap (page)', ...col((x) => mb(x.jsHeapPeak))],
      ['peak renderer RSS (page + workers + wasm)', ...col((x) => mb(x.rendererRssPeak))],
      ['DuckDB memory after load (wasm / native)', ...col((x) => `${mb(x.duckdbBytes)} / ${mb(x.nativeDuckdbBytes)}`)],
      [
        'remove + load again: DuckDB memory first → removed → second',
        ...col((x) => (x.free ? `${mb(x.free.first.duckdb)} → ${mb(x.free.removed.duckdb)} → ${mb(x.free.second.duckdb)}` : '–')),
      ],
      [
        'remove + load again: renderer RSS first → removed → second',
        ...col((x) => (x.free ? `${mb(x.free.first.rendererRss)} → ${mb(x.free.removed.rendererRss)} → ${mb(x.free.second.rendererRss)}` : '–')),
      ],
    ],
  );
  const steps = table(
    ['step (browser / native 1 thread)', ...col((x) => x.size)],
    [
      ...(sizes[0]?.steps ?? []).map((st, i) => [
        st.step,
        ...col((x) => {
          const v = x.steps[i];
          return v ? `${s(v.browserMs)} / ${s(v.nativeMs)} = ${ratio(v.browserMs, v.nativeMs)}` : '–';
        }),
      ]),
      [
        'all metric queries, one after another',
        ...col((x) => {
          const b = x.metrics.reduce((a, m) => a + m.browserMs, 0);
          const n = x.metrics.reduce((a, m) => a + m.nativeMs, 0);
          return `${s(b)} / ${s(n)} = ${ratio(b, n)}`;
        }),
      ],
      [
        'slowest metric query',
        ...col((x) => {
          const m = [...x.metrics].sort((a, b) => b.browserMs - a.browserMs)[0];
          return m ? `${m.label}: ${s(m.browserMs)} / ${s(m.nativeMs)} = ${ratio(m.browserMs, m.nativeMs)}` : '–';
        }),
      ],
    ],
  );
  const m = r.machine;
  const js = `App JavaScript without DuckDB wasm/worker: ${(r.appJs.total / 1024).toFixed(0)} kB gzip (${Object.entries(r.appJs.files)
    .map(([f, b]) => `${f} ${(b / 1024).toFixed(0)} kB`)
    .join(', ')})`;
  const errors = sizes.flatMap((x) => x.errors.map((e) => `${x.size}: ${e}`));
  return [
    `Kohort benchmark ${r.date}: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, ${m.chromium}; median of ${sizes[0]?.runs ?? 0} runs`,
    '',
    main,
    '',
    steps,
    '',
    js,
    ...errors,
  ].join('\n');
}
