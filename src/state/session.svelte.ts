/**
 * The page's state: the engine, the loaded dataset, the options, progress and errors.
 * Components read it and call its methods; they never talk to the engine themselves.
 */
import type { Connector } from '../engine/connector';
import { type Dataset, type SourceOverrides, loadFile, rebuildAll, rebuildSource, removeSource, describeError, sqlScript } from '../engine/dataset';
import { browserLocale, translate, type Locale, type MessageKey } from '../i18n';
import { DEFAULT_OPTIONS, type MetricOptions } from '../metrics/types';
import { settingsToQuery, type UrlSettings } from './url';
import type { EChartsType } from 'echarts/core';
import type { CsvTable } from '../metrics/types';

export interface FileError {
  id: number;
  file: string;
  message: string;
  hint: string | null;
}

/** The generated sample: a coffee roaster's orders, its customers file and NPS answers. */
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

export const SAMPLE_FILES = ['sample/koffiebranderij-orders.csv', 'sample/koffiebranderij-klanten.csv', 'sample/koffiebranderij-nps.csv'];

export class Session {
  locale = $state<Locale>(browserLocale(typeof navigator === 'undefined' ? [] : navigator.languages));
  dark = $state(typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches);
  status = $state<string | null>(null);
  errors = $state<FileError[]>([]);
  dataset = $state.raw<Dataset | null>(null);
  options = $state<MetricOptions>({ ...DEFAULT_OPTIONS });
  timeZone = $state(browserZone());

  /** Panels in page order, for the saved report (not reactive: read when saving). */
  readonly panels = new Map<string, RegisteredPanel>();

  #engine: Promise<Connector> | null = null;
  #startEngine: () => Promise<Connector>;
  #errorSeq = 0;
  #nextSource = 1;
  // Loads and rebuilds run one after another: the tables they touch are shared.
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;

  constructor(startEngine: () => Promise<Connector>, initial: UrlSettings | null = null) {
    this.#startEngine = startEngine;
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
    this.#engine ??= this.#startEngine();
    return this.#engine;
  }

  addFiles(files: File[]): Promise<void> {
    return this.#serial(async () => {
      for (const file of files) {
        try {
          this.status = this.t('loading.start');
          const c = await this.engine();
          const id = `f${this.#nextSource++}`;
          this.dataset = await loadFile(c, this.dataset, file, id, this.timeZone, (stage) => {
            this.status = this.t(stage, { file: file.name });
          });
        } catch (e) {
          this.#fail(file.name, e);
        }
      }
    });
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
      } catch (e) {
        this.#fail(current.sources.map((s) => s.fileName).join(', '), e);
      }
    });
  }

  /** The runnable script behind a panel: how the tables were built, then the panel's query. */
  sqlScript(query: string): string {
    return this.dataset ? sqlScript(this.dataset, query) : query;
  }

  /** Runs a metric query on the engine; metric panels call this from their Resource. */
  async query<T>(run: (c: Connector) => Promise<T>): Promise<T> {
    return run(await this.engine());
  }

  #serial(task: () => Promise<void>): Promise<void> {
    this.#pending++;
    const next = this.#queue.then(task).finally(() => {
      if (--this.#pending === 0) this.status = null;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #fail(file: string, e: unknown): void {
    const { message, hint } = describeError(e);
    this.errors.push({ id: ++this.#errorSeq, file, message, hint });
  }
}
