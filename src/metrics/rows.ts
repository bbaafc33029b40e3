import { DataType, Precision, util, type Table } from 'apache-arrow';
import { idList, type IdList } from './id-list';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/**
 * Arrow table → plain rows: BIGINT becomes number (counts never exceed 2^53),
 * DATE/TIMESTAMP become ISO text, so results are plain, comparable data.
 */
export function toRows(table: Table): Row[] {
  const columns = Object.entries(toColumns(table));
  const out: Row[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    for (const [name, values] of columns) row[name] = values[i] ?? null;
    out[i] = row;
  }
  return out;
}

/** A result as one array of cells per column: large results are parsed without a row object each. */
export type Columns = Record<string, Cell[]>;

/** Arrow table → columns. Each column's chunks are walked once (get(i) would look the chunk up per cell). */
export function toColumns(table: Table): Columns {
  const out: Columns = {};
  for (const f of table.schema.fields) {
    const col = table.getChild(f.name);
    const cell = converter(f.type);
    const values: Cell[] = new Array(table.numRows);
    let i = 0;
    if (col) for (const v of col) values[i++] = v === null || v === undefined ? null : cell(v);
    out[f.name] = values;
  }
  return out;
}

/**
 * A DOUBLE column as one typed array, without a JS value per cell (for results of 100 000+
 * rows); nulls become `nullAs`, and are an error without it. Other types go cell by cell.
 */
export function float64Column(table: Table, name: string, nullAs?: number): Float64Array {
  const col = table.getChild(name);
  if (!col) throw new Error(`no column ${name}`);
  const typed = DataType.isFloat(col.type) && col.type.precision === Precision.DOUBLE;
  // A copy: toArray() can be a view into the result's shared buffer, which must not be moved.
  const out = typed ? new Float64Array(col.toArray() as Float64Array) : new Float64Array(col.length);
  const cell = converter(col.type);
  if (typed && col.nullCount > 0 && nullAs !== undefined && fillNulls(col.data, out, nullAs)) return out;
  if (!typed || col.nullCount > 0) {
    for (let i = 0; i < col.length; i++) {
      const v = col.get(i);
      if (v === null || v === undefined) {
        if (nullAs === undefined) throw new Error(`column ${name}: expected a number, got null`);
        out[i] = nullAs;
      } else if (!typed) {
        const c = cell(v);
        if (typeof c !== 'number') throw new Error(`column ${name}: expected a number, got ${String(c)}`);
        out[i] = c;
      }
    }
  }
  return out;
}

/** Sets out[i] = value where the column is null, from the validity bitmaps; false if a chunk is a slice (offset). */
function fillNulls(chunks: readonly { offset: number; length: number; nullBitmap?: Uint8Array | null }[], out: Float64Array, value: number): boolean {
  if (chunks.some((d) => d.offset !== 0)) return false;
  let at = 0;
  for (const d of chunks) {
    const bits = d.nullBitmap;
    if (bits && bits.length > 0) for (let i = 0; i < d.length; i++) if (((bits[i >> 3] ?? 0) & (1 << (i & 7))) === 0) out[at + i] = value;
    at += d.length;
  }
  return true;
}

/**
 * A text column as an IdList without a string per value: each chunk's UTF-8 bytes are decoded
 * once, and for ASCII text (one byte per UTF-16 unit) the byte offsets are the ends. Other text
 * goes value by value.
 */
export function idListColumn(table: Table, name: string): IdList {
  const col = table.getChild(name);
  if (!col) throw new Error(`no column ${name}`);
  if (!DataType.isUtf8(col.type) || col.nullCount > 0 || col.data.some((d) => d.offset !== 0)) return idList(textColumn(table, name));
  const decoder = new TextDecoder();
  const parts: string[] = [];
  const ends = new Uint32Array(col.length);
  let at = 0;
  let base = 0;
  for (const d of col.data) {
    const offsets = d.valueOffsets as Int32Array;
    const first = offsets[0] ?? 0;
    const bytes = (d.values as Uint8Array).subarray(first, offsets[d.length] ?? first);
    const text = decoder.decode(bytes);
    if (text.length !== bytes.length) return idList(textColumn(table, name));
    for (let i = 0; i < d.length; i++) ends[at + i] = base + ((offsets[i + 1] ?? 0) - first);
    parts.push(text);
    at += d.length;
    base += text.length;
  }
  return { text: parts.join(''), ends };
}

/** A text column's values; anything else than text is an error. */
export function textColumn(table: Table, name: string): string[] {
  const col = table.getChild(name);
  if (!col) throw new Error(`no column ${name}`);
  const values = DataType.isUtf8(col.type) ? (col.toArray() as unknown[]) : [...col];
  for (const v of values) if (typeof v !== 'string') throw new Error(`column ${name}: expected text, got ${String(v)}`);
  return values as string[];
}

/** Rows → columns (the given names), for parsers written against Columns. */
export function columnsOf(rows: Row[], names: readonly string[]): Columns {
  return Object.fromEntries(names.map((name) => [name, rows.map((r) => r[name] ?? null)]));
}

/** How to turn a non-null value of this type into a Cell, decided once per column. */
function converter(type: DataType): (v: unknown) => Cell {
  // DuckDB sends HUGEINT (e.g. sum of BIGINT) and DECIMAL as Arrow decimals.
  if (DataType.isDecimal(type)) return (v) => util.bigNumToNumber(v as Parameters<typeof util.bigNumToNumber>[0], type.scale);
  if (DataType.isDate(type)) return (v) => new Date(v as number).toISOString().slice(0, 10);
  if (DataType.isTimestamp(type)) return (v) => new Date(v as number).toISOString().slice(0, 19).replace('T', ' ');
  return plainCell;
}

function plainCell(v: unknown): Cell {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

/** Typed accessors for parsers: fail loudly on a shape mismatch rather than produce a wrong number. */
export function n(row: Row, key: string): number {
  const v = row[key];
  if (typeof v !== 'number') throw new Error(`column ${key}: expected a number, got ${String(v)}`);
  return v;
}

export function nOrNull(row: Row, key: string): number | null {
  const v = row[key];
  if (v === null) return null;
  return n(row, key);
}

export function s(row: Row, key: string): string {
  const v = row[key];
  if (typeof v !== 'string') throw new Error(`column ${key}: expected text, got ${String(v)}`);
  return v;
}

export function b(row: Row, key: string): boolean {
  const v = row[key];
  if (typeof v !== 'boolean') throw new Error(`column ${key}: expected a boolean, got ${String(v)}`);
  return v;
}
