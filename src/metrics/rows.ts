import { DataType, util, type Table } from 'apache-arrow';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/**
 * Arrow table → plain rows: BIGINT becomes number (counts never exceed 2^53),
 * DATE/TIMESTAMP become ISO text, so results are plain, comparable data.
 */
export function toRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const out: Row[] = new Array(table.numRows);
  const cols = fields.map((f) => table.getChild(f.name));
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    fields.forEach((f, j) => {
      row[f.name] = toCell(cols[j]?.get(i), f.type);
    });
    out[i] = row;
  }
  return out;
}

function toCell(v: unknown, type: DataType): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  // DuckDB sends HUGEINT (e.g. sum of BIGINT) and DECIMAL as Arrow decimals.
  if (DataType.isDecimal(type)) return util.bigNumToNumber(v as Parameters<typeof util.bigNumToNumber>[0], type.scale);
  if (DataType.isDate(type)) return new Date(v as number).toISOString().slice(0, 10);
  if (DataType.isTimestamp(type)) return new Date(v as number).toISOString().slice(0, 19).replace('T', ' ');
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
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
