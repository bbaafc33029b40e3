import { describe, expect, it } from 'vitest';
import { cohortsSql, parseCohorts } from '../../src/metrics/cohorts';
import { parseSegmentCurves, parseSegmentLness, segmentCurvesSql, segmentLnessSql } from '../../src/metrics/segment-comparison';
import { lnessSql, parseLness } from '../../src/metrics/lness';
import { DEFAULT_OPTIONS, type Grain, type MetricOptions } from '../../src/metrics/types';
import { a, connectWith, infoFor, readCdnow, type ActivityRow } from '../helpers/metrics-a-data';
import type { Connector } from '../../src/engine/connector';

async function rows(c: Connector, sql: string) {
  return (await c.query(sql));
}

/** The same curves the slow way: one cohort query per value, averaged by cohorts.ts. */
async function perValue(c: Connector, o: MetricOptions, values: string[], info: ReturnType<typeof infoFor>) {
  const out: { segment: string; offset: number; retention: number; unbounded: number; customers: number }[] = [];
  for (const v of [...values].sort()) {
    const r = parseCohorts(await rows(c, cohortsSql({ ...o, segment: { column: 's1', values: [v] } }, info)));
    for (const p of r.average) out.push({ segment: v, offset: p.offset, retention: p.retention, unbounded: p.unbounded, customers: p.customers });
  }
  return out;
}

describe('segment curves in one query', () => {
  it('gives each segment its own data end (hand-worked)', async () => {
    // Segment x: A first buys Jan, back in Feb; B first buys Jan only. Data end of x: 10 Feb
    // (February incomplete) → only k = 0 complete: 2 customers, retention 1.
    // Segment y: C buys Jan and Mar (data end 20 Mar): k0 = 1, k1 (Feb) = 0, k2 (Mar) incomplete.
    const fixture: ActivityRow[] = [
      a('A', '2024-01-05', 10, 'x'),
      a('A', '2024-02-10', 10, 'x'),
      a('B', '2024-01-20', 10, 'x'),
      a('C', '2024-01-02', 10, 'y'),
      a('C', '2024-03-20', 10, 'y'),
    ];
    const c = await connectWith(fixture);
    const got = parseSegmentCurves(await rows(c, segmentCurvesSql(DEFAULT_OPTIONS, 's1', ['x', 'y'])));
    expect(got.map((p) => [p.segment, p.offset, p.customers, p.retention, p.unbounded])).toEqual([
      ['x', 0, 2, 1, 1],
      ['y', 0, 1, 1, 1],
      ['y', 1, 1, 0, 1],
    ]);
  });

  it('equals one cohort query per value on CDNOW, for several grains, modes and a date range', async () => {
    // Segment = the customer's first purchase dollar tier, a value of their first row.
    const rowsCdnow = readCdnow().map((r) => ({ ...r, s1: r.amount === null ? 'none' : r.amount < 15 ? 'small' : r.amount < 40 ? 'medium' : 'large' }));
    const info = infoFor(rowsCdnow);
    const c = await connectWith(rowsCdnow, info);
    const values = ['small', 'medium', 'large'];
    const cases: Partial<MetricOptions>[] = [
      { grain: 'month' as Grain },
      { grain: 'week' as Grain },
      { grain: 'quarter' as Grain },
      { grain: 'month' as Grain, dateFrom: '1997-02-01', dateTo: '1998-01-31' },
    ];
    for (const k of cases) {
      const o = { ...DEFAULT_OPTIONS, ...k };
      const fast = parseSegmentCurves(await rows(c, segmentCurvesSql(o, 's1', values)));
      const slow = await perValue(c, o, values, info);
      expect(fast.length).toBe(slow.length);
      expect(fast.length).toBeGreaterThan(10);
      fast.forEach((p, i) => {
        const q = slow[i];
        expect([p.segment, p.offset, p.customers]).toEqual([q?.segment, q?.offset, q?.customers]);
        expect(p.retention).toBeCloseTo(q?.retention ?? NaN, 12);
        expect(p.unbounded).toBeCloseTo(q?.unbounded ?? NaN, 12);
      });
    }
  });

  it('gives each segment its Lness histogram at its own data end, equal to one query per value on CDNOW', async () => {
    const rowsCdnow = readCdnow().map((r) => ({ ...r, s1: r.amount === null ? 'none' : r.amount < 15 ? 'small' : r.amount < 40 ? 'medium' : 'large' }));
    const info = infoFor(rowsCdnow);
    const c = await connectWith(rowsCdnow, info);
    const values = ['small', 'medium', 'large'];
    for (const k of [{ lnessWindow: 28 }, { lnessWindow: 7, lnessAnchor: '1997-03-31' }, { lnessWindow: 30, dateTo: '1997-12-31' }]) {
      const o = { ...DEFAULT_OPTIONS, ...k };
      const fast = parseSegmentLness(await rows(c, segmentLnessSql(o, 's1', values)), o);
      for (const v of values) {
        const slow = parseLness(await rows(c, lnessSql({ ...o, segment: { column: 's1', values: [v] } }, info)), o)[0];
        expect(fast.get(v)).toEqual(slow);
        expect(slow?.customers).toBeGreaterThan(0);
      }
    }
  });
});
