/**
 * Many ids as one string and the offset where each one ends. A result with a million
 * customers crosses from a worker to the page as one string copy instead of a million
 * string objects, which the page would otherwise unpack in one long task.
 */
export interface IdList {
  text: string;
  /** ends[i] is the UTF-16 offset in `text` just after id i. */
  ends: Uint32Array;
}

export function idList(ids: readonly string[]): IdList {
  const ends = new Uint32Array(ids.length);
  let at = 0;
  ids.forEach((id, i) => {
    at += id.length;
    ends[i] = at;
  });
  return { text: ids.join(''), ends };
}

export function idCount(l: IdList): number {
  return l.ends.length;
}

/** The i-th id; '' outside the list. */
export function idAt(l: IdList, i: number): string {
  if (i < 0 || i >= l.ends.length) return '';
  return l.text.slice(i === 0 ? 0 : (l.ends[i - 1] as number), l.ends[i]);
}

export function idArray(l: IdList): string[] {
  return Array.from({ length: l.ends.length }, (_, i) => idAt(l, i));
}
