/**
 * Parsers that run next to DuckDB (in its worker, in the browser) for results too large to pass
 * to the page as rows: copying 100 000+ row objects between threads and parsing them on the page
 * takes longer than a frame may last. Each returns plain data whose typed arrays are moved, not
 * copied, to the page. The parsers are the metrics' own, so the numbers are the same.
 */
import type { Row } from '../metrics/rows';
import { parseClvSummary } from '../metrics/clv-summary';

export const DECODERS = {
  clvSummaryWeek: (rows: Row[]) => parseClvSummary(rows, 'week'),
  clvSummaryDay: (rows: Row[]) => parseClvSummary(rows, 'day'),
} satisfies Record<string, (rows: Row[]) => object>;

export type DecoderName = keyof typeof DECODERS;
export type Decoded<K extends DecoderName> = ReturnType<(typeof DECODERS)[K]>;

export function decode<K extends DecoderName>(decoder: K, rows: Row[]): Decoded<K> {
  return DECODERS[decoder](rows) as Decoded<K>;
}

/** The buffers of a decoded result's typed-array fields, to transfer with it. */
export function transferables(result: object): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(result)) {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  }
  return out;
}
