import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';
import type { Connector } from '../../src/engine/connector';
import { modelSql } from '../../src/metrics/model';
import { parseReasons, reasonsCsv, reasonsSql, type ReasonRow } from '../../src/metrics/reasons';
import { segmentModelSql } from '../../src/metrics/segments';
import { DEFAULT_OPTIONS, type DatasetInfo, type MetricOptions, type TablesPresent } from '../../src/metrics/types';
import { loadEvents, rows, runAll, type Ev } from '../helpers/seg-data';
import { generateSurvey, loadSurvey, type Resp } from '../helpers/seg-survey';

const TABLES: TablesPresent = { events: true, subscriptions: false, customerAttrs: false, survey: true };
const INFO: DatasetInfo = { hasRevenue: false, hasCost: false, hasOrderId: false, segments: [{ key: 's1', label: 'channel' }] };
const opts = (o: Partial<MetricOptions> = {}): MetricOptions => ({ ...DEFAULT_OPTIONS, ...o });

const EVENTS: Ev[] = [
  { c: 'a', day: '2023-12-01', segs: { s1: 'web' } },
  { c: 'b', day: '2023-12-02', segs: { s1: 'shop' } },
  { c: 'c', day: '2023-12-03', segs: { s1: 'web' } },
];

const exit = (c: string | null, day: string, reason: string | null): Resp => ({ c, day, score: null, scale: 'nps', reason });
/*
 * After trimming and folding case and inner spaces, four answers say "too expensive"; the most
 * frequent spelling is 'Too expensive' (2 ×, against 'too expensive' and 'TOO expensive' once each).
 * January: a, b too expensive → (all) 2 (share 1); web 1; shop 1.
 * February: no id too expensive, b moved abroad, c too expensive, a blank (no reason)
 *   → (all) too expensive 2 (2/3), moved abroad 1 (1/3); web too expensive 1; shop moved abroad 1; (empty) too expensive 1.
 * Whole range: (all) too expensive 4 (0.8), moved abroad 1 (0.2); web too expensive 2 (1);
 *   shop moved abroad 1 and too expensive 1 (0.5 each); (empty) too expensive 1.
 */
const SURVEY: Resp[] = [
  exit('a', '2024-01-15', 'Too expensive'),
  exit('b', '2024-01-20', 'too expensive '),
  exit(null, '2024-02-03', 'TOO  expensive'),
  exit('b', '2024-02-10', 'Moved abroad'),
  exit('c', '2024-02-11', 'Too expensive'),
  exit('a', '2024-02-12', '   '),
  exit('c', '2024-02-13', null),
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
const run = async (o: MetricOptions, by: string | null) => parseReasons(await rows(c, reasonsSql(o, by)));
const flat = (rs: ReasonRow[]) => rs.map((r) => [r.periodStart, r.segment, r.reason, r.responses, r.share]);

describe('exit reasons, hand-worked fixture', () => {
  it('merges spellings and counts reasons per month and overall', async () => {
    await setup(EVENTS, SURVEY);
    expect(flat(await run(opts(), null))).toEqual([
      ['2024-01-01', '(all)', 'Too expensive', 2, 1],
      ['2024-02-01', '(all)', 'Too expensive', 2, 2 / 3],
      ['2024-02-01', '(all)', 'Moved abroad', 1, 1 / 3],
      [null, '(all)', 'Too expensive', 4, 0.8],
      [null, '(all)', 'Moved abroad', 1, 0.2],
    ]);
  });

  it('splits by customer segment, anonymous answers in (empty)', async () => {
    await setup(EVENTS, SURVEY);
    expect(flat(await run(opts(), 's1'))).toEqual([
      ['2024-01-01', '(all)', 'Too expensive', 2, 1],
      ['2024-01-01', 'shop', 'Too expensive', 1, 1],
      ['2024-01-01', 'web', 'Too expensive', 1, 1],
      ['2024-02-01', '(all)', 'Too expensive', 2, 2 / 3],
      ['2024-02-01', '(all)', 'Moved abroad', 1, 1 / 3],
      ['2024-02-01', '(empty)', 'Too expensive', 1, 1],
      ['2024-02-01', 'shop', 'Moved abroad', 1, 1],
      ['2024-02-01', 'web', 'Too expensive', 1, 1],
      [null, '(all)', 'Too expensive', 4, 0.8],
      [null, '(all)', 'Moved abroad', 1, 0.2],
      [null, '(empty)', 'Too expensive', 1, 1],
      [null, 'shop', 'Moved abroad', 1, 0.5],
      [null, 'shop', 'Too expensive', 1, 0.5],
      [null, 'web', 'Too expensive', 2, 1],
    ]);
  });

  it('returns nothing when nobody gave a reason', async () => {
    await setup(EVENTS, [exit('a', '2024-01-01', null), exit('b', '2024-01-02', ' ')]);
    expect(await run(opts(), 's1')).toEqual([]);
  });

  it('exports its columns', () => {
    expect(reasonsCsv([{ periodStart: null, segment: '(all)', reason: 'Too expensive', responses: 4, share: 0.8 }])).toEqual({
      columns: ['period_start', 'segment', 'reason', 'responses', 'share'],
      rows: [[null, '(all)', 'Too expensive', 4, 0.8]],
    });
  });
});

describe('exit reasons against an independent computation', () => {
  it('matches on a generated survey per quarter and segment', async () => {
    const chan = (i: number) => (['web', 'shop', ' '][i % 3] ?? '');
    const evs: Ev[] = Array.from({ length: 200 }, (_, i) => ({ c: `C${i}`, day: '2023-06-01', segs: { s1: chan(i) } }));
    const survey = generateSurvey(5);
    await setup(evs, survey);
    const got = await run(opts({ grain: 'quarter' }), 's1');

    const segOf = (id: string | null) => {
      const i = id === null ? NaN : Number(id.slice(1));
      return i < 200 ? chan(i).trim() || '(empty)' : '(empty)';
    };
    const quarter = (d: string) => `${d.slice(0, 4)}-${String(Math.floor((+d.slice(5, 7) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    const given = survey
      .filter((r) => r.reason && r.reason.trim())
      .map((r) => ({ q: quarter(r.day), seg: segOf(r.c), key: r.reason!.trim().split(/\s+/).join(' ').toLowerCase() }));
    const counts = new Map<string, number>();
    for (const g of given) for (const p of [g.q, null]) for (const s of [g.seg, '(all)']) {
      const k = JSON.stringify([p, s, g.key]);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(got.length).toBe(counts.size);
    expect(new Set(got.map((r) => r.reason.toLowerCase()))).toEqual(new Set(['too expensive', 'slow delivery', 'moved abroad']));
    for (const r of got) {
      const k = JSON.stringify([r.periodStart, r.segment, r.reason.toLowerCase()]);
      expect(r.responses).toBe(counts.get(k));
      let total = 0;
      for (const [kk, v] of counts) {
        const [p, s] = JSON.parse(kk) as [string | null, string];
        if (p === r.periodStart && s === r.segment) total += v;
      }
      expect(r.share).toBeCloseTo(r.responses / total, 12);
    }
  });
});
