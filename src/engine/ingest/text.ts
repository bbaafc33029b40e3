/**
 * Splitting the head of a file into records in JS, for sniffing only (DuckDB reads
 * the whole file). Quote-aware: a quoted field may hold the delimiter, doubled quotes
 * and line breaks.
 */
import type { Delimiter } from './types';

export function splitRecords(text: string, delimiter: Delimiter, maxRecords: number): string[][] {
  if (delimiter === 'whitespace') {
    return text
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .slice(0, maxRecords)
      .map((l) => l.trim().split(/\s+/));
  }
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = (): void => {
    row.push(field);
    if (!(row.length === 1 && row[0]?.trim() === '')) out.push(row);
    row = [];
    field = '';
  };
  while (i < text.length && out.length < maxRecords) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      if (field.endsWith('\r')) field = field.slice(0, -1);
      endRow();
    } else {
      field += ch;
    }
    i++;
  }
  if (out.length < maxRecords && (field !== '' || row.length > 0)) endRow();
  return out;
}

const CANDIDATES: Delimiter[] = [';', ',', '\t', '|'];

/**
 * The delimiter that splits the head's lines into the same number (> 1) of fields
 * most consistently; ties go to more fields. Whitespace alignment is the fallback
 * when no delimiter splits anything.
 */
export function sniffDelimiter(text: string): Delimiter {
  let best: { d: Delimiter; score: number; fields: number } | null = null;
  for (const d of [...CANDIDATES, 'whitespace' as const]) {
    const recs = splitRecords(text, d, 200);
    if (recs.length === 0) continue;
    const { value: fields, share } = mode(recs.map((r) => r.length));
    if (fields < 2) continue;
    const score = share - (d === 'whitespace' ? 0.05 : 0);
    if (!best || score > best.score + 0.02 || (Math.abs(score - best.score) <= 0.02 && fields > best.fields && d !== 'whitespace')) {
      best = { d, score, fields };
    }
  }
  return best ? best.d : ',';
}

function mode(xs: number[]): { value: number; share: number } {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let value = 0;
  let n = 0;
  for (const [k, c] of counts) if (c > n || (c === n && k > value)) [value, n] = [k, c];
  return { value, share: xs.length ? n / xs.length : 0 };
}

export function fieldCount(records: string[][]): number {
  return mode(records.map((r) => r.length)).value;
}
