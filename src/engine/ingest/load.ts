/**
 * Opening and building a source.
 *
 *   openSource: sniff the head in JS, hand the file to DuckDB (never read whole into
 *     JS unless it must be transcoded), create the all-VARCHAR raw table, run the
 *     detection pass, guess formats, roles and shape.
 *   buildSource: the typed pass and the per-source typed table, plus the load report.
 *     Re-running it with other roles or formats (withOverrides) reads the raw table, or the file
 *     again when a large file's raw table was dropped after its build (KEEP_RAW_ROWS).
 */
import { ident, lit } from '../../metrics/sql';
import type { Row } from '../../metrics/rows';
import { dropEverywhereSql, UNCOMPRESSED_ROWS, type Connector } from '../connector';
import { decodeHead, sniffBytes } from './bytes';
import { transcodeToUtf8 } from './decode';
import { detectSql, parseDetect, planColumn, type DetectPlan } from './detect';
import { IngestError } from './errors';
import { finalSql, instantRangeSql } from './final';
import { checkColumns, checkSize, checkText, hasLoneCr } from './guard';
import { decideFormats } from './formats';
import { columnNames, sniffHeader } from './header';
import { rawAgainSql, rawSql, columnKeys } from './raw';
import { loadReport, setAsideReport } from './report';
import { guessRoles, scaleOf, shapeOf } from './roles';
import { fieldCount, sniffDelimiter, splitRecords } from './text';
import { unreadTailInsertSql, unreadTailSql } from './tail';
import { checkTimeZone, offsetSpans, offsetTableSql } from './timezone';
import { finalTableName, typedSql, typedTableName } from './typed';
import type { ColumnInfo, LoadReport, Overrides, Role, Source } from './types';
import { checkSource } from './validate';

/** Bytes read into JS for sniffing. */
export const HEAD_BYTES = 256 * 1024;
const HEAD_RECORDS = 2000;

export function safeId(id: string): string {
  const s = id.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return /^[a-z_]/.test(s) ? s : `s_${s}`;
}

/**
 * Above this many rows the detection's pattern counts run on an even sample (every k-th row) of
 * about this size: they only choose formats and roles, and the typed pass still reads and checks
 * every value. Where a sample could have chosen differently (see needsFullDetection) the source
 * is opened again with sampleRows = Infinity.
 */
export const DETECT_SAMPLE_ROWS = 50_000;

export async function openSource(c: Connector, file: File, id: string, overrides: Overrides = {}, sampleRows = DETECT_SAMPLE_ROWS): Promise<Source> {
  const sid = safeId(id);
  const name = file.name;
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const sniffed = sniffBytes(head, name);
  const encoding = overrides.format?.encoding ?? sniffed.encoding;
  const bom = encoding === sniffed.encoding ? sniffed.bomLength : 0;
  const decoded = decodeHead(head, { encoding, bomLength: bom }, file.size <= HEAD_BYTES);
  checkText(name, decoded);
  const lineEnds = hasLoneCr(decoded);
  const text = lineEnds ? decoded.replace(/\r\n?/g, '\n') : decoded;
  const copied = encoding !== 'utf-8' || lineEnds;
  checkSize(name, file.size, copied);
  const delimiter = overrides.format?.delimiter ?? sniffDelimiter(text);
  const records = splitRecords(text, delimiter, HEAD_RECORDS);
  const hasHeader = overrides.format?.hasHeader ?? sniffHeader(records);
  const dataRecords = hasHeader ? records.slice(1) : records;
  if (records.length === 0) throw new IngestError(name, 'the file has no rows', 'Export it again and check that it contains rows.');
  if (dataRecords.length === 0) {
    throw new IngestError(name, 'the file has a header but no rows', 'Export it again with the rows included.');
  }
  const ncol = hasHeader ? Math.max(records[0]?.length ?? 0, fieldCount(dataRecords)) : fieldCount(dataRecords);
  checkColumns(name, ncol);
  const keys = columnKeys(ncol);
  const names = columnNames(records[0], ncol, hasHeader);

  const fileName = `kohort_${sid}.csv`;
  await c.registerFile(fileName, copied ? await transcodeToUtf8(file, encoding, { lineEnds }) : file);
  const rawTable = `raw_${sid}`;
  const rejectsTable = `rejects_${sid}`;
  const leadingBlankLines = (/^(\r?\n)*/.exec(text)?.[0].split('\n').length ?? 1) - 1;
  const plan = { fileName, rawTable, rejectsTable, delimiter, hasHeader, columns: ncol, leadingBlankLines };
  await readable(name, async () => {
    for (const stmt of rawSql(plan)) await c.exec(stmt);
  });
  const plans = keys.map((k, i) => planColumn(k, hasHeader ? (names[i] ?? null) : null, dataRecords.map((r) => r[i] ?? '')));
  const total = (await c.query(`SELECT count(*) AS n FROM ${ident(rawTable)}`))[0]?.n;
  const every = typeof total === 'number' && total > sampleRows ? Math.ceil(total / sampleRows) : 1;
  const detected = await detectInBatches(c, rawTable, plans, every);
  const stats = parseDetect(detected, plans);
  if (delimiter !== 'whitespace') {
    const multiline = keys.filter((k) => (stats.get(k)?.multiline ?? 0) > 0);
    const lost = (await c.query(unreadTailSql({ fileName, rawTable, rejectsTable, hasHeader, lastColumn: keys[keys.length - 1] ?? 'c1', multiline })))[0];
    if (typeof lost?.lost === 'number' && lost.lost > 0 && typeof lost.lines === 'number') {
      await c.exec(unreadTailInsertSql({ fileName, rejectsTable, hasHeader, from: lost.lines - lost.lost + 1 }));
    }
  }
  const rejected = (await c.query(`SELECT count(*) AS n FROM ${ident(`rejects_${sid}`)}`))[0]?.n;

  const columns: ColumnInfo[] = keys.map((key, i) => {
    const st = stats.get(key);
    if (!st) throw new Error(`no stats for ${key}`);
    return { key, name: names[i] ?? key, role: 'ignore', samples: samplesOf(dataRecords, i), distinct: st.distinct, stats: st };
  });
  const guess = guessRoles(columns, hasHeader);
  for (const col of columns) col.role = guess.roles[col.key] ?? 'ignore';
  const base: Source = {
    id: sid,
    fileName: name,
    bytes: file.size,
    shape: guess.shape,
    format: {
      encoding,
      delimiter,
      hasHeader,
      decimalMark: '.',
      thousandsSeparator: ',',
      dayFirst: true,
      dateFormats: {},
      cancelPrefix: null,
    },
    columns,
    rawRows: typeof detected.rows === 'number' ? detected.rows : 0,
    rejectedLines: typeof rejected === 'number' ? rejected : 0,
    ambiguousDate: false,
    confident: guess.byName,
    scale: guess.scale,
    rawTable,
    rawAgain: rawAgainSql(plan),
    table: null,
    sampled: every > 1,
  };
  const source = withOverrides(base, overrides);
  source.confident = guess.byName && !source.ambiguousDate && !overrides.roles;
  checkSource(source);
  return source;
}

/** Columns per detection query: DuckDB's planner grows faster than linearly with the query's width. */
const DETECT_BATCH = 40;

async function detectInBatches(c: Connector, rawTable: string, plans: DetectPlan[], every: number): Promise<Row> {
  const out: Row = {};
  for (let i = 0; i < plans.length; i += DETECT_BATCH) {
    Object.assign(out, (await c.query(detectSql(rawTable, plans.slice(i, i + DETECT_BATCH), every)))[0] ?? {});
  }
  return out;
}

/** DuckDB's own error text alone tells a user nothing: the message says which file and what to do. */
async function readable(fileName: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    throw new IngestError(
      fileName,
      `the file could not be split into rows and columns (${why.replace(/^[\w ]*Error: /, '')})`,
      'Open it in a spreadsheet program and save it again as CSV (UTF-8), then drop that file.',
    );
  }
}

function samplesOf(records: string[][], i: number): string[] {
  const out = new Set<string>();
  for (const r of records) {
    const v = (r[i] ?? '').trim();
    if (v) out.add(v);
    if (out.size >= 5) break;
  }
  return [...out];
}

/**
 * A copy of the source with roles, shape, scale and formats changed, the rest
 * re-decided from the detection counts (e.g. a column newly set to `date` gets the
 * format that reads most of its values). Pure; build the result with buildSource.
 */
export function withOverrides(source: Source, o: Overrides): Source {
  const columns = source.columns.map((c) => ({ ...c, role: (o.roles?.[c.key] ?? c.role) as Role }));
  const prior = { ...source.format, ...o.format };
  // Date formats stay as they were unless given, or unless day-first changed (then undecided columns follow it).
  const dayFirstChanged = o.format?.dayFirst !== undefined && o.format.dayFirst !== source.format.dayFirst;
  const kept = Object.fromEntries(
    Object.entries(source.format.dateFormats).filter(([, f]) => !(dayFirstChanged && (f === 'dd-mm-yyyy' || f === 'mm-dd-yyyy'))),
  );
  const keepDates = { ...kept, ...o.format?.dateFormats };
  const fresh = source.table === null && Object.keys(source.format.dateFormats).length === 0;
  const decided = decideFormats(columns, prior.delimiter, prior.dayFirst, {
    ...(o.format?.decimalMark ? { decimalMark: o.format.decimalMark } : fresh ? {} : { decimalMark: source.format.decimalMark }),
    ...(o.format?.thousandsSeparator !== undefined
      ? { thousandsSeparator: o.format.thousandsSeparator }
      : fresh || o.format?.decimalMark
        ? {}
        : { thousandsSeparator: source.format.thousandsSeparator }),
    ...(o.format?.cancelPrefix !== undefined ? { cancelPrefix: o.format.cancelPrefix } : fresh ? {} : { cancelPrefix: source.format.cancelPrefix }),
    dateFormats: keepDates,
  });
  const shape = o.shape ?? (o.roles ? shapeOf(Object.fromEntries(columns.map((c) => [c.key, c.role]))) : source.shape);
  const scoreCol = columns.find((c) => c.role === 'score');
  return {
    ...source,
    columns,
    shape,
    scale: shape !== 'survey' ? null : (o.scale ?? (o.roles || !source.scale ? (scoreCol ? scaleOf(scoreCol) : null) : source.scale)),
    format: { ...prior, decimalMark: decided.decimalMark, thousandsSeparator: decided.thousandsSeparator, dateFormats: decided.dateFormats, cancelPrefix: decided.cancelPrefix },
    ambiguousDate: decided.ambiguousDate,
    table: null,
  };
}

export interface BuildOptions {
  /** IANA zone of the dashboard, e.g. 'Europe/Amsterdam'. */
  timeZone: string;
}

/**
 * Above this many rows a source's raw table is dropped once its typed pass is done, before the
 * final table is written: at 10 M rows the raw text is about 0.7 GB of DuckDB's 4 GB, and it
 * only serves a rebuild with other roles or formats, which then reads the file again (about as
 * long as the typed pass itself).
 */
export const KEEP_RAW_ROWS = UNCOMPRESSED_ROWS;

/** Creates the source's typed table (events_<id>, …) from its raw table and reports on it. */
export async function buildSource(c: Connector, source: Source, options: BuildOptions): Promise<LoadReport> {
  checkSource(source);
  try {
    checkTimeZone(options.timeZone);
  } catch {
    throw new IngestError(source.fileName, `unknown time zone ${options.timeZone}`, 'Pick a time zone such as Europe/Amsterdam.');
  }
  if (!(await hasTable(c, source.rawTable))) for (const stmt of source.rawAgain) await c.exec(stmt);
  await c.exec(typedSql(source));
  let tz: string | null = null;
  const rangeSql = instantRangeSql(source);
  if (rangeSql) {
    const r = (await c.query(rangeSql))[0];
    if (typeof r?.lo === 'number' && typeof r.hi === 'number') {
      tz = `tz_${source.id}`;
      await c.exec(offsetTableSql(tz, offsetSpans(options.timeZone, r.lo, r.hi)));
    }
  }
  const aside = await setAsideReport(c, source);
  if (source.rawRows > KEEP_RAW_ROWS) await c.exec(`DROP TABLE ${ident(source.rawTable)}`);
  for (const stmt of dropEverywhereSql(finalTableName(source))) await c.exec(stmt);
  await c.exec(finalSql(source, tz));
  source.table = finalTableName(source);
  const report = await loadReport(c, source, aside);
  await c.exec(`DROP TABLE IF EXISTS ${ident(typedTableName(source))}`);
  if (tz) await c.exec(`DROP TABLE IF EXISTS ${ident(tz)}`);
  return report;
}

async function hasTable(c: Connector, name: string): Promise<boolean> {
  const found = await c.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${lit(name)}`);
  return found[0]?.n !== 0;
}

/**
 * Formats chosen on a sample are kept only when nothing suggests the whole column would have
 * chosen otherwise: no value left unreadable (or off the survey scale) and no date ambiguity.
 */
export function needsFullDetection(source: Source, report: LoadReport): boolean {
  if (!source.sampled) return false;
  return source.ambiguousDate || report.notRead.some((g) => /not readable|outside/.test(g.reason));
}

/** Forgets what a failed openSource of a new `id` left: its raw and rejects tables and the registered file. */
export async function dropOpened(c: Connector, id: string): Promise<void> {
  const sid = safeId(id);
  for (const t of [`raw_${sid}`, `rejects_${sid}`, `raw_${sid}_rej`, `raw_${sid}_scan`, `raw_${sid}_lines`]) {
    await c.exec(`DROP TABLE IF EXISTS ${ident(t)}`);
  }
  await c.dropFile(`kohort_${sid}.csv`);
}

/** Forgets a source: its tables and the registered file. */
export async function dropSource(c: Connector, source: Source): Promise<void> {
  for (const t of [source.rawTable, `rejects_${source.id}`, typedTableName(source)]) {
    await c.exec(`DROP TABLE IF EXISTS ${ident(t)}`);
  }
  for (const stmt of dropEverywhereSql(finalTableName(source))) await c.exec(stmt);
  await c.dropFile(`kohort_${source.id}.csv`);
}
