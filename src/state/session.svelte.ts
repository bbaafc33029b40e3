/**
 * The page's state: the engine, the loaded dataset, the options, progress and errors.
 * Components read it and call its methods; they never talk to the engine themselves.
 */
import type { Connector, QueryHandle, QueryOptions } from '../engine/connector';
import {
  type Dataset,
  type LoadedSource,
  type SourceOverrides,
  activate,
  choicesOf,
  clearEngine,
  describeError,
  dropSources,
  loadFile,
  rebuildAll,
  rebuildSource,
  removeSource,
  sqlScript,
} from '../engine/dataset';
import { warmUp } from '../engine/warm-up';
import { SharedQueries } from './shared-queries';
import { Activity, Prefetch, variantsOf } from './prefetch';
import * as storage from './storage';
import { browserLocale, translate, type Locale, type MessageKey } from '../i18n';
import { DEFAULT_OPTIONS, type MetricOptions } from '../metrics/types';
import { settingsFromQuery, settingsToQuery, type UrlSettings } from './url';
import type { EChartsType } from 'echarts/core';
import type { CsvTable, DatasetInfo, SegmentFilter } from '../metrics/types';

export interface FileError {
  id: number;
  file: string;
  message: string;
  hint: string | null;
}

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A mounted panel, as the saved report sees it: aggregates only. */
export interface RegisteredPanel {
  id: string;
  title: () => string;
  definition: () => string;
  charts: EChartsType[];
  csv: () => CsvTable | null;
}

/** A set of files analysed together (e.g. one client's orders, customers and survey). */
export interface DatasetTab {
  id: string;
  files: string[];
}

interface Entry {
  id: string;
  /** Built sources; null until the dataset is first opened in this visit (restored ones load lazily). */
  loaded: LoadedSource[] | null;
  stored: storage.StoredSource[];
}

/** The generated sample: a coffee roaster's orders, its customers file and NPS answers. */
export const SAMPLE_FILES = ['sample/koffiebranderij-orders.csv', 'sample/koffiebranderij-klanten.csv', 'sample/koffiebranderij-nps.csv'];

export class Session {
  locale = $state<Locale>(browserLocale(typeof navigator === 'undefined' ? [] : navigator.languages));
  dark = $state(typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches);
  status = $state<string | null>(null);
  errors = $state<FileError[]>([]);
  #dataset = $state.raw<Dataset | null>(null);
  options = $state<MetricOptions>({ ...DEFAULT_OPTIONS });
  timeZone = $state(browserZone());
  /** Datasets side by side; `activeId` is the one on screen (its tables are the ones metrics read). */
  datasets = $state.raw<DatasetTab[]>([]);
  activeId = $state<string | null>(null);
  /** What this browser stores for Kohort (files and their sizes), shown to the user. */
  stored = $state.raw<{ name: string; bytes: number }[]>([]);
  storageWorks = $state(true);

  /** The dataset on screen. Publishing one drops the cached results of the tables before it. */
  get dataset(): Dataset | null {
    return this.#dataset;
  }
  set dataset(d: Dataset | null) {
    this.#shared.clear();
    this.#dataset = d;
  }

  /** Panels in page order, for the saved report (not reactive: read when saving). */
  readonly panels = new Map<string, RegisteredPanel>();

  #engine: Promise<Connector> | null = null;
  #startEngine: () => Promise<Connector>;
  #errorSeq = 0;
  #nextSource = 1;
  #nextDataset = 1;
  #entries = new Map<string, Entry>();
  #persist: boolean;
  // Loads and rebuilds run one after another: the tables they touch are shared.
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;

  constructor(startEngine: () => Promise<Connector>, initial: UrlSettings | null = null, persist = false) {
    this.#startEngine = startEngine;
    this.#persist = persist;
    if (initial) {
      this.options = initial.options;
      if (initial.timeZone) this.timeZone = initial.timeZone;
      if (initial.locale) this.locale = initial.locale;
    }
  }

  /** The settings as a URL query (never data). */
  get urlQuery(): string {
    return settingsToQuery({ options: this.options, timeZone: this.timeZone === browserZone() ? null : this.timeZone, locale: this.locale });
  }

  t = (key: MessageKey, vars?: Record<string, string | number>): string => translate(this.locale, key, vars);

  engine(): Promise<Connector> {
    // A failed start is not kept: the next file tries again.
    this.#engine ??= this.#startEngine().catch((e: unknown) => {
      this.#engine = null;
      throw e;
    });
    return this.#engine;
  }

  #warm: Promise<void> | null = null;

  /**
   * Runs the load path once on generated data (engine/warm-up.ts) unless data is already
   * loaded. In the queue like a load, so a file dropped meanwhile waits for it (about a second).
   */
  warmUp(): Promise<void> {
    this.#warm ??= this.#serial(async () => {
      if (this.dataset || this.#entries.size) return;
      try {
        // Something else waiting in the queue (a dropped file) stops it early.
        await warmUp(await this.engine(), this.timeZone, () => this.#pending > 1);
      } catch {
        // Only speed is lost; an engine that cannot start is reported when a file is dropped.
      }
    });
    return this.#warm;
  }

  addFiles(files: File[]): Promise<void> {
    return this.#serial(async () => {
      const entry = this.#activeEntry() ?? this.#newEntry();
      for (const file of files) {
        try {
          this.status = this.t('loading.start');
          const c = await this.engine();
          const id = `f${this.#nextSource++}`;
          this.dataset = await loadFile(c, this.dataset, file, id, this.timeZone, (stage) => {
            this.status = this.t(stage, { file: file.name });
          });
          entry.loaded = this.dataset.sources;
          if (this.#persist) await storage.storeFile(id, file).catch(() => (this.storageWorks = false));
        } catch (e) {
          this.#fail(file.name, e);
        }
      }
      await this.#save();
    });
  }

  /** Starts an empty dataset next to the others; the next files dropped go into it. */
  newDataset(): Promise<void> {
    return this.#serial(async () => {
      this.#newEntry();
      this.dataset = null;
      await this.#save();
    });
  }

  switchDataset(id: string): Promise<void> {
    return this.#serial(async () => {
      const entry = this.#entries.get(id);
      if (!entry || id === this.activeId) return;
      this.activeId = id;
      this.status = this.t('loading.build');
      this.dataset = await this.#open(entry);
      await this.#save();
    });
  }

  removeDataset(id: string): Promise<void> {
    return this.#serial(async () => {
      const entry = this.#entries.get(id);
      if (!entry) return;
      if (entry.loaded) await dropSources(await this.engine(), entry.loaded);
      for (const s of entry.stored) await storage.removeStoredFile(s.id);
      this.#entries.delete(id);
      if (this.activeId === id) {
        const next = [...this.#entries.values()].at(-1) ?? null;
        this.activeId = next?.id ?? null;
        this.dataset = next ? await this.#open(next) : null;
      }
      await this.#save();
    });
  }

  /** Reopens what the browser stored last time (files, reading choices, settings). */
  restore(): Promise<void> {
    return this.#serial(async () => {
      const state = await storage.loadState();
      this.storageWorks = await storage.storageAvailable();
      if (!state) return;
      if (!location.search.replace(/[?&]e2e\b/, '')) {
        const s = settingsFromQuery(state.settings);
        this.options = s.options;
        if (s.locale) this.locale = s.locale;
      }
      if (state.timeZone) this.timeZone = state.timeZone;
      for (const d of state.datasets) {
        this.#entries.set(d.id, { id: d.id, loaded: null, stored: d.sources });
        this.#nextDataset = Math.max(this.#nextDataset, Number(d.id.slice(1)) + 1);
        for (const src of d.sources) this.#nextSource = Math.max(this.#nextSource, Number(src.id.slice(1)) + 1);
      }
      const active = state.active ? this.#entries.get(state.active) : undefined;
      if (active) {
        this.activeId = active.id;
        this.dataset = await this.#open(active);
      }
      this.#tabs();
      this.stored = await storage.storedFiles();
    });
  }

  /** Removes every stored file, table and setting, and starts afresh. */
  forgetAll(): Promise<void> {
    return this.#serial(async () => {
      const c = await this.engine();
      await clearEngine(c, [...this.#entries.values()].flatMap((e) => e.loaded ?? []));
      this.#entries.clear();
      this.dataset = null;
      this.activeId = null;
      this.options = { ...DEFAULT_OPTIONS };
      this.timeZone = browserZone();
      await storage.forgetAll();
      this.#tabs();
      this.stored = await storage.storedFiles();
    });
  }

  /** Settings changed: remember them (never data) for the next visit. */
  saveSettings(): void {
    if (this.#entries.size) void this.#save();
  }

  async loadSample(): Promise<void> {
    try {
      const files = await Promise.all(
        SAMPLE_FILES.map(async (path) => {
          const res = await fetch(new URL(path, document.baseURI).href);
          if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
          return new File([await res.blob()], path.split('/').pop() ?? path, { type: 'text/csv' });
        }),
      );
      await this.addFiles(files);
    } catch (e) {
      this.#fail('sample data', e);
    }
  }

  updateSource(id: string, overrides: SourceOverrides): Promise<void> {
    return this.#serial(async () => {
      const current = this.dataset;
      if (!current) return;
      const name = current.sources.find((s) => s.id === id)?.fileName ?? id;
      try {
        this.status = this.t('loading.build');
        this.dataset = await rebuildSource(await this.engine(), current, id, overrides, this.timeZone);
        this.#sync();
        await this.#save();
      } catch (e) {
        this.#fail(name, e);
      }
    });
  }

  removeSource(id: string): Promise<void> {
    return this.#serial(async () => {
      const current = this.dataset;
      if (!current) return;
      this.dataset = await removeSource(await this.engine(), current, id);
      await storage.removeStoredFile(id);
      this.#sync();
      await this.#save();
    });
  }

  registerPanel(p: RegisteredPanel): () => void {
    this.panels.set(p.id, p);
    return () => {
      if (this.panels.get(p.id) === p) this.panels.delete(p.id);
    };
  }

  /** The time zone instants are shown in: every typed table is rebuilt. */
  setTimeZone(tz: string): Promise<void> {
    this.timeZone = tz;
    return this.#serial(async () => {
      const current = this.dataset;
      if (!current) return;
      try {
        this.status = this.t('loading.build');
        this.dataset = await rebuildAll(await this.engine(), current, tz);
        this.#sync();
        await this.#save();
      } catch (e) {
        this.#fail(current.sources.map((s) => s.fileName).join(', '), e);
      }
    });
  }

  /** The runnable script behind a panel: how the tables were built, then the panel's query. */
  sqlScript(query: string): string {
    return this.dataset ? sqlScript(this.dataset, query) : query;
  }

  /**
   * Runs a metric query on the engine; metric panels call this from their Resource, with the
   * Resource's signal (aborted when the panel's options change again). Results are shared and
   * kept per query text until the data changes (shared-queries.ts).
   *
   * A run's second and later queries go before every first query waiting in DuckDB's queue: a
   * panel that asks step by step (the key figures ask five times) is otherwise answered last,
   * each step queued behind every other panel's work. A query asked with `followUp` (the panel
   * asks again as soon as it is answered) also keeps DuckDB from starting another panel's query
   * while the panel's next question is on its way (call-queue.ts). A step that another panel had
   * already asked, and that still waits in DuckDB's queue, is moved up to the step's priority
   * (shared-queries.ts).
   */
  async query<T>(signal: AbortSignal | null, run: (c: Connector) => Promise<T>, background = false): Promise<T> {
    signal?.throwIfAborted();
    if (!background) this.#activity.begin();
    try {
      const c = await this.engine();
      let asked = 0;
      // Background queries (the prefetch) go behind every panel query, follow-ups included.
      const next = () => (background ? 1 : -asked++);
      const options = (s: AbortSignal, handle: QueryHandle, priority: number, followUp?: boolean): QueryOptions =>
        ({ signal: s, handle, priority, followUp: !background && followUp });
      return await run({
        ...c,
        query: (sql: string, o?: QueryOptions) => {
          const p = next();
          return this.#shared.get(sql, (s, h) => c.query(sql, options(s, h, p, o?.followUp)), signal, p);
        },
        queryDecoded: (sql, decoder, o?: QueryOptions) => {
          const p = next();
          return this.#shared.get(`${decoder}\n${sql}`, (s, h) => c.queryDecoded(sql, decoder, options(s, h, p, o?.followUp)), signal, p);
        },
      });
    } finally {
      if (!background) this.#activity.end();
    }
  }

  /**
   * A panel's prefetch plan (prefetch.ts): what it would ask for other options. Call it from an
   * effect in the panel's initialisation; the effect's cleanup unregisters it.
   */
  prefetchable(plan: (o: MetricOptions, c: Connector, info: DatasetInfo) => Promise<unknown>): () => void {
    return this.#prefetch.add((o, c) => {
      const ds = this.dataset;
      return ds ? plan(o, c, ds.info) : Promise.resolve();
    });
  }

  /**
   * Starts asking the panels' queries for the other grains, Lness windows and offered segment
   * values, in the background (see prefetch.ts).
   */
  prefetchOtherOptions(pageDrawn?: () => Promise<void>): void {
    const o = $state.snapshot(this.options);
    this.#prefetch.start(() => variantsOf(o, this.#offeredSegments), pageDrawn);
  }

  /** Segment filters a click away (the segment comparison's values): answered in the background last. */
  offerSegments(filters: SegmentFilter[]): void {
    this.#offeredSegments = filters;
  }
  #offeredSegments: SegmentFilter[] = [];

  stopPrefetch(): void {
    this.#prefetch.stop();
  }

  /** Resolves when the background round has finished or stopped (the benchmark waits for it). */
  prefetched(): Promise<void> {
    return this.#prefetch.settled();
  }

  /** Panel queries in flight; the prefetch waits until there has been none for this long. */
  static readonly QUIET_MS = 100;
  #activity = new Activity(Session.QUIET_MS);
  #prefetch = new Prefetch({ run: (signal, work) => this.query(signal, work, true), quiet: () => this.#activity.quiet() });

  /**
   * A background round keeps about 160 answers (25 for the view, 9 per other grain, 3 per Lness
   * window, 25 per segment value), and a round after a change adds its own: the view before the
   * change must still be there when the user goes back.
   */
  static readonly CACHED_QUERIES = 500;
  #shared = new SharedQueries(Session.CACHED_QUERIES);

  /**
   * Every serial task may change the tables. Cached results are dropped when it starts and with
   * each dataset it publishes (the setter above), once its tables are complete: what panels ask
   * after that stays cached, so going back to the first view after a load is instant. A task
   * that failed may have left tables changed without publishing: then they are dropped again.
   */
  #serial(task: () => Promise<void>): Promise<void> {
    this.#pending++;
    // Background queries read the tables the task may change.
    this.#prefetch.stop();
    let errors = 0;
    const next = this.#queue
      .then(() => {
        this.#shared.clear();
        errors = this.#errorSeq;
        return task();
      })
      .catch((e: unknown) => {
        errors = -1;
        throw e;
      })
      .finally(() => {
        if (errors !== this.#errorSeq) this.#shared.clear();
        if (--this.#pending === 0) this.status = null;
      });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #activeEntry(): Entry | null {
    return this.activeId ? (this.#entries.get(this.activeId) ?? null) : null;
  }

  #newEntry(): Entry {
    const entry: Entry = { id: `d${this.#nextDataset++}`, loaded: [], stored: [] };
    this.#entries.set(entry.id, entry);
    this.activeId = entry.id;
    this.#tabs();
    return entry;
  }

  /** The active entry follows the active dataset's sources. */
  #sync(): void {
    const entry = this.#activeEntry();
    if (entry) entry.loaded = this.dataset?.sources ?? [];
  }

  /** Builds a dataset's tables (from storage the first time) and makes it the one on screen. */
  async #open(entry: Entry): Promise<Dataset | null> {
    const c = await this.engine();
    if (!entry.loaded) {
      let d: Dataset | null = null;
      for (const s of entry.stored) {
        const file = await storage.readStoredFile(s.id, s.fileName);
        if (!file) {
          this.#fail(s.fileName, new Error('the stored copy of this file is gone (the browser may have cleared its storage); drop the file again'));
          continue;
        }
        try {
          d = await loadFile(c, d, file, s.id, this.timeZone, (stage) => (this.status = this.t(stage, { file: s.fileName })), s.overrides);
        } catch (e) {
          this.#fail(s.fileName, e);
        }
      }
      entry.loaded = d?.sources ?? [];
      return d;
    }
    return activate(c, entry.loaded, this.dataset);
  }

  #tabs(): void {
    this.datasets = [...this.#entries.values()].map((e) => ({
      id: e.id,
      files: e.loaded ? e.loaded.map((s) => s.fileName) : e.stored.map((s) => s.fileName),
    }));
  }

  async #save(): Promise<void> {
    this.#sync();
    for (const e of this.#entries.values()) {
      if (e.loaded) e.stored = e.loaded.map((s) => ({ id: s.id, fileName: s.fileName, bytes: s.file.size, overrides: choicesOf(s.source) }));
    }
    this.#tabs();
    if (!this.#persist) return;
    try {
      await storage.saveState({
        version: 1,
        settings: this.urlQuery,
        timeZone: this.timeZone === browserZone() ? null : this.timeZone,
        active: this.activeId,
        datasets: [...this.#entries.values()].map((e) => ({ id: e.id, sources: e.stored })),
      });
      this.stored = await storage.storedFiles();
    } catch {
      this.storageWorks = false;
    }
  }

  #fail(file: string, e: unknown): void {
    const { message, hint } = describeError(e);
    this.errors.push({ id: ++this.#errorSeq, file, message, hint });
  }
}
