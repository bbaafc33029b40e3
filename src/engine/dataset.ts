/**
 * The loaded dataset: its sources (one per file) and the combined tables the
 * metrics read. Every change (a file added, a setting changed, a file removed)
 * ends by rebuilding the combined tables and the compact model from the typed
 * per-source tables; the files themselves are never read again for that.
 */
import type { Connector } from './connector';
import { IngestError } from './ingest/errors';
import { buildSource, dropSource, openSource, withOverrides } from './ingest/load';
import { combineSql } from './ingest/combine';
import type { LoadReport, Overrides, Source } from './ingest/types';
import { modelSql } from '../metrics/model';
import { segmentModelSql } from '../metrics/segments';
import type { DatasetInfo, SegmentColumn, TablesPresent } from '../metrics/types';
import type { MessageKey } from '../i18n';

export interface LoadedSource {
  id: string;
  fileName: string;
  file: File;
  source: Source;
  report: LoadReport;
}

export interface Dataset {
  sources: LoadedSource[];
  info: DatasetInfo;
  tables: TablesPresent;
  /** Segment columns that come from a customers file. */
  attrSegments: SegmentColumn[];
  /** Increases with every rebuild: metric panels re-run when it changes. */
  version: number;
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
): Promise<Dataset> {
  progress('loading.read');
  let source: Source | null = null;
  try {
    source = await openSource(c, file, id);
    progress('loading.detect');
    const report = await buildSource(c, source, { timeZone });
    const loaded: LoadedSource = { id: source.id, fileName: file.name, file, source, report };
    progress('loading.build');
    return await combine(c, [...(current?.sources ?? []), loaded], current);
  } catch (e) {
    // The new file's tables go; what was loaded before stays as it was.
    if (source) await dropSource(c, source).catch(() => undefined);
    if (current) await combine(c, current.sources, current).catch(() => undefined);
    throw e;
  }
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
  const source = reopen
    ? await openSource(c, old.file, id, { ...overrides, format: { ...old.source.format, ...f, dateFormats: {} } })
    : withOverrides(old.source, overrides);
  const report = await buildSource(c, source, { timeZone });
  const sources = current.sources.map((s) => (s.id === id ? { ...s, source, report } : s));
  return combine(c, sources, current);
}

export async function removeSource(c: Connector, current: Dataset, id: string): Promise<Dataset | null> {
  const gone = current.sources.find((s) => s.id === id);
  if (gone) await dropSource(c, gone.source);
  const rest = current.sources.filter((s) => s.id !== id);
  return rest.length ? combine(c, rest, current) : null;
}

async function combine(c: Connector, sources: LoadedSource[], previous: Dataset | null): Promise<Dataset> {
  const combined = combineSql(sources.map((s) => s.source));
  for (const stmt of combined.statements) await c.exec(stmt);
  if (combined.tables.events) {
    for (const stmt of modelSql(combined.info)) await c.exec(stmt);
    for (const stmt of segmentModelSql(combined.info, combined.tables, combined.attrSegments)) await c.exec(stmt);
  }
  return {
    sources,
    info: combined.info,
    tables: combined.tables,
    attrSegments: combined.attrSegments,
    version: (previous?.version ?? 0) + 1,
  };
}

export function describeError(e: unknown): { message: string; hint: string | null } {
  if (e instanceof IngestError) return { message: e.message, hint: null };
  const text = e instanceof Error ? e.message : String(e);
  return {
    message: text.split('\n')[0] ?? text,
    hint: 'The file could not be read as a table. Check that it is a CSV or text export; if it is, the column settings may help.',
  };
}
