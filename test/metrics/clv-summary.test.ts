import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { type ClvSummary, type ClvSummaryOptions, type ClvUnit, clvSummarySql, parseClvSummary } from '../../src/metrics/clv-summary';
import { idArray, idCount } from '../../src/metrics/id-list';
import {
  type Purchase,
  loadEvents,
  loadFixture,
  readCdnowMaster,
  readCdnowSample,
  readGrocery,
  readReferenceSummary,
} from '../helpers/clv-data';

let c: Connector;
beforeAll(async () => {
  c = await createNodeConnector();
});
afterAll(async () => {
  await c.close();
});

async function summary(o: Partial<ClvSummaryOptions>, info: Parameters<typeof clvSummarySql>[1]): Promise<ClvSummary> {
  const opts: ClvSummaryOptions = { calibrationEnd: null, unit: 'week', segment: null, ...o };
  return parseClvSummary((await c.query(clvSummarySql(opts, info))), opts.unit);
}

function byId(s: ClvSummary): Map<string, { x: number; tx: number; T: number; m: number }> {
  return new Map(
    idArray(s.customerIds).map((id, i) => [
      id,
      { x: s.frequency[i] ?? -1, tx: s.recency[i] ?? -1, T: s.T[i] ?? -1, m: s.monetary[i] ?? -1 },
    ]),
  );
}

describe('clv summary: hand-worked fixture', () => {
  /*
   * Calibration end 2024-01-29 (a Monday), weeks:
   *  A: Jan 1 (10 + 5, one purchase day), Jan 8 (20), Jan 15 (30 and a −10 refund: one day, net 20),
   *     Feb 5 (100, after the end: ignored)
   *     → x = 2, t_x = 14 d = 2 w, T = 28 d = 4 w, m = (20 + 20) / 2 = 20
   *  B: Jan 22 (50) → x = 0, t_x = 0, T = 7 d = 1 w, m = none
   *  C: Jan 10 (40), Jan 20 (−40, refund only: not a purchase) → x = 0, T = 19 d = 19/7 w, m = none
   *  D: Feb 1 (10): first purchase after the end → not in the summary
   *  E: Jan 3 (10), Jan 29 (6, on the end day: included) → x = 1, t_x = T = 26 d = 26/7 w, m = 6
   * With the default end (data end = last purchase day, Feb 5):
   *  A: x = 3, t_x = T = 35 d, m = (20 + 20 + 100) / 3;  D: x = 0, T = 4 d;  E: T = 33 d.
   */
  const rows: [string, string, number | null][] = [
    ['A', '2024-01-01', 10],
    ['A', '2024-01-01', 5],
    ['A', '2024-01-08', 20],
    ['A', '2024-01-15', 30],
    ['A', '2024-01-15', -10],
    ['A', '2024-02-05', 100],
    ['B', '2024-01-22', 50],
    ['C', '2024-01-10', 40],
    ['C', '2024-01-20', -40],
    ['D', '2024-02-01', 10],
    ['E', '2024-01-03', 10],
    ['E', '2024-01-29', 6],
  ];

  it('weeks, explicit calibration end', async () => {
    const info = await loadFixture(c, rows);
    const s = await summary({ calibrationEnd: '2024-01-29' }, info);
    expect(s.calibrationEnd).toBe('2024-01-29');
    expect(idArray(s.customerIds)).toEqual(['A', 'B', 'C', 'E']);
    const m = byId(s);
    expect(m.get('A')).toEqual({ x: 2, tx: 2, T: 4, m: 20 });
    expect(m.get('B')).toEqual({ x: 0, tx: 0, T: 1, m: Number.NaN });
    expect(m.get('C')).toEqual({ x: 0, tx: 0, T: 19 / 7, m: Number.NaN });
    expect(m.get('E')).toEqual({ x: 1, tx: 26 / 7, T: 26 / 7, m: 6 });
    expect(s.frequency).toBeInstanceOf(Float64Array);
  });

  it('days, default calibration end = data end', async () => {
    const info = await loadFixture(c, rows);
    const s = await summary({ unit: 'day' }, info);
    expect(s.calibrationEnd).toBe('2024-02-05');
    const m = byId(s);
    expect(m.get('A')?.x).toBe(3);
    expect(m.get('A')?.tx).toBe(35);
    expect(m.get('A')?.T).toBe(35);
    expect(m.get('A')?.m).toBeCloseTo(140 / 3, 12);
    expect(m.get('D')).toEqual({ x: 0, tx: 0, T: 4, m: Number.NaN });
    expect(m.get('E')).toEqual({ x: 1, tx: 26, T: 33, m: 6 });
  });

  it('segment filter keeps the segment\'s customers, scored to the global data end', async () => {
    const info = await loadFixture(c, rows);
    await c.exec(`CREATE OR REPLACE TABLE cust AS
SELECT *, CASE WHEN customer IN ('B', 'C') THEN 'shop' ELSE 'web' END AS s1 FROM cust`);
    const s = await summary({ segment: { column: 's1', values: ['shop'] } }, info);
    expect(idArray(s.customerIds)).toEqual(['B', 'C']);
    // The segment's own last purchase is Jan 22, but T runs to the data end, Feb 5: B has T = 14 d = 2 w.
    expect(s.calibrationEnd).toBe('2024-02-05');
    expect(byId(s).get('B')).toEqual({ x: 0, tx: 0, T: 2, m: Number.NaN });
  });

  it('no revenue mapped: monetary is NaN everywhere, the rest unchanged', async () => {
    const info = await loadFixture(
      c,
      rows.filter((r) => (r[2] ?? 0) > 0).map(([id, day]) => [id, day, null]),
    );
    expect(info.hasRevenue).toBe(false);
    const s = await summary({ calibrationEnd: '2024-01-29' }, info);
    expect(byId(s).get('A')).toEqual({ x: 2, tx: 2, T: 4, m: Number.NaN });
    expect([...s.monetary].every(Number.isNaN)).toBe(true);
  });
});

/** Independent plain-TypeScript summary (no SQL): group purchases by customer and calendar day. */
function plainSummary(purchases: Purchase[], end: string | null, unit: ClvUnit) {
  const dayNo = (iso: string): number => Date.parse(iso + 'T00:00:00Z') / 86_400_000;
  const endDay = end ? dayNo(end) : Math.max(...purchases.map((p) => dayNo(p.day)));
  const perCustomer = new Map<string, Map<number, number | null>>();
  for (const p of purchases) {
    const d = dayNo(p.day);
    if (d > endDay) continue;
    const days = perCustomer.get(p.customerId) ?? new Map<number, number | null>();
    perCustomer.set(p.customerId, days);
    const prev = days.get(d);
    days.set(d, p.amount === null ? null : (prev ?? 0) + p.amount);
  }
  const k = unit === 'week' ? 7 : 1;
  const out = new Map<string, { x: number; tx: number; T: number; m: number }>();
  for (const [id, days] of perCustomer) {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0] ?? 0;
    const last = sorted[sorted.length - 1] ?? 0;
    const repeat = sorted.slice(1).map((d) => days.get(d));
    const m = repeat.length && repeat.every((v) => typeof v === 'number')
      ? (repeat as number[]).reduce((a, b) => a + b, 0) / repeat.length
      : Number.NaN;
    out.set(id, { x: sorted.length - 1, tx: (last - first) / k, T: (endDay - first) / k, m });
  }
  return out;
}

function expectSameSummary(s: ClvSummary, plain: ReturnType<typeof plainSummary>): void {
  expect(idCount(s.customerIds)).toBe(plain.size);
  let mismatches = 0;
  idArray(s.customerIds).forEach((id, i) => {
    const p = plain.get(id);
    const ok =
      p !== undefined &&
      p.x === s.frequency[i] &&
      p.tx === s.recency[i] &&
      p.T === s.T[i] &&
      (Number.isNaN(p.m) ? Number.isNaN(s.monetary[i]) : Math.abs(p.m - (s.monetary[i] ?? 0)) <= 1e-9 * Math.abs(p.m));
    if (!ok) mismatches++;
  });
  expect(mismatches).toBe(0);
}

describe('clv summary: real data', () => {
  it('CDNOW sample equals lifetimes\' reference summary for every customer (39 weeks to 1997-09-30)', async () => {
    const info = await loadEvents(c, readCdnowSample());
    const s = await summary({ calibrationEnd: '1997-09-30' }, info);
    const ref = readReferenceSummary();
    expect(idCount(s.customerIds)).toBe(2357);
    expect(ref.size).toBe(2357);
    const wrong = idArray(s.customerIds).filter((id, i) => {
      const r = ref.get(id);
      // The reference is rounded to 2 decimals.
      const round2 = (v: number | undefined): number => Math.round((v ?? Number.NaN) * 100) / 100;
      return !r || r.frequency !== s.frequency[i] || r.recency !== round2(s.recency[i]) || r.T !== round2(s.T[i]);
    });
    expect(wrong).toEqual([]);
    // 946 repeat buyers, each with a mean repeat value (the Gamma-Gamma sample of the literature).
    expect([...s.monetary].filter((m) => !Number.isNaN(m)).length).toBe(946);
  });

  it('CDNOW master equals a plain computation, to the data end and to 1997-09-30', async () => {
    const purchases = readCdnowMaster();
    const info = await loadEvents(c, purchases);
    expectSameSummary(await summary({}, info), plainSummary(purchases, null, 'week'));
    expectSameSummary(await summary({ calibrationEnd: '1997-09-30', unit: 'day' }, info), plainSummary(purchases, '1997-09-30', 'day'));
  });

  it('grocery (no amounts) equals a plain computation, in days', async () => {
    const purchases = readGrocery();
    const info = await loadEvents(c, purchases);
    const s = await summary({ unit: 'day' }, info);
    expect(idCount(s.customerIds)).toBe(1525);
    expectSameSummary(s, plainSummary(purchases, null, 'day'));
  });
});
