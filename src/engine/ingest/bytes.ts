/**
 * What the first bytes of a file say: binary or text, and which encoding.
 * Pure: looks only at the head slice, never at the whole file.
 */
import { IngestError } from './errors';
import { decodeCp1252 } from './cp1252';
import type { Encoding } from './types';

const MAGIC: { bytes: number[]; kind: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive (an .xlsx workbook is one)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: 'a PDF document' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: 'an old Excel (.xls) workbook' },
  { bytes: [0x1f, 0x8b], kind: 'a gzip archive' },
  { bytes: [0x50, 0x41, 0x52, 0x31], kind: 'a Parquet file' },
];

export interface ByteSniff {
  encoding: Encoding;
  /** Length of the byte order mark to skip (0 when none). */
  bomLength: number;
}

export function sniffBytes(head: Uint8Array, fileName: string): ByteSniff {
  if (head.length === 0) {
    throw new IngestError(fileName, 'the file is empty', 'Export it again and check that it contains rows.');
  }
  const magic = MAGIC.find((m) => m.bytes.every((b, i) => head[i] === b));
  if (magic) throw notText(fileName, magic.kind === MAGIC[0]?.kind && isXlsx(head) ? 'an Excel workbook (.xlsx)' : magic.kind);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (head.includes(0)) throw notText(fileName, 'binary data (it contains NUL bytes)');
  return { encoding: isUtf8(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** An .xlsx is a ZIP whose entry names (stored uncompressed in the headers) include the workbook parts. */
function isXlsx(head: Uint8Array): boolean {
  const names = new TextDecoder('latin1').decode(head.subarray(0, 64 * 1024));
  return names.includes('[Content_Types].xml') && names.includes('xl/');
}

function notText(fileName: string, kind: string): IngestError {
  return new IngestError(
    fileName,
    `this is ${kind}, not a CSV or text export`,
    'Save or export the data as CSV (comma or semicolon separated) and drop that file.',
  );
}

/** Valid UTF-8, allowing a sequence cut off by the end of the head slice. */
export function isUtf8(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length) {
    const x = b[i] ?? 0;
    const n = x < 0x80 ? 0 : x >= 0xc2 && x <= 0xdf ? 1 : x >= 0xe0 && x <= 0xef ? 2 : x >= 0xf0 && x <= 0xf4 ? 3 : -1;
    if (n < 0) return false;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length) return true;
      if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

/** Head bytes → text, dropping a BOM and a last line that the slice may have cut. */
export function decodeHead(head: Uint8Array, sniff: ByteSniff, complete: boolean): string {
  const body = head.subarray(sniff.bomLength);
  const text = sniff.encoding === 'windows-1252' ? decodeCp1252(body) : new TextDecoder(sniff.encoding).decode(body);
  if (complete) return text;
  const cut = text.lastIndexOf('\n');
  return cut > 0 ? text.slice(0, cut + 1) : text;
}
