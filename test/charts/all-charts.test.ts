/** Rules every chart option follows: no animation, a tooltip, named axes, plain data; drawn in both themes and locales. */
import { describe, expect, it } from 'vitest';
import { expectPlain, renderSvg, testCtx } from './harness';
import { samples } from './samples';

const axes = (a: unknown): Record<string, unknown>[] => (Array.isArray(a) ? a : a ? [a] : []) as Record<string, unknown>[];

describe('every chart option', () => {
  for (const s of samples(testCtx())) {
    it(`${s.name}: animation off, tooltip on, axes named, plain data`, () => {
      const o = s.option as Record<string, unknown>;
      expect(o.animation).toBe(false);
      expect(o.tooltip).toBeTruthy();
      const all = [...axes(o.xAxis), ...axes(o.yAxis)];
      expect(all.length).toBeGreaterThanOrEqual(2);
      for (const a of all) expect(typeof a.name === 'string' && a.name.length > 0).toBe(true);
      expectPlain(s.option);
    });
  }

  for (const [locale, dark] of [['en', false], ['nl', true]] as const) {
    for (const s of samples(testCtx(locale, dark))) {
      it(`${s.name} renders (${locale}${dark ? ', dark' : ''})`, () => {
        const svg = renderSvg(s.option);
        for (const text of s.texts) expect(svg).toContain(text);
      });
    }
  }
});
