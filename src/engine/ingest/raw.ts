/**
 * The raw table: every record of the file, every column VARCHAR (c1 … cN), read
 * once. Re-building with other roles or formats reads this table, not the file (except for
 * a large file, whose raw table is dropped after the build and read again when needed).
 *
 * Delimited files go through read_csv with all options set (no sniffing), null
 * padding for short records and store_rejects for records that cannot be split;
 * those land in rejects_<id> with their text. Whitespace-aligned files are read as
 * lines and split on runs of blanks.
 */
import { ident, lit } from '../../metrics/sql';
import type { Delimiter } from './types';

export interface RawPlan {
  fileName: string;
  rawTable: string;
  rejectsTable: string;
  delimiter: Delimiter;
  hasHeader: boolean;
  columns: number;
  /** Empty lines before the first record: DuckDB's `skip` counts them. */
  leadingBlankLines?: number;
}

export function columnKeys(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `c${i + 1}`);
}

/** Statements creating the raw table and the rejects table (row, text, reason). */
export function rawSql(p: RawPlan): string[] {
  const { read, rejects, cleanUp } = rawParts(p);
  return [...read, ...rejects, ...cleanUp];
}

/**
 * Statements that read the file into the raw table again, the rejects table left as it is: a
 * large file's raw table is dropped once its typed table is built (see buildSource).
 */
export function rawAgainSql(p: RawPlan): string[] {
  const { read, cleanUp } = rawParts(p);
  return [...read, ...cleanUp];
}

function rawParts(p: RawPlan): { read: string[]; rejects: string[]; cleanUp: string[] } {
  const keys = columnKeys(p.columns);
  if (p.delimiter === 'whitespace') return whitespaceParts(p, keys);
  const cols = keys.map((k) => `${lit(k)}: 'VARCHAR'`).join(', ');
  const rej = `${p.rawTable}_rej`;
  const scan = `${p.rawTable}_scan`;
  const header = p.hasHeader ? 1 : 0;
  const skip = header + (p.leadingBlankLines ?? 0);
  // A line holding only spaces is blank, like an empty line (which DuckDB skips itself).
  const notBlank = keys.length > 1 ? `c2 IS NOT NULL OR trim(coalesce(c1, '')) <> ''` : `trim(coalesce(c1, '')) <> ''`;
  return {
    read: [
      // TEMP: all text, written once and read by detection and every rebuild; compressing it (STARTUP_SQL) costs 3× the write time.
      `CREATE OR REPLACE TEMP TABLE ${ident(p.rawTable)} AS SELECT * FROM read_csv(${lit(p.fileName)},
  delim = ${lit(p.delimiter)}, quote = '"', escape = '"', header = false, skip = ${skip}, auto_detect = false,
  columns = {${cols}}, null_padding = true, parallel = false, max_line_size = 10000000,
  store_rejects = true, ignore_errors = true, rejects_table = ${lit(rej)}, rejects_scan = ${lit(scan)})
WHERE ${notBlank}`,
    ],
    rejects: [
      // DuckDB numbers a reject by its record in the file, header included.
      `CREATE OR REPLACE TABLE ${ident(p.rejectsTable)} AS
SELECT line - ${skip} AS row_no, min(trim(csv_line, chr(10) || chr(13))) AS text,
  CASE min(error_type) WHEN 'INVALID ENCODING' THEN 'text is not valid UTF-8'
    WHEN 'TOO MANY COLUMNS' THEN 'line has more fields than the header'
    ELSE 'line could not be split into columns' END AS reason
FROM ${ident(rej)} GROUP BY line`,
    ],
    cleanUp: [`DROP TABLE IF EXISTS ${ident(rej)}`, `DROP TABLE IF EXISTS ${ident(scan)}`],
  };
}

function whitespaceParts(p: RawPlan, keys: string[]): { read: string[]; rejects: string[]; cleanUp: string[] } {
  const lines = `${p.rawTable}_lines`;
  const n = keys.length;
  return {
    read: [
      `CREATE OR REPLACE TEMP TABLE ${ident(lines)} AS
SELECT parts, line FROM (
  SELECT string_split_regex(trim(line), '\\s+') AS parts, line
  FROM read_csv(${lit(p.fileName)}, delim = ${lit('\x1f')}, quote = '', escape = '', header = false, skip = ${(p.hasHeader ? 1 : 0) + (p.leadingBlankLines ?? 0)},
    auto_detect = false, columns = {'line': 'VARCHAR'}, parallel = false, max_line_size = 10000000)
  WHERE trim(line) <> '')`,
      `CREATE OR REPLACE TEMP TABLE ${ident(p.rawTable)} AS
SELECT ${keys.map((k, i) => `CASE WHEN len(parts) = ${n} THEN parts[${i + 1}] END AS ${ident(k)}`).join(', ')},
  CASE WHEN len(parts) <> ${n} THEN line END AS _unsplit
FROM ${ident(lines)}`,
      `DROP TABLE ${ident(lines)}`,
    ],
    rejects: [`CREATE OR REPLACE TABLE ${ident(p.rejectsTable)} (row_no BIGINT, text VARCHAR, reason VARCHAR)`],
    cleanUp: [],
  };
}
