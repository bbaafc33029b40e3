/**
 * BG/NBD predictions when a and b are very large (the drop-out probability hardly varies
 * between customers, as in a synthetic export): the Euler-transformed series would need
 * more terms than it may take, so the untransformed one is used. Checked against a plain
 * summation of FHL 2005 eq. 10 written out here.
 */
import { describe, expect, it } from 'vitest';
import { expectedPurchases, probabilityAlive } from '../../src/metrics/clv-model';

/** ₂F₁ by its plain series, 20 000 terms (z ≤ 0.8 here, so far more than enough). */
function plain2f1(A: number, B: number, C: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 20_000; k++) {
    term *= ((A + k) * (B + k) * z) / ((C + k) * (k + 1));
    sum += term;
  }
  return sum;
}

describe('expectedPurchases with large a and b', () => {
  for (const [a, b] of [
    [5_000, 30_000],
    [304_905, 1_951_672],
  ] as const) {
    it(`a = ${a}, b = ${b}`, () => {
      const p = { r: 0.97, alpha: 9.6, a, b };
      for (const [x, tx, T] of [
        [0, 0, 10],
        [3, 40, 100],
        [20, 150, 156],
      ] as const) {
        const t = 52;
        const ratio = (p.alpha + T) / (p.alpha + T + t);
        const bracket = 1 - ratio ** (p.r + x) * plain2f1(p.r + x, b + x, a + b + x - 1, t / (p.alpha + T + t));
        const want = ((a + b + x - 1) / (a - 1)) * bracket * probabilityAlive(p, x, tx, T);
        const got = expectedPurchases(p, t, x, tx, T);
        expect(Number.isFinite(got)).toBe(true);
        expect(got).toBeCloseTo(want, 8);
      }
    });
  }
});
