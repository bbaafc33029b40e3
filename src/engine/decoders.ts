/**
 * Parsers that run next to DuckDB (in its worker, in the browser) for results too large to pass
 * to the page as rows: copying 100 000+ row objects between threads and parsing them on the page
 * takes longer than a frame may last. Each returns plain data whose typed arrays are moved, not
 * copied, to the page. The parsers are the metrics' own, so the numbers are the same.
 */
import type { Columns } from '../metrics/rows';
import { parseClvSummaryColumns } from '../metrics/clv-summary';

export const DECODERS = {
  clvSummaryWeek: (c: Columns) => parseClvSummaryColumns(c, 'week'),
  clvSummaryDay: (c: Columns) => parseClvSummaryColumns(c, 'day'),
} satisfies Record<string, (c: Columns) => object>;

export type DecoderName = keyof typeof DECODERS;
export type Decoded<K extends DecoderName> = ReturnType<(typeof DECODERS)[K]>;

export function decode<K extends DecoderName>(decoder: K, columns: Columns): Decoded<K> {
  return DECODERS[decoder](columns) as Decoded<K>;
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
