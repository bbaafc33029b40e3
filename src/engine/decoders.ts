/**
 * Parsers that run next to DuckDB (in its worker, in the browser) for results too large to pass
 * to the page as rows: copying 100 000+ row objects between threads and parsing them on the page
 * takes longer than a frame may last. Each reads DuckDB's Arrow result and returns plain data whose
 * typed arrays are moved, not copied, to the page; the tests check they equal the row parsers.
 */
import type { Table } from 'apache-arrow';
import { parseClvSummaryTable } from '../metrics/clv-summary';

export const DECODERS = {
  clvSummaryWeek: (t: Table) => parseClvSummaryTable(t, 'week'),
  clvSummaryDay: (t: Table) => parseClvSummaryTable(t, 'day'),
} satisfies Record<string, (t: Table) => object>;

export type DecoderName = keyof typeof DECODERS;
export type Decoded<K extends DecoderName> = ReturnType<(typeof DECODERS)[K]>;

export function decode<K extends DecoderName>(decoder: K, table: Table): Decoded<K> {
  return DECODERS[decoder](table) as Decoded<K>;
}

/** The buffers of a decoded result's typed-array fields (and its objects' fields, such as an IdList's ends), to transfer with it. */
export function transferables(result: object): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (v: unknown, depth: number): void => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
    } else if (depth === 0 && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const w of Object.values(v)) add(w, 1);
    }
  };
  for (const v of Object.values(result)) add(v, 0);
  return out;
}
