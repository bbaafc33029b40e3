import { describe, expect, it } from 'vitest';
import { idArray, idAt, idCount, idList } from '../../src/metrics/id-list';

describe('idList', () => {
  it('keeps every id, empty ones, surrogate pairs and separators alike', () => {
    const ids = ['a', '', 'bc', '😀x', '\n', 'a,b'];
    const l = idList(ids);
    expect(idCount(l)).toBe(6);
    expect(ids.map((_, i) => idAt(l, i))).toEqual(ids);
    expect(idArray(l)).toEqual(ids);
    expect(idAt(l, -1)).toBe('');
    expect(idAt(l, 6)).toBe('');
  });

  it('survives structured cloning as two values', () => {
    const l = idList(Array.from({ length: 1000 }, (_, i) => `c${i}`));
    const copy = structuredClone(l);
    expect(idAt(copy, 999)).toBe('c999');
    expect(copy.ends).toBeInstanceOf(Uint32Array);
  });

  it('is empty for no ids', () => {
    expect(idCount(idList([]))).toBe(0);
    expect(idArray(idList([]))).toEqual([]);
  });
});
