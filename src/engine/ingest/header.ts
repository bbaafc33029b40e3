/** Whether the first record is a header: it is text where the rest of its column holds dates or numbers. Pure. */
import { looksLikeDate } from './dates';
import { looksLikeNumber } from './numbers';

const typed = (v: string): boolean => looksLikeDate(v) || looksLikeNumber(v);

export function sniffHeader(records: string[][]): boolean {
  const [first, ...rest] = records;
  if (!first || rest.length === 0) return true;
  let headerLike = 0;
  let valueLike = 0;
  first.forEach((v, i) => {
    const col = rest.map((r) => r[i] ?? '').filter((x) => x.trim() !== '');
    if (col.length === 0 || col.filter(typed).length < 0.8 * col.length) return;
    if (typed(v)) valueLike++;
    else if (v.trim() !== '') headerLike++;
  });
  return headerLike > 0 || valueLike === 0;
}

/** Header texts made usable as labels: blanks become `column N`, repeats get a number. */
export function columnNames(first: string[] | undefined, count: number, hasHeader: boolean): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const raw = hasHeader ? (first?.[i] ?? '').trim() : '';
    const base = raw || `column ${i + 1}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}
