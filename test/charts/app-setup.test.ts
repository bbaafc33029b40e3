/**
 * Every builder's option drawn with only the chart types and components the app registers
 * (src/components/echarts-setup.ts): ECharts silently drops parts whose component is missing
 * (a markPoint, a markArea), so each sample's texts must still appear. This file must not import
 * the full 'echarts' bundle, which would register everything.
 */
import { describe, expect, it, vi } from 'vitest';
import { SVGRenderer } from 'echarts/renderers';
import { echarts } from '../../src/components/echarts-setup';
import { samples } from './samples';

echarts.use([SVGRenderer]);

describe('options drawn with the app’s ECharts components', () => {
  for (const dark of [false, true]) {
    for (const s of samples({ locale: 'nl', dark, t: (k) => k })) {
      it(`${s.name}${dark ? ' (dark)' : ''}`, () => {
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
        const error = vi.spyOn(console, 'error').mockImplementation(() => {});
        const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 320 });
        try {
          chart.setOption(s.option);
          const svg = chart.renderToSVGString();
          for (const text of s.texts) expect(svg).toContain(text);
          expect([...warn.mock.calls, ...error.mock.calls]).toEqual([]);
        } finally {
          chart.dispose();
          warn.mockRestore();
          error.mockRestore();
        }
      });
    }
  }
});
