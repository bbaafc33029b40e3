import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';
import type { Connector } from '../../src/engine/connector';
import { modelSql } from '../../src/metrics/model';
import {
  parseSegmentKpis,
  parseSegmentValues,
  RFM_GROUPS,
  rfmGroupExpr,
  segmentKpisSql,
  segmentModelSql,
  segmentsCsv,
  segmentValuesSql,
  type SegmentKpi,
} from '../../src/metrics/segments';
import { DEFAULT_OPTIONS, type DatasetInfo, type MetricOptions, type TablesPresent } from '../../src/metrics/types';
import {
  dayNo,
  dollarTier,
  isoOf,
  loadCdnowEvents,
  loadEvents,
  loadGroceryEvents,
  mulberry32,
  readCdnow,
  readGrocery,
  rows,
  runAll,
  type Ev,
} from '../helpers/seg-data';
import { referenceKpis, type RefKpi, type RefRow } from '../helpers/seg-reference';

const ONLY_EVENTS: TablesPresent = { events: true, subscriptions: false, customerAttrs: false, survey: false };
const WITH_ATTRS: TablesPresent = { ...ONLY_EVENTS, customerAttrs: true };
const info = (hasRevenue: boolean, keys = ['s1']): DatasetInfo => ({
  hasRevenue,
  hasCost: false,
  hasOrderId: true,
  segments: keys.map((k) => ({ key: k, label: k })),
});
const opts = (o: Partial<MetricOptions> = {}): MetricOptions => ({ ...DEFAULT_OPTIONS, ...o });

/*
 * Hand-worked fixture (s1 = channel), W = 30, month grain.
 *  a: 01-05 web o1 10 | 02-10 shop o2 20 | 03-15 web o3 30  → segment web, 3 orders, revenue 60, gaps 36, 33
 *  b: 01-20 shop 50 | 03-31 shop 5                          → shop, 2 orders, revenue 55, gap 70
 *  c: 02-01 '  ' 40 | 02-05 refund −40                        → (empty), 1 order, revenue 0, no gap
 *  d: 03-01 NULL, order o9 on two lines 10 + 5               → (empty), 1 order, revenue 15
 *  e: 01-10 web o10 100 and o11 20 the same day              → web, 2 orders (a repeat), revenue 120, no gap
 * Data end 03-31, so March is the last complete month: D0 = 03-01, D1 = 03-31, not the first month.
 * S window [01-30, 02-28]: a (02-10), c (02-01). E window [03-02, 03-31]: a, b. N (first day in March): d.
 *  web:     customers 2, repeat 2/2 = 1, S 1 E 1 N 0 → CRR 1, gaps {36, 33} → median 34.5, CLV (60+120)/2 = 90
 *  (empty): customers 2, repeat 0, S 1 (c) E 0 N 1 (d) → CRR (0 − 1)/1 = −1, no gaps, CLV (0+15)/2 = 7.5
 *  shop:    customers 1, repeat 1, S 0 → CRR none, gap 70, CLV 55
 */
const FIXTURE: Ev[] = [
  { c: 'a', day: '2023-01-05', order: 'o1', amount: 10, segs: { s1: 'web' } },
  { c: 'a', day: '2023-02-10', order: 'o2', amount: 20, segs: { s1: 'shop' } },
  { c: 'a', day: '2023-03-15', order: 'o3', amount: 30, segs: { s1: 'web' } },
  { c: 'b', day: '2023-01-20', order: 'o4', amount: 50, segs: { s1: 'shop' } },
  { c: 'b', day: '2023-03-31', order: 'o5', amount: 5, segs: { s1: 'shop' } },
  { c: 'c', day: '2023-02-01', order: 'o6', amount: 40, segs: { s1: '  ' } },
  { c: 'c', day: '2023-02-05', order: 'o6', amount: -40, refund: true, segs: { s1: 'web' } },
  { c: 'd', day: '2023-03-01', order: 'o9', amount: 10, segs: { s1: null } },
  { c: 'd', day: '2023-03-01', order: 'o9', amount: 5, segs: { s1: null } },
  { c: 'e', day: '2023-01-10', order: 'o10', amount: 100, segs: { s1: 'web' } },
  { c: 'e', day: '2023-01-10', order: 'o11', amount: 20, segs: { s1: 'web' } },
];

let c: Connector;
beforeAll(async () => {
  c = await createNodeConnector();
});
afterAll(async () => {
  await c.close();
});

async function build(evs: Ev[], i: DatasetInfo, tables = ONLY_EVENTS, attrs: DatasetInfo['segments'] = []) {
  await loadEvents(c, evs, i.segments.map((s) => s.key));
  await runAll(c, [...modelSql(i), ...segmentModelSql(i, tables, attrs)]);
}

const kpis = async (o: MetricOptions, i: DatasetInfo, col: string, w?: number) =>
  parseSegmentKpis(await rows(c, segmentKpisSql(o, i, col, w)));

describe('segment KPIs, hand-worked fixture', () => {
  it('computes customers, repeat rate, CRR of the last complete month, median gap and mean CLV per first-activity segment', async () => {
    await build(FIXTURE, info(true));
    const got = await kpis(opts(), info(true), 's1', 30);
    expect(got).toEqual([
      { segment: '(empty)', customers: 2, repeatRate: 0, crrLast: -1, gapMedianDays: null, clvMean: 7.5 },
      { segment: 'web', customers: 2, repeatRate: 1, crrLast: 1, gapMedianDays: 34.5, clvMean: 90 },
      { segment: 'shop', customers: 1, repeatRate: 1, crrLast: null, gapMedianDays: 70, clvMean: 55 },
    ]);
  });

  it('has no CLV without revenue and no CRR when the last complete period is the first one', async () => {
    await build(FIXTURE, info(false));
    const got = await kpis(opts({ dateTo: '2023-01-31' }), info(false), 's1', 30);
    // Only January: a (web), b (shop), e (web). January is complete but is the first month → no CRR.
    // Orders in January: a 1, b 1, e 2 → web repeat 1/2.
    expect(got).toEqual([
      { segment: 'web', customers: 2, repeatRate: 0.5, crrLast: null, gapMedianDays: null, clvMean: null },
      { segment: 'shop', customers: 1, repeatRate: 0, crrLast: null, gapMedianDays: null, clvMean: null },
    ]);
  });

  it('takes W from the options when not passed, and refuses to guess it', async () => {
    await build(FIXTURE, info(true));
    const got = await kpis(opts({ activityWindow: 30 }), info(true), 's1');
    expect(got.map((k) => k.crrLast)).toEqual([-1, 1, null]);
    expect(() => segmentKpisSql(opts(), info(true), 's1')).toThrow(/activity window/);
  });

  it('lists segment values with an explicit (empty) bucket', async () => {
    await build(FIXTURE, info(true));
    expect(parseSegmentValues(await rows(c, segmentValuesSql('s1')))).toEqual([
      { value: '(empty)', customers: 2 },
      { value: 'web', customers: 2 },
      { value: 'shop', customers: 1 },
    ]);
  });

  it('lets the segment filter select the (empty) bucket', async () => {
    await build(FIXTURE, info(true));
    const got = await kpis(opts({ segment: { column: 's1', values: ['(empty)'] } }), info(true), 's1', 30);
    // Scope c, d: data 02-01 … 03-01, so the last complete month is February, the scope's first month → no CRR.
    expect(got.map((k) => [k.segment, k.customers, k.crrLast])).toEqual([['(empty)', 2, null]]);
  });

  it('exports the KPI table with the contract columns', async () => {
    const k: SegmentKpi[] = [{ segment: 'web', customers: 2, repeatRate: 1, crrLast: null, gapMedianDays: 34.5, clvMean: 90 }];
    expect(segmentsCsv('channel', k)).toEqual({
      columns: ['segment_column', 'segment', 'customers', 'repeat_rate', 'crr_last', 'gap_median_days', 'clv_mean'],
      rows: [['channel', 'web', 2, 1, null, 34.5, 90]],
    });
  });
});

describe('first-activity segment', () => {
  it('is the value on the first activity even when that value is missing and a later row has one', async () => {
    // g: 01-01 NULL then 01-05 'web' → (empty); h: 01-02 refund 'shop' (not activity) then 01-03 'app' → app.
    const evs: Ev[] = [
      { c: 'g', day: '2023-01-01', segs: { s1: null } },
      { c: 'g', day: '2023-01-05', segs: { s1: 'web' } },
      { c: 'h', day: '2023-01-02', refund: true, amount: -1, segs: { s1: 'shop' } },
      { c: 'h', day: '2023-01-03', segs: { s1: ' app ' } },
    ];
    await build(evs, info(false));
    expect(await rows(c, 'SELECT customer AS customer_id, s1 FROM cust ORDER BY 1')).toEqual([
      { customer_id: 'g', s1: '(empty)' },
      { customer_id: 'h', s1: 'app' },
    ]);
  });

  it('is the earliest row by time, then by file order, across orders', async () => {
    // k: the file starts with a later day; two orders on the earliest day → the one read first (x).
    const evs: Ev[] = [
      { c: 'k', day: '2023-01-04', order: 'o1', segs: { s1: 'late' } },
      { c: 'k', day: '2023-01-02', order: 'o2', segs: { s1: 'x' } },
      { c: 'k', day: '2023-01-02', order: 'o3', segs: { s1: 'y' } },
      { c: 'k', day: '2023-01-02', order: 'o2', segs: { s1: 'z' } },
    ];
    await build(evs, info(false));
    expect(await rows(c, 'SELECT customer AS customer_id, s1, orders FROM cust ORDER BY 1')).toEqual([{ customer_id: 'k', s1: 'x', orders: 3 }]);
  });
});

describe('customers file', () => {
  /*
   * customer_attrs: a → s1 'partner', s2 'NL'; c → s1 blank (keeps its own value), s2 'BE';
   * z has no activity (ignored). s2 exists only in the customers file → new column on cust.
   * s1: a partner, b shop, c (empty), d (empty), e web. s2: a NL, c BE, b d e (empty).
   */
  it('overrides first-activity segments where it has a value and adds its own columns', async () => {
    const i = info(true);
    await c.exec(`CREATE OR REPLACE TABLE customer_attrs AS SELECT * FROM (VALUES
      ('a', 'partner', 'NL'), (' c ', '  ', 'BE'), ('z', 'x', 'x')) t(customer_id, s1, s2)`);
    await build(FIXTURE, i, WITH_ATTRS, [
      { key: 's1', label: 's1' },
      { key: 's2', label: 'country' },
    ]);
    const cust = await rows(c, 'SELECT customer AS customer_id, s1, s2 FROM cust ORDER BY 1');
    expect(cust).toEqual([
      { customer_id: 'a', s1: 'partner', s2: 'NL' },
      { customer_id: 'b', s1: 'shop', s2: '(empty)' },
      { customer_id: 'c', s1: '(empty)', s2: 'BE' },
      { customer_id: 'd', s1: '(empty)', s2: '(empty)' },
      { customer_id: 'e', s1: 'web', s2: '(empty)' },
    ]);
    expect(parseSegmentValues(await rows(c, segmentValuesSql('s2')))).toEqual([
      { value: '(empty)', customers: 3 },
      { value: 'BE', customers: 1 },
      { value: 'NL', customers: 1 },
    ]);
    // a moves from web to partner; web keeps only e (1 order day, 2 orders, revenue 120).
    const got = await kpis(opts(), i, 's1', 30);
    expect(got.find((k) => k.segment === 'partner')).toEqual({
      segment: 'partner', customers: 1, repeatRate: 1, crrLast: 1, gapMedianDays: 34.5, clvMean: 60,
    });
    expect(got.find((k) => k.segment === 'web')).toEqual({
      segment: 'web', customers: 1, repeatRate: 1, crrLast: null, gapMedianDays: null, clvMean: 120,
    });
  });

  it('ignores the customers file when the tables say there is none', async () => {
    await build(FIXTURE, info(true), ONLY_EVENTS, [{ key: 's1', label: 's1' }]);
    expect(await rows(c, "SELECT s1 FROM cust WHERE customer = 'a'")).toEqual([{ s1: 'web' }]);
  });
});

describe('derived segments', () => {
  /*
   * Revenue: c 0, d 15, b 55, a 60, e 120 (n = 5). Quartile q = 1 + 4·(customers with less revenue) // 5:
   *   c 1, d 1, b 2, a 3, e 4  → e Q1 (top), a Q2, b Q3, c and d Q4 (bottom).
   * Recency (days before data end 03-31): e 80, c 58, d 30, a 16, b 0 → R = 1 + 5·(less recent) // 5 = 1, 2, 3, 4, 5.
   * Orders: c 1, d 1, b 2, e 2, a 3 → F: c 1, d 1, b 3, e 3, a 5. Monetary M: c 1, d 2, b 3, a 4, e 5.
   * FM = (F + M) // 2: a 4, b 3, c 1, d 1, e 4.
   *   a R4 FM4 Loyal customers; b R5 FM3 Potential loyalists; c R2 FM1 Hibernating;
   *   d R3 FM1 About to sleep; e R1 FM4 At risk.
   */
  it('assigns spend tiers and RFM groups', async () => {
    await build(FIXTURE, info(true));
    expect(await rows(c, 'SELECT customer AS customer_id, spend_tier, rfm_r, rfm_f, rfm_m, rfm FROM cust ORDER BY 1')).toEqual([
      { customer_id: 'a', spend_tier: 'Q2 (25-50 %)', rfm_r: 4, rfm_f: 5, rfm_m: 4, rfm: 'Loyal customers' },
      { customer_id: 'b', spend_tier: 'Q3 (50-75 %)', rfm_r: 5, rfm_f: 3, rfm_m: 3, rfm: 'Potential loyalists' },
      { customer_id: 'c', spend_tier: 'Q4 (bottom 25 %)', rfm_r: 2, rfm_f: 1, rfm_m: 1, rfm: 'Hibernating' },
      { customer_id: 'd', spend_tier: 'Q4 (bottom 25 %)', rfm_r: 3, rfm_f: 1, rfm_m: 2, rfm: 'About to sleep' },
      { customer_id: 'e', spend_tier: 'Q1 (top 25 %)', rfm_r: 1, rfm_f: 3, rfm_m: 5, rfm: 'At risk' },
    ]);
  });

  it('uses R and F only without revenue, and has no spend tier', async () => {
    await build(FIXTURE, info(false));
    // FM = F: a R4 F5 Loyal; b R5 F3 Potential loyalists; c R2 F1 Hibernating; d R3 F1 About to sleep; e R1 F3 At risk.
    expect(await rows(c, 'SELECT customer AS customer_id, spend_tier, rfm_m, rfm FROM cust ORDER BY 1')).toEqual([
      { customer_id: 'a', spend_tier: null, rfm_m: null, rfm: 'Loyal customers' },
      { customer_id: 'b', spend_tier: null, rfm_m: null, rfm: 'Potential loyalists' },
      { customer_id: 'c', spend_tier: null, rfm_m: null, rfm: 'Hibernating' },
      { customer_id: 'd', spend_tier: null, rfm_m: null, rfm: 'About to sleep' },
      { customer_id: 'e', spend_tier: null, rfm_m: null, rfm: 'At risk' },
    ]);
  });

  it('maps every cell of the R × FM grid to the documented group', async () => {
    // Rows R = 5 … 1, columns FM = 1 … 5 (docs/metrics-segments.md).
    const grid = [
      ['New customers', 'Potential loyalists', 'Potential loyalists', 'Champions', 'Champions'],
      ['Promising', 'Potential loyalists', 'Potential loyalists', 'Loyal customers', 'Loyal customers'],
      ['About to sleep', 'About to sleep', 'Need attention', 'Loyal customers', 'Loyal customers'],
      ['Hibernating', 'Hibernating', 'At risk', 'At risk', "Can't lose them"],
      ['Lost', 'Lost', 'At risk', 'At risk', "Can't lose them"],
    ];
    const got = await rows(c, `SELECT r, fm, ${rfmGroupExpr('r', 'fm')} AS g FROM range(1, 6) a(r), range(1, 6) b(fm) ORDER BY r DESC, fm`);
    expect(got.map((x) => x.g)).toEqual(grid.flat());
    expect(new Set(grid.flat())).toEqual(new Set(RFM_GROUPS));
  });

  it('keeps tied customers in the same tier', async () => {
    // Four customers with revenue 10, 10, 10, 50: q = 1 + 4·0 // 4 = 1 for the three tied, 1 + 4·3 // 4 = 4 for the top.
    const evs: Ev[] = ['p', 'q', 'r'].map((id) => ({ c: id, day: '2023-01-01', amount: 10 }));
    evs.push({ c: 's', day: '2023-01-02', amount: 50 });
    await build(evs, info(true, []));
    expect(await rows(c, 'SELECT customer AS customer_id, spend_tier FROM cust ORDER BY 1')).toEqual([
      { customer_id: 'p', spend_tier: 'Q4 (bottom 25 %)' },
      { customer_id: 'q', spend_tier: 'Q4 (bottom 25 %)' },
      { customer_id: 'r', spend_tier: 'Q4 (bottom 25 %)' },
      { customer_id: 's', spend_tier: 'Q1 (top 25 %)' },
    ]);
  });
});

function close(got: SegmentKpi[], want: RefKpi[]) {
  expect(got.map((k) => [k.segment, k.customers])).toEqual(want.map((k) => [k.segment, k.customers]));
  got.forEach((k, i) => {
    const r = want[i]!;
    expect(k.repeatRate).toBeCloseTo(r.repeatRate, 10);
    for (const key of ['crrLast', 'gapMedianDays', 'clvMean'] as const) {
      const a = k[key];
      const b = r[key];
      if (b === null) expect(a).toBeNull();
      else expect(a).toBeCloseTo(b, 6);
    }
  });
}

describe('segment KPIs against an independent computation', () => {
  /** Generated shop: 400 customers over 2023, channels with blanks, multi-line orders, refunds, same-day orders. */
  function generate(seed: number): RefRow[] {
    const rnd = mulberry32(seed);
    const out: RefRow[] = [];
    const chans = ['web', 'shop', 'app', '', ' '];
    let orderNo = 0;
    for (let i = 0; i < 400; i++) {
      const c = `C${i}`;
      let d = dayNo('2023-01-01') + Math.floor(rnd() * 300);
      const loyalty = rnd();
      while (d <= dayNo('2023-12-31')) {
        const chan = chans[Math.floor(rnd() * chans.length)]!;
        const order = `O${++orderNo}`;
        const lines = rnd() < 0.15 ? 2 : 1;
        for (let l = 0; l < lines; l++) {
          out.push({ rowNo: 0, c, day: isoOf(d), order, amount: Math.round(rnd() * 10000) / 100, refund: false, seg: chan || null });
        }
        if (rnd() < 0.05) out.push({ rowNo: 0, c, day: isoOf(d + 3), order, amount: -5, refund: true, seg: 'web' });
        if (rnd() > loyalty) break;
        d += rnd() < 0.1 ? 0 : 1 + Math.floor(rnd() * 60);
      }
    }
    return out.map((r, i) => ({ ...r, rowNo: i + 1 }));
  }
  const toEv = (r: RefRow): Ev => ({ c: r.c, day: r.day, order: r.order, amount: r.amount, refund: r.refund, segs: { s1: r.seg } });

  it.each([
    { grain: 'month' as const, w: 45, dateFrom: undefined, dateTo: undefined },
    { grain: 'week' as const, w: 14, dateFrom: '2023-03-01', dateTo: '2023-11-15' },
  ])('matches on generated data ($grain, W $w)', async ({ grain, w, dateFrom, dateTo }) => {
    const data = generate(7);
    await build(data.map(toEv), info(true));
    const got = await kpis(opts({ grain, dateFrom: dateFrom ?? null, dateTo: dateTo ?? null }), info(true), 's1', w);
    const want = referenceKpis(data, { grain, w, hasRevenue: true, dateFrom, dateTo });
    expect(want.length).toBeGreaterThanOrEqual(4);
    expect(want.some((k) => k.segment === '(empty)')).toBe(true);
    close(got, want);
  });

  it('matches on CDNOW with the first purchase dollar tier as segment', async () => {
    const data = readCdnow();
    await loadCdnowEvents(c, data);
    await runAll(c, [...modelSql(info(true)), ...segmentModelSql(info(true), ONLY_EVENTS)]);
    const got = await kpis(opts(), info(true), 's1', 90);
    const want = referenceKpis(
      data.map((r) => ({ rowNo: r.rowNo, c: r.id, day: r.day, order: `row:${r.rowNo}`, amount: r.dollars, refund: false, seg: dollarTier(r.dollars) })),
      { grain: 'month', w: 90, hasRevenue: true },
    );
    close(got, want);
    expect(got.reduce((t, k) => t + k.customers, 0)).toBe(23_570);
    // Repeat rate over all tiers is the dataset README's 0.4948.
    const all = got.reduce((t, k) => t + k.repeatRate * k.customers, 0) / 23_570;
    expect(all).toBeCloseTo(0.4948, 4);
  });

  it('matches on grocery (no revenue) with a segment on the customer id', async () => {
    const data = readGrocery();
    const seg = (id: string) => (Number(id) % 3 === 0 ? 'third' : 'rest');
    await loadGroceryEvents(c, data, seg);
    await runAll(c, [...modelSql(info(false)), ...segmentModelSql(info(false), ONLY_EVENTS)]);
    const got = await kpis(opts(), info(false), 's1', 60);
    const want = referenceKpis(
      data.map((r, i) => ({ rowNo: i + 1, c: r.id, day: r.day, order: `row:${i + 1}`, amount: null, refund: false, seg: seg(r.id) })),
      { grain: 'month', w: 60, hasRevenue: false },
    );
    close(got, want);
    expect(got.every((k) => k.clvMean === null)).toBe(true);
  });
});
