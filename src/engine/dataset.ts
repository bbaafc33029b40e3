/**
 * The loaded dataset: its sources (one per file) and the combined tables the
 * metrics read. Every change (a file added, a setting changed, a file removed)
 * ends by rebuilding the combined tables and the compact model from the typed
 * per-source tables; the files themselves are never read again for that.
 */
import { dropEverywhereSql, STARTUP_SQL, UNCOMPRESSED_ROWS, type Connector } from './connector';
import { IngestError } from './ingest/errors';
import { buildSource, DETECT_SAMPLE_ROWS, dropOpened, dropSource, needsFullDetection, openSource, withOverrides } from './ingest/load';
import { combineSql } from './ingest/combine';
import type { LoadReport, Overrides, Source } from './ingest/types';
import { MODEL_TABLES, MODEL_VIEWS, modelSql } from '../metrics/model';
import { segmentModelSql } from '../metrics/segments';
import type { DatasetInfo, SegmentColumn, TablesPresent } from '../metrics/types';
import type { MessageKey } from '../i18n';

export interface LoadedSource {
  id: string;
  fileName: string;
  file: File;
  source: Source;
  report: LoadReport;
  /** The statements that read the file and built its typed table (for "Show SQL"). */
  openSql: string[];
  buildSql: string[];
}

export interface Dataset {
  sources: LoadedSource[];
  info: DatasetInfo;
  tables: TablesPresent;
  /** Segment columns that come from a customers file. */
  attrSegments: SegmentColumn[];
  /** Statements that combine the sources and build the compact model tables. */
  modelSql: string[];
  /** Increases with every rebuild: metric panels re-run when it changes. */
  version: number;
}

/** Runs statements on `c` and keeps their text: the page can show how every table was built. */
function recorder(c: Connector): { c: Connector; log: string[] } {
  const log: string[] = [];
  return {
    log,
    c: {
      ...c,
      exec: async (sql: string) => {
        log.push(sql);
        await c.exec(sql);
      },
    },
  };
}

export type SourceOverrides = Overrides;
export type Progress = (stage: MessageKey) => void;

export async function loadFile(
  c: Connector,
  current: Dataset | null,
  file: File,
  id: string,
  timeZone: string,
  progress: Progress,
  overrides: Overrides = {},
): Promise<Dataset> {
  progress('loading.read');
  let source: Source | null = null;
  try {
    const built = await openAndBuild(c, file, id, overrides, timeZone, progress);
    source = built.source;
    const { report } = built;
    checkLoaded(source, report);
    const loaded: LoadedSource = { id: source.id, fileName: file.name, file, source, report, openSql: built.openSql, buildSql: built.buildSql };
    progress('loading.build');
    return await combine(c, [...(current?.sources ?? []), loaded], current);
  } catch (e) {
    // The new file's tables go; what was loaded before stays as it was.
    await (source ? dropSource(c, source) : dropOpened(c, id)).catch(() => undefined);
    if (current) await combine(c, current.sources, current).catch(() => undefined);
    throw asIngestError(file.name, e);
  }
}

interface Built {
  source: Source;
  report: LoadReport;
  openSql: string[];
  buildSql: string[];
}

/** Opens and builds a source; formats chosen on a sample that may not hold are chosen again on every row. */
async function openAndBuild(
  c: Connector,
  file: File,
  id: string,
  overrides: Overrides,
  timeZone: string,
  progress: Progress,
): Promise<Built> {
  const attempt = async (sampleRows: number): Promise<Built> => {
    const open = recorder(c);
    const source = await openSource(open.c, file, id, overrides, sampleRows);
    progress('loading.detect');
    const build = recorder(c);
    try {
      const report = await buildSource(build.c, source, { timeZone });
      return { source, report, openSql: open.log, buildSql: build.log };
    } catch (e) {
      await dropSource(c, source).catch(() => undefined);
      throw e;
    }
  };
  const first = await attempt(DETECT_SAMPLE_ROWS);
  if (!needsFullDetection(first.source, first.report)) return first;
  await dropSource(c, first.source);
  return attempt(Infinity);
}

/** A file whose every row was set aside is refused: an empty analysis would look like a result. */
function checkLoaded(source: Source, report: LoadReport): void {
  if (report.rowsLoaded > 0 || report.rowsRead === 0) return;
  if (report.rowsWithoutCustomer === report.rowsRead) {
    const col = source.columns.find((c) => c.role === 'customer');
    throw new IngestError(
      source.fileName,
      `the customer id${col ? ` column "${col.name}"` : ''} is empty in all ${report.rowsRead} rows`,
      'Export the file again with the customer number, e-mail address or account id filled in on each row.',
    );
  }
  const top = [...report.notRead].sort((a, b) => b.count - a.count)[0];
  const example = top?.examples[0];
  throw new IngestError(
    source.fileName,
    `none of the ${report.rowsRead} rows could be read${top ? ` (${top.count} × ${top.reason}${example ? `, e.g. row ${example.row}: "${example.text.slice(0, 80)}"` : ''})` : ''}`,
    'Check the export settings (dates, decimal marks, columns) and export the file again as CSV.',
  );
}

/** Whatever went wrong, the page says which file and what to do, never a bare engine message. */
function asIngestError(fileName: string, e: unknown): unknown {
  if (e instanceof IngestError) return e;
  const text = ((e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '').replace(/^[\w ]*Error: /, '');
  // DuckDB says "could not allocate block …" or "failed to allocate data …" when its wasm heap is full.
  if (/out of memory|allocation fail|memory access out of bounds|(could not|failed to) allocate/i.test(text)) {
    return new IngestError(
      fileName,
      'the browser ran out of memory while reading the file',
      'Export a shorter period or only the columns needed, or close other tabs and try again.',
    );
  }
  return new IngestError(
    fileName,
    `the file could not be read as a table (${text || 'unknown error'})`,
    'Check that it is a CSV or text export; open it in a spreadsheet program and save it again as CSV (UTF-8).',
  );
}

/** Time zone changed: every source's typed table is rebuilt (instants move to the new zone). */
export async function rebuildAll(c: Connector, current: Dataset, timeZone: string): Promise<Dataset> {
  const sources: LoadedSource[] = [];
  for (const s of current.sources) {
    const build = recorder(c);
    const report = await buildSource(build.c, s.source, { timeZone });
    sources.push({ ...s, report, buildSql: build.log });
  }
  return combine(c, sources, current);
}

export async function rebuildSource(
  c: Connector,
  current: Dataset,
  id: string,
  overrides: Overrides,
  timeZone: string,
): Promise<Dataset> {
  const old = current.sources.find((s) => s.id === id);
  if (!old) return current;
  const f = overrides.format;
  // Encoding, delimiter and header change how the file splits into columns: read it again.
  const reopen = f !== undefined && (f.encoding !== undefined || f.delimiter !== undefined || f.hasHeader !== undefined);
  let next: Built;
  if (reopen) {
    const format = { ...old.source.format, ...f, dateFormats: {} };
    next = await openAndBuild(c, old.file, id, { ...overrides, format }, timeZone, () => undefined);
  } else {
    const source = withOverrides(old.source, overrides);
    const build = recorder(c);
    const report = await buildSource(build.c, source, { timeZone });
    next = { source, report, openSql: old.openSql, buildSql: build.log };
  }
  const sources = current.sources.map((s) => (s.id === id ? { ...s, ...next } : s));
  return combine(c, sources, current);
}

export async function removeSource(c: Connector, current: Dataset, id: string): Promise<Dataset | null> {
  const gone = current.sources.find((s) => s.id === id);
  if (gone) await dropSource(c, gone.source);
  const rest = current.sources.filter((s) => s.id !== id);
  if (rest.length) return combine(c, rest, current);
  // Nothing left: the combined and model tables go too, so clearing frees the engine's memory.
  for (const v of ['events', ...MODEL_VIEWS]) await c.exec(`DROP VIEW IF EXISTS ${v}`);
  for (const stmt of COMBINED_TABLES.flatMap(dropEverywhereSql)) await c.exec(stmt);
  return null;
}

const COMBINED_TABLES = ['subscriptions', 'customer_attrs', 'survey', ...MODEL_TABLES];

/** Makes a set of already built sources the one the metrics read (switching datasets). */
export async function activate(c: Connector, sources: LoadedSource[], previous: Dataset | null): Promise<Dataset | null> {
  return sources.length ? combine(c, sources, previous) : null;
}

/** Drops every table and registered file of these sources. */
export async function dropSources(c: Connector, sources: LoadedSource[]): Promise<void> {
  for (const s of sources) await dropSource(c, s.source).catch(() => undefined);
}

/** Drops every table Kohort made (sources, combined and model tables): nothing of the data stays in DuckDB. */
export async function clearEngine(c: Connector, sources: LoadedSource[]): Promise<void> {
  await dropSources(c, sources);
  for (const v of ['events', ...MODEL_VIEWS]) await c.exec(`DROP VIEW IF EXISTS ${v}`);
  // Temporary ones too: raw tables are TEMP (see raw.ts).
  const tables = await c.query("SELECT database_name AS d, table_name AS t FROM duckdb_tables() WHERE schema_name = 'main'");
  const q = (s: string): string => `"${s.replaceAll('"', '""')}"`;
  for (const r of tables) if (typeof r.t === 'string' && typeof r.d === 'string') await c.exec(`DROP TABLE IF EXISTS ${q(r.d)}.main.${q(r.t)}`);
}

/** The reading choices in force for a source, to re-apply when the file is opened again. */
export function choicesOf(source: Source): Overrides {
  return {
    format: source.format,
    roles: Object.fromEntries(source.columns.map((c) => [c.key, c.role])),
    shape: source.shape,
    ...(source.scale ? { scale: source.scale } : {}),
  };
}

async function combine(c: Connector, sources: LoadedSource[], previous: Dataset | null): Promise<Dataset> {
  const combined = combineSql(sources.map((s) => s.source));
  const statements = [...combined.statements];
  if (combined.tables.events) {
    // Same storage rule as the per-source tables: uncompressed TEMP while the data is small.
    const temp = sources.reduce((n, s) => n + s.source.rawRows, 0) <= UNCOMPRESSED_ROWS;
    statements.push(
      ...MODEL_TABLES.flatMap(dropEverywhereSql),
      ...modelSql(combined.info, temp),
      ...segmentModelSql(combined.info, combined.tables, combined.attrSegments, temp),
    );
  }
  for (const stmt of statements) await c.exec(stmt);
  return {
    modelSql: statements,
    sources,
    info: combined.info,
    tables: combined.tables,
    attrSegments: combined.attrSegments,
    version: (previous?.version ?? 0) + 1,
  };
}

export function describeError(e: unknown): { message: string; hint: string | null } {
  // The alert's title names the file; the message says what is wrong, the hint what to do.
  if (e instanceof IngestError) return { message: `${e.problem.charAt(0).toUpperCase()}${e.problem.slice(1)}.`, hint: e.hint };
  const text = ((e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '').replace(/^[\w ]*Error: /, '');
  return {
    message: `The data could not be processed (${text || 'unknown error'}).`,
    hint: 'Check that the file is a CSV or text export; if it is, the column settings may help.',
  };
}

/**
 * A script that rebuilds every table from the original files and then runs `query`:
 * runnable as-is in the DuckDB command-line tool in the folder holding the files.
 */
export function sqlScript(d: Dataset, query: string): string {
  const rename = (sql: string) =>
    d.sources.reduce((text, s) => text.replaceAll(`'kohort_${s.source.id}.csv'`, `'${s.fileName.replaceAll("'", "''")}'`), sql);
  const parts = [
    `-- Kohort: run in the DuckDB command-line tool (v1.4) in the folder holding ${d.sources.map((s) => s.fileName).join(', ')}.`,
    ...STARTUP_SQL,
    ...d.sources.flatMap((s) => [
      `-- ${s.fileName}${s.source.format.encoding !== 'utf-8' ? ` (read by Kohort as ${s.source.format.encoding}; convert it to UTF-8 first)` : ''}`,
      ...s.openSql.map(rename),
      // A large file's rebuild reads the file again (its raw table is dropped after each build).
      ...s.buildSql.map(rename),
    ]),
    '-- combined tables and the compact model',
    ...d.modelSql,
    '-- the panel\'s query',
    query,
  ];
  return parts.map((p) => (p.startsWith('--') ? p : p.trimEnd() + ';')).join('\n\n') + '\n';
}
