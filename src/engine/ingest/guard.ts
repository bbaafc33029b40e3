/**
 * What Kohort refuses before a file reaches DuckDB, each with a message that says
 * what is wrong and what to do. Pure.
 *
 * Size: DuckDB-WASM runs in 32-bit WebAssembly (at most 4 GB for everything) and
 * the raw table holds every value of the file as text, so a file must fit in
 * memory about twice over. Streaming would not help: the analysis needs all rows
 * in one table. Refusing up front with a clear limit is better than a tab that dies
 * minutes later. Files transcoded or normalised in JS (UTF-16, Windows-1252, lone
 * CR line ends) exist twice while being handed over, so their limit is lower.
 */
import { IngestError } from './errors';

export const MAX_BYTES = 1024 ** 3;
export const MAX_BYTES_COPIED = 256 * 1024 ** 2;
/** The detection pass counts per column; beyond this a wide export is almost always a pivot or a dump. */
export const MAX_COLUMNS = 1000;

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${Math.round(n / 1024 ** 2)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} kB`;
}

export function checkSize(fileName: string, bytes: number, copied: boolean): void {
  const limit = copied ? MAX_BYTES_COPIED : MAX_BYTES;
  if (bytes <= limit) return;
  throw new IngestError(
    fileName,
    `the file is ${formatBytes(bytes)}; Kohort reads files up to ${formatBytes(limit)}${copied ? ' in this encoding' : ''} in the browser`,
    copied
      ? 'Save it as UTF-8 CSV (larger files are allowed then), or export a shorter period or fewer columns.'
      : 'Export a shorter period or only the columns needed (customer, date, amount and a few segments), or split the file by year.',
  );
}

export function checkColumns(fileName: string, columns: number): void {
  if (columns <= MAX_COLUMNS) return;
  throw new IngestError(
    fileName,
    `the file has ${columns.toLocaleString('en')} columns; Kohort reads up to ${MAX_COLUMNS.toLocaleString('en')}`,
    'Export only the columns needed (customer, date, amount and a few segments such as country or channel).',
  );
}

const NOT_CSV: { test: RegExp; kind: string }[] = [
  { test: /^<!doctype html|^<html[\s>]|^<head[\s>]|^<body[\s>]|^<table[\s>]/i, kind: 'a web page (HTML)' },
  { test: /^<\?xml|^<[a-z][\w:-]*(\s[^>]*)?>\s*<[a-z]/i, kind: 'an XML document' },
  { test: /^\[\s*[{["\d]|^\{\s*"/, kind: 'JSON' },
  { test: /^\{\\rtf/, kind: 'an RTF document' },
];

/** Refuses text that is a web page, XML, JSON or RTF rather than a table. */
export function checkText(fileName: string, text: string): void {
  const start = text.trimStart().slice(0, 200);
  const hit = NOT_CSV.find((n) => n.test.test(start));
  if (!hit) return;
  throw new IngestError(
    fileName,
    `this is ${hit.kind}, not a CSV or text export`,
    'Export the data as CSV (comma or semicolon separated) from the program it came from and drop that file.',
  );
}

/** A carriage return not followed by a line feed: DuckDB cannot read such line ends mixed with others. */
export function hasLoneCr(text: string): boolean {
  return /\r(?!\n)/.test(text.endsWith('\r') ? text.slice(0, -1) : text);
}
