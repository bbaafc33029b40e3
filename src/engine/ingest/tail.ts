/**
 * Lines lost to a quote that is never closed. DuckDB (1.4) reads such a quote to
 * the end of the file and then drops the unfinished record without an error or a
 * reject, so the rows after it would vanish silently. They are found by counting
 * the file's lines a second way (as plain lines, quotes ignored) and comparing with
 * what the raw table explains: the header, its records, the rejected lines and the
 * line breaks inside values. The missing last lines go to the rejects table with
 * their text, like any other line that could not be read.
 *
 * The second scan only runs when the last record ends in an empty field, which is
 * where such a quote leaves its mark (the unfinished field and those after it).
 */
import { ident, lit } from '../../metrics/sql';

export const UNCLOSED_TAIL = 'unclosed quote: this line and the rest of the file were not read';

function linesSql(fileName: string): string {
  return `SELECT l, row_number() OVER () AS n FROM (SELECT l FROM read_csv(${lit(fileName)}, delim = ${lit('\x1f')}, quote = '', escape = '',
  header = false, auto_detect = false, columns = {'l': 'VARCHAR'}, parallel = false, max_line_size = 10000000, ignore_errors = true)
  WHERE trim(coalesce(l, '')) <> '')`;
}

/** `lines` (non-blank lines in the file) and `lost` (lines no record accounts for); no row when the check is not needed. */
export function unreadTailSql(p: { fileName: string; rawTable: string; rejectsTable: string; hasHeader: boolean; lastColumn: string; multiline: string[] }): string {
  const raw = ident(p.rawTable);
  const breaks = p.multiline.length
    ? p.multiline.map((k) => `coalesce(sum(length(${ident(k)}) - length(replace(${ident(k)}, chr(10), ''))), 0)`).join(' + ')
    : '0';
  return `WITH needed AS (SELECT ${ident(p.lastColumn)} IS NULL AS yes FROM ${raw} ORDER BY rowid DESC LIMIT 1),
explained AS (SELECT count(*) + ${breaks} + ${p.hasHeader ? 1 : 0} + (SELECT count(*) FROM ${ident(p.rejectsTable)}) AS n FROM ${raw}),
lines AS (SELECT count(*) AS n FROM (${linesSql(p.fileName)}) WHERE (SELECT yes FROM needed))
SELECT lines.n AS lines, lines.n - explained.n AS lost FROM lines, explained WHERE (SELECT yes FROM needed)`;
}

/** Puts the lines from number `from` (1-based, non-blank lines) into the rejects table. */
export function unreadTailInsertSql(p: { fileName: string; rejectsTable: string; hasHeader: boolean; from: number }): string {
  return `INSERT INTO ${ident(p.rejectsTable)} SELECT n - ${p.hasHeader ? 1 : 0} AS row_no, l AS text, ${lit(UNCLOSED_TAIL)} AS reason
FROM (${linesSql(p.fileName)}) WHERE n >= ${p.from}`;
}
