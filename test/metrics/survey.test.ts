import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';
import type { Connector } from '../../src/engine/connector';
import { modelSql } from '../../src/metrics/model';
import { segmentModelSql } from '../../src/metrics/segments';
import { parseSurvey, surveyCsv, surveySql, type SurveyRow } from '../../src/metrics/survey';
import { DEFAULT_OPTIONS, type DatasetInfo, type MetricOptions, type TablesPresent } from '../../src/metrics/types';
import { loadEvents, rows, runAll, type Ev } from '../helpers/seg-data';
import { generateSurvey, loadSurvey, type Resp } from '../helpers/seg-survey';

const TABLES: TablesPresent = { events: true, subscriptions: false, customerAttrs: false, survey: true };
const INFO: DatasetInfo = { hasRevenue: false, hasCost: false, hasOrderId: false, segments: [{ key: 's1', label: 'channel' }] };
const opts = (o: Partial<MetricOptions> = {}): MetricOptions => ({ ...DEFAULT_OPTIONS, ...o });

/** Customers a (web), b (shop), c (web); zz answers the survey but never bought. */
const EVENTS: Ev[] = [
  { c: 'a', day: '2023-12-01', segs: { s1: 'web' } },
  { c: 'b', day: '2023-12-02', segs: { s1: 'shop' } },
  { c: 'c', day: '2023-12-03', segs: { s1: 'web' } },
];

const nps = (c: string | null, day: string, score: number | null, reason?: string): Resp => ({ c, day, score, scale: 'nps', reason });
/*
 * January: 10 NPS answers: a 10 10 9 3 | b 9 8 7 | no id 9 7 6
 *   → 5 promoters, 3 passives, 2 detractors: NPS = 50 − 20 = 30.
 *   web (a) P3 D1 of 4 → 50; shop (b) P1 of 3 → 33.33; (empty) P1 D1 of 3 → 0.
 * February: NPS a 10, b 0, zz 0, c 8 → P1 D2 of 4 → −25; web (a, c) 50; shop −100; (empty) (zz) −100.
 *   CSAT a 5, a 4, b 3, no id 2 → 2 of 4 = 50 %; web 100, shop 0, (empty) 0.
 *   CES c 2, b 5 → 3.5; web 2, shop 5. Responses web 5, shop 3, (empty) 2. An off-scale NPS 11 and a score-less row are no responses.
 * Whole range: NPS P6 D4 of 14 → 200/14 = 14.29; CSAT 50; CES 3.5; 20 responses.
 *   web: NPS 10 10 9 3 10 8 → P4 D1 of 6 → 50, CSAT 100, CES 2, 9 responses;
 *   shop: 9 8 7 0 → 0, CSAT 0, CES 5, 6 responses; (empty): 9 7 6 0 → −25, CSAT 0, no CES, 5 responses.
 */
const SURVEY: Resp[] = [
  nps('a', '2024-01-03', 10), nps('a', '2024-01-04', 10), nps('a', '2024-01-05', 9), nps('a', '2024-01-06', 3),
  nps('b', '2024-01-07', 9), nps('b', '2024-01-08', 8), nps('b', '2024-01-09', 7),
  nps(null, '2024-01-10', 9), nps(null, '2024-01-11', 7), nps(null, '2024-01-31', 6),
  nps('a', '2024-02-01', 10), nps('b', '2024-02-02', 0), nps('zz', '2024-02-03', 0), nps('c', '2024-02-04', 8),
  { c: 'a', day: '2024-02-05', score: 5, scale: 'csat' }, { c: 'a', day: '2024-02-06', score: 4, scale: 'csat' },
  { c: 'b', day: '2024-02-07', score: 3, scale: 'csat' }, { c: null, day: '2024-02-08', score: 2, scale: 'csat' },
  { c: 'c', day: '2024-02-09', score: 2, scale: 'ces' }, { c: 'b', day: '2024-02-10', score: 5, scale: 'ces' },
  nps('a', '2024-02-11', 11), nps('b', '2024-02-12', null, 'Too expensive'),
];

let c: Connector;
beforeAll(async () => {
  c = await createNodeConnector();
});
afterAll(async () => {
  await c.close();
});

async function setup(evs: Ev[], survey: Resp[]) {
  await loadEvents(c, evs, ['s1']);
  await runAll(c, [...modelSql(INFO), ...segmentModelSql(INFO, TABLES)]);
  await loadSurvey(c, survey);
}

const run = async (o: MetricOptions, by: string | null, keys: string[] = []) => parseSurvey(await rows(c, surveySql(o, by, keys)));
const pick = (rs: SurveyRow[], period: string | null, segment: string) => rs.find((r) => r.periodStart === period && r.segment === segment);

describe('survey scores, hand-worked fixture', () => {
  it('computes NPS, CSAT and CES per month and over the whole range', async () => {
    await setup(EVENTS, SURVEY);
    const got = await run(opts(), null);
    expect(got.map((r) => [r.periodStart, r.segment, r.responses, r.nps, r.csat, r.ces, r.complete])).toEqual([
      ['2024-01-01', '(all)', 10, 30, null, null, true],
      ['2024-02-01', '(all)', 10, -25, 50, 3.5, false],
      [null, '(all)', 20, expect.closeTo(200 / 14, 10), 50, 3.5, true],
    ]);
  });

  it('breaks down by the customer segment, with anonymous and unknown customers in (empty)', async () => {
    await setup(EVENTS, SURVEY);
    const got = await run(opts(), 's1');
    expect(got.map((r) => [r.periodStart, r.segment])).toEqual([
      ['2024-01-01', '(all)'], ['2024-01-01', '(empty)'], ['2024-01-01', 'shop'], ['2024-01-01', 'web'],
      ['2024-02-01', '(all)'], ['2024-02-01', '(empty)'], ['2024-02-01', 'shop'], ['2024-02-01', 'web'],
      [null, '(all)'], [null, '(empty)'], [null, 'shop'], [null, 'web'],
    ]);
    expect(pick(got, '2024-01-01', 'web')?.nps).toBe(50);
    expect(pick(got, '2024-01-01', 'shop')?.nps).toBeCloseTo(100 / 3, 10);
    expect(pick(got, '2024-01-01', '(empty)')?.nps).toBe(0);
    expect(pick(got, '2024-02-01', 'web')).toMatchObject({ responses: 5, nps: 50, csat: 100, ces: 2 });
    expect(pick(got, '2024-02-01', 'shop')).toMatchObject({ responses: 3, nps: -100, csat: 0, ces: 5 });
    expect(pick(got, '2024-02-01', '(empty)')).toMatchObject({ responses: 2, nps: -100, csat: 0, ces: null });
    expect(pick(got, null, 'web')).toMatchObject({ responses: 9, nps: 50, csat: 100, ces: 2 });
    expect(pick(got, null, 'shop')).toMatchObject({ responses: 6, nps: 0, csat: 0, ces: 5 });
    expect(pick(got, null, '(empty)')).toMatchObject({ responses: 5, nps: -25, csat: 0, ces: null });
  });

  it('filters by segment and date range', async () => {
    await setup(EVENTS, SURVEY);
    // web only, January: a 10 10 9 3 → 50.
    const got = await run(opts({ segment: { column: 's1', values: ['web'] }, dateTo: '2024-01-31' }), null);
    expect(got.map((r) => [r.periodStart, r.responses, r.nps])).toEqual([
      ['2024-01-01', 4, 50],
      [null, 4, 50],
    ]);
  });

  it("uses the survey's own segment column when it has one, and runs without any activity data", async () => {
    // s2 = language on the response: nl 10, 8 → 50; en 9 → 100; blank 0 → (empty) −100; all: P2 D1 of 4 → 25.
    await c.exec('DROP TABLE IF EXISTS cust');
    await loadSurvey(c, [
      { c: null, day: '2024-03-01', score: 10, scale: 'nps', s2: 'nl' },
      { c: 'x', day: '2024-03-02', score: 8, scale: 'nps', s2: ' nl' },
      { c: 'y', day: '2024-03-03', score: 9, scale: 'nps', s2: 'en' },
      { c: 'z', day: '2024-03-04', score: 0, scale: 'nps', s2: '' },
    ]);
    const got = await run(opts({ grain: 'quarter' }), 's2', ['s2']);
    expect(got.filter((r) => r.periodStart === '2024-01-01').map((r) => [r.segment, r.responses, r.nps])).toEqual([
      ['(all)', 4, 25],
      ['(empty)', 1, -100],
      ['en', 1, 100],
      ['nl', 2, 50],
    ]);
    expect((await run(opts(), null)).map((r) => r.nps)).toEqual([25, 25]);
  });

  it('exports the contract columns', () => {
    const r: SurveyRow[] = [{ periodStart: '2024-01-01', segment: '(all)', responses: 10, nps: 30, csat: null, ces: null, complete: true }];
    expect(surveyCsv(r)).toEqual({
      columns: ['period_start', 'segment', 'responses', 'nps', 'csat', 'ces'],
      rows: [['2024-01-01', '(all)', 10, 30, null, null]],
    });
  });
});

describe('survey scores against an independent computation', () => {
  const chan = (i: number) => (['web', 'shop', 'app', ''][i % 4] ?? '');
  it('matches on a generated survey, by month and customer segment', async () => {
    const evs: Ev[] = Array.from({ length: 200 }, (_, i) => ({ c: `C${i}`, day: '2023-06-01', segs: { s1: chan(i) } }));
    const survey = generateSurvey(11);
    await setup(evs, survey);
    const got = await run(opts(), 's1');

    const segOf = (id: string | null) => {
      const i = id === null ? NaN : Number(id.slice(1));
      return i < 200 ? chan(i) || '(empty)' : '(empty)';
    };
    const ok = survey.filter((r) => {
      if (r.score === null) return false;
      const [lo, hi] = r.scale === 'nps' ? [0, 10] : r.scale === 'csat' ? [1, 5] : [1, 7];
      return r.score >= lo && r.score <= hi;
    });
    const stats = (rs: Resp[]) => {
      const by = (sc: string) => rs.filter((r) => r.scale === sc).map((r) => r.score!);
      const n = by('nps');
      const cs = by('csat');
      const ce = by('ces');
      return {
        responses: rs.length,
        nps: n.length ? (100 * (n.filter((x) => x >= 9).length - n.filter((x) => x <= 6).length)) / n.length : null,
        csat: cs.length ? (100 * cs.filter((x) => x >= 4).length) / cs.length : null,
        ces: ce.length ? ce.reduce((a, x) => a + x, 0) / ce.length : null,
      };
    };
    const keys = new Set<string>();
    for (const r of ok) {
      const m = r.day.slice(0, 8) + '01';
      for (const p of [m, null]) for (const s of [segOf(r.c), '(all)']) keys.add(JSON.stringify([p, s]));
    }
    expect(got.length).toBe(keys.size);
    for (const k of keys) {
      const [p, s] = JSON.parse(k) as [string | null, string];
      const subset = ok.filter((r) => (p === null || r.day.slice(0, 8) + '01' === p) && (s === '(all)' || segOf(r.c) === s));
      const want = stats(subset);
      const row = pick(got, p, s);
      expect(row?.responses).toBe(want.responses);
      for (const f of ['nps', 'csat', 'ces'] as const) {
        if (want[f] === null) expect(row?.[f]).toBeNull();
        else expect(row?.[f]).toBeCloseTo(want[f], 9);
      }
    }
  });
});
