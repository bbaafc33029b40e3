/**
 * The dashboard's answers for the other grains, Lness windows and segment values, asked while
 * DuckDB has nothing else to do. After a load or a change, once every panel has its answer, the
 * panels' queries for those options run in the background and their results wait in the shared
 * query cache (shared-queries.ts): switching the grain or the window, or filtering to a segment
 * from the segment comparison, then costs the drawing only.
 *
 * Panels register a plan: for given options, it asks the queries the panel itself would ask (with
 * the same SQL builders, so under the same cache keys). Plans run one at a time, only after no
 * panel query has been in flight for a moment, and behind every panel query in DuckDB's queue:
 * a user's change waits at most for the one background query DuckDB is running. A change of
 * options or data stops the round; the next one starts when the page is quiet again.
 */
import type { Connector } from '../engine/connector';
import { LNESS_WINDOWS } from '../metrics/lness';
import type { Grain, MetricOptions, SegmentFilter } from '../metrics/types';

export type PrefetchPlan = (o: MetricOptions, c: Connector) => Promise<unknown>;

export interface PrefetchHost {
  /** Runs `work` with the page's cached connector, behind every panel query. */
  run(signal: AbortSignal, work: (c: Connector) => Promise<unknown>): Promise<unknown>;
  /** Resolves once no panel query has been in flight for a moment. */
  quiet(): Promise<void>;
}

/**
 * Nearest first. Day is left out: a daily cohort table is the costliest answer (a row per day of
 * the data) and the least often chosen.
 */
const GRAINS: Grain[] = ['day', 'week', 'month', 'quarter', 'year'];

export function otherGrains(current: Grain): Grain[] {
  const at = GRAINS.indexOf(current);
  const away = (g: Grain) => Math.abs(GRAINS.indexOf(g) - at);
  return GRAINS.filter((g) => g !== current && g !== 'day').sort((a, b) => away(a) - away(b));
}

/** The other windows the Lness panel offers, nearest first. */
export function otherLnessWindows(current: number): number[] {
  return LNESS_WINDOWS.filter((w) => w !== current).sort((a, b) => Math.abs(a - current) - Math.abs(b - current));
}

const sameFilter = (a: SegmentFilter | null, b: SegmentFilter | null): boolean =>
  a === b || (!!a && !!b && a.column === b.column && a.values.join('\u0000') === b.values.join('\u0000'));

/**
 * The segment filters a round asks for: the ones offered (the segment comparison's values, each
 * a click away), and no filter when one is set (its clear button). The current one is left out.
 */
export function otherSegments(current: SegmentFilter | null, offered: SegmentFilter[]): (SegmentFilter | null)[] {
  return [...(current ? [null] : []), ...offered].filter((f) => !sameFilter(f, current));
}

/**
 * What a round asks for, cheapest and most likely first: the grain is the control users change
 * most, and every panel depends on it; the Lness window moves two panels' queries; a segment
 * filter re-runs every panel but the comparison, so the segments come last.
 */
export function variantsOf(o: MetricOptions, offeredSegments: SegmentFilter[] = []): MetricOptions[] {
  return [
    ...otherGrains(o.grain).map((grain) => ({ ...o, grain })),
    ...otherLnessWindows(o.lnessWindow).map((lnessWindow) => ({ ...o, lnessWindow })),
    ...otherSegments(o.segment, offeredSegments).map((segment) => ({ ...o, segment })),
  ];
}

export class Prefetch {
  readonly #plans = new Set<PrefetchPlan>();
  readonly #host: PrefetchHost;
  #round = new AbortController();
  #done = Promise.resolve();

  constructor(host: PrefetchHost) {
    this.#host = host;
  }

  /** Registers a panel's plan; returns what unregisters it (a component's effect cleanup). */
  add(plan: PrefetchPlan): () => void {
    this.#plans.add(plan);
    return () => this.#plans.delete(plan);
  }

  /**
   * Stops the current round and starts one for these options, in order, once the page is quiet
   * and `ready` (the page has drawn its answers: a round's queries and their results would take
   * a core from the drawing). The options are listed then: what is offered (the segment values)
   * may come with the panels' answers.
   */
  start(variants: () => MetricOptions[], ready: () => Promise<void> = () => Promise.resolve()): void {
    this.stop();
    this.#round = new AbortController();
    this.#done = this.#run(variants, ready, this.#round.signal);
  }

  stop(): void {
    this.#round.abort();
  }

  /** Resolves when the current round has finished or been stopped. */
  settled(): Promise<void> {
    return this.#done;
  }

  async #run(variants: () => MetricOptions[], ready: () => Promise<void>, signal: AbortSignal): Promise<void> {
    await this.#host.quiet();
    await ready();
    if (signal.aborted) return;
    for (const o of variants()) {
      for (const plan of [...this.#plans]) {
        await this.#host.quiet();
        if (signal.aborted) return;
        // A failed query is the panel's to report, when it asks for itself.
        if (this.#plans.has(plan)) await this.#host.run(signal, (c) => plan(o, c)).catch(() => undefined);
      }
    }
  }
}

/**
 * Counts the panels' queries in flight. `quiet` waits until none has been for `quietMs`: a panel
 * that asks in steps sends its next question a moment after the last answer, and a background
 * query sent in that moment would go before it. Once the page has been quiet that long, `quiet`
 * answers at once: a round asks every plan for every variant, and most of those are answered
 * from the cache.
 */
export class Activity {
  #inFlight = 0;
  #waiters: (() => void)[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the last panel query ended (or the page started). */
  #since = Date.now();
  readonly #quietMs: number;

  constructor(quietMs: number) {
    this.#quietMs = quietMs;
  }

  begin(): void {
    this.#inFlight++;
    clearTimeout(this.#timer);
  }

  end(): void {
    this.#inFlight--;
    this.#since = Date.now();
    this.#arm();
  }

  quiet(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#arm();
    });
  }

  #arm(): void {
    if (this.#inFlight > 0 || this.#waiters.length === 0) return;
    clearTimeout(this.#timer);
    const wake = () => {
      for (const w of this.#waiters.splice(0)) w();
    };
    const left = this.#since + this.#quietMs - Date.now();
    if (left <= 0) wake();
    else this.#timer = setTimeout(wake, left);
  }
}
