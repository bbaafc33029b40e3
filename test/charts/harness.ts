/** Shared checks for chart option builders: headless SVG render, plain-data check, a test ChartContext. */
import * as echarts from 'echarts';
import type { EChartsCoreOption } from 'echarts/core';
import { expect, vi } from 'vitest';
import type { Locale } from '../../src/i18n';
import type { ChartContext } from '../../src/charts/types';

export function testCtx(locale: Locale = 'en', dark = false): ChartContext {
  return { locale, dark, t: (key) => key };
}

/**
 * Renders with ECharts' SSR SVG renderer and returns the SVG text. ECharts reports bad options
 * (unknown components, invalid layout values, deprecated settings) through console warnings in
 * development builds, so any warning or error fails the test.
 */
export function renderSvg(option: EChartsCoreOption, width = 800, height = 400): string {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    const svg = chart.renderToSVGString();
    const messages = [...warn.mock.calls, ...error.mock.calls].map((c) => c.map(String).join(' '));
    expect(messages).toEqual([]);
    return svg;
  } finally {
    chart.dispose();
    warn.mockRestore();
    error.mockRestore();
  }
}

/** SVG text nodes are XML-escaped; compare against the same escaping. */
export function svgText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The option must be plain data that survives structuredClone (worker messages, state snapshots):
 * no class instances or typed arrays, and functions only as formatters.
 */
export function expectPlain(option: unknown): void {
  const bad: string[] = [];
  const strip = (v: unknown, path: string, key: string): unknown => {
    if (typeof v === 'function') {
      if (!/formatter$/i.test(key)) bad.push(`function at ${path}`);
      return undefined;
    }
    if (v === null || typeof v !== 'object') return v;
    // Typed arrays are plain data too (ECharts takes interleaved points as one, and marks it
    // `__ec_primitive__` so as not to copy it): compared by their values.
    if (ArrayBuffer.isView(v)) return Array.from(v as Float64Array);
    if (Array.isArray(v)) return v.map((x, i) => strip(x, `${path}[${i}]`, key));
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      bad.push(`non-plain object at ${path}`);
      return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = strip(x, `${path}.${k}`, k);
    return out;
  };
  const stripped = strip(option, 'option', '');
  expect(bad).toEqual([]);
  expect(structuredClone(stripped)).toEqual(stripped);
}

/** Series of an option as plain records, for structure assertions. */
export function seriesOf(option: EChartsCoreOption): Record<string, unknown>[] {
  const s = (option as { series?: unknown }).series;
  return (Array.isArray(s) ? s : [s]) as Record<string, unknown>[];
}

/** A formatter found at a dotted path of the option, e.g. 'yAxis.axisLabel.formatter'. */
export function fnAt(option: unknown, path: string): (...args: unknown[]) => string {
  let v: unknown = option;
  for (const k of path.split('.')) v = (v as Record<string, unknown>)[k];
  if (typeof v !== 'function') throw new Error(`no function at ${path}`);
  return v as (...args: unknown[]) => string;
}
