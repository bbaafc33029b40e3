/** Running metric SQL in tests: rows out, and median timings for the performance notes. */
import type { Connector } from '../../src/engine/connector';
import type { Row } from '../../src/metrics/rows';
import { DEFAULT_OPTIONS, type MetricOptions } from '../../src/metrics/types';

export async function rowsOf(c: Connector, sql: string): Promise<Row[]> {
  return (await c.query(sql));
}

export function opts(over: Partial<MetricOptions> = {}): MetricOptions {
  return { ...DEFAULT_OPTIONS, ...over };
}

/** Median wall time of `runs` executions (after one warm-up), in ms. */
export async function medianMs(c: Connector, sql: string, runs = 7): Promise<number> {
  await c.query(sql);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await c.query(sql);
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(runs / 2)] as number;
}

export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** Option combinations every builder must bind and run with: grains, week starts, filters, windows. */
export function optionMatrix(): MetricOptions[] {
  const out: MetricOptions[] = [];
  for (const grain of GRAINS) {
    for (const weekStart of ['monday', 'sunday'] as const) {
      if (grain !== 'week' && weekStart === 'sunday') continue;
      out.push(opts({ grain, weekStart }));
      out.push(opts({ grain, weekStart, activityWindow: 14, mode: 'unbounded' }));
      out.push(opts({ grain, weekStart, segment: { column: 's1', values: ["it's", 'web'] } }));
      out.push(opts({ grain, weekStart, dateFrom: '2024-02-01', dateTo: '2024-05-31' }));
      out.push(opts({ grain, weekStart, dateFrom: '2030-01-01' })); // nothing in range
    }
  }
  return out;
}
