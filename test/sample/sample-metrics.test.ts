/**
 * The sample files through the segment, survey and reason metrics, checked against plain
 * TypeScript over the same rows, and against what the generator was built to show
 * (subscribers are the most loyal, marketplace buyers the least).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';
import type { Connector } from '../../src/engine/connector';
import { modelSql } from '../../src/metrics/model';
import { parseReasons, reasonsSql } from '../../src/metrics/reasons';
import { parseSegmentKpis, segmentKpisSql, segmentModelSql } from '../../src/metrics/segments';
import { parseSurvey, surveySql } from '../../src/metrics/survey';
import { DEFAULT_OPTIONS, type DatasetInfo, type TablesPresent } from '../../src/metrics/types';
import { dayNo, rows } from '../helpers/seg-data';
import { referenceKpis, type RefRow } from '../helpers/seg-reference';

const SAMPLE = resolve(__dirname, '../../public/sample');
const lines = (f: string) => readFileSync(resolve(SAMPLE, f), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split(';'));
const iso = (nl: string) => `${nl.slice(6, 10)}-${nl.slice(3, 5)}-${nl.slice(0, 2)}`;
const euro = (s: string) => Number(s.replaceAll('.', '').replace(',', '.'));

const INFO: DatasetInfo = { hasRevenue: true, hasCost: false, hasOrderId: true, segments: [{ key: 's1', label: 'kanaal' }] };
const TABLES: TablesPresent = { events: true, subscriptions: false, customerAttrs: true, survey: true };

const orders = lines('koffiebranderij-orders.csv');
const refRows: RefRow[] = orders
  .map((r, i) => ({ rowNo: i + 1, c: r[1]!, day: iso(r[2]!), order: r[0]!, amount: euro(r[3]!), refund: euro(r[3]!) < 0, seg: r[4]! }))
  .filter((r) => r.c !== '');

/** The activity window W by the spec: nearest-rank p90 of gaps between consecutive activity days, at least 7. */
function defaultWindow(): number {
  const days = new Map<string, Set<number>>();
  for (const r of refRows) if (!r.refund) (days.get(r.c) ?? days.set(r.c, new Set()).get(r.c)!).add(dayNo(r.day));
  const gaps: number[] = [];
  for (const ds of days.values()) {
    const s = [...ds].sort((a, b) => a - b);
    for (let i = 1; i < s.length; i++) gaps.push(s[i]! - s[i - 1]!);
  }
  gaps.sort((a, b) => a - b);
  return Math.max(7, gaps[Math.ceil(0.9 * gaps.length) - 1]!);
}

let c: Connector;
beforeAll(async () => {
  c = await createNodeConnector();
  const csv = ['row_no,customer_id,day,order_id,amount,is_refund,s1', ...refRows.map((r) => `${r.rowNo},${r.c},${r.day},${r.order},${r.amount},${r.refund},${r.seg}`)];
  await c.registerFile('sample_events.csv', new TextEncoder().encode(csv.join('\n')));
  await c.exec(`CREATE TABLE events AS SELECT row_no, customer_id, CAST(day AS TIMESTAMP) AS ts, day, order_id, amount,
    CAST(NULL AS DOUBLE) AS cost, is_refund, s1
    FROM read_csv('sample_events.csv', header = true, columns = {'row_no': 'BIGINT', 'customer_id': 'VARCHAR', 'day': 'DATE',
      'order_id': 'VARCHAR', 'amount': 'DOUBLE', 'is_refund': 'BOOLEAN', 's1': 'VARCHAR'})`);
  await c.registerFile('klanten.csv', readFileSync(resolve(SAMPLE, 'koffiebranderij-klanten.csv')));
  await c.exec(`CREATE TABLE customer_attrs AS SELECT klantnummer AS customer_id, segment AS s2, "postcode-regio" AS s3
    FROM read_csv('klanten.csv', delim = ';', header = true, all_varchar = true)`);
  await c.registerFile('nps.csv', readFileSync(resolve(SAMPLE, 'koffiebranderij-nps.csv')));
  await c.exec(`CREATE TABLE survey AS SELECT nullif(klantnummer, '') AS customer_id, CAST(strptime(datum, '%d-%m-%Y') AS DATE) AS day,
    CAST(score AS DOUBLE) AS score, 'nps' AS scale, reden AS reason
    FROM read_csv('nps.csv', delim = ';', header = true, all_varchar = true)`);
  const attrs = [{ key: 's2', label: 'segment' }, { key: 's3', label: 'postcode-regio' }];
  for (const s of [...modelSql(INFO), ...segmentModelSql(INFO, TABLES, attrs)]) await c.exec(s);
});
afterAll(async () => {
  await c.close();
});

describe('the sample through the segment metrics', () => {
  it('gives the same KPI table per first-order channel as a plain computation', async () => {
    const w = defaultWindow();
    const got = parseSegmentKpis(await rows(c, segmentKpisSql(DEFAULT_OPTIONS, INFO, 's1', w)));
    const want = referenceKpis(refRows, { grain: 'month', w, hasRevenue: true });
    expect(got.map((k) => [k.segment, k.customers])).toEqual(want.map((k) => [k.segment, k.customers]));
    got.forEach((k, i) => {
      const r = want[i]!;
      expect(k.repeatRate).toBeCloseTo(r.repeatRate, 10);
      expect(k.crrLast).toBeCloseTo(r.crrLast!, 10);
      expect(k.gapMedianDays).toBe(r.gapMedianDays);
      expect(k.clvMean).toBeCloseTo(r.clvMean!, 6);
    });
    const rate = (s: string) => got.find((k) => k.segment === s)!.repeatRate;
    expect(rate('abonnement')).toBeGreaterThan(rate('webshop'));
    expect(rate('webshop')).toBeGreaterThan(rate('marketplace'));
  });

  it('takes segments from the customers file, with customers missing from it in (empty)', async () => {
    const got = await rows(c, 'SELECT s2, count(*) AS n FROM cust GROUP BY 1 ORDER BY 1');
    const inFile = new Set(lines('koffiebranderij-klanten.csv').map((r) => r[0]));
    const buyers = new Set(refRows.filter((r) => !r.refund).map((r) => r.c));
    const missing = [...buyers].filter((b) => !inFile.has(b)).length;
    expect(missing).toBeGreaterThan(0);
    expect(got.find((r) => r.s2 === '(empty)')?.n).toBe(missing);
    expect(got.map((r) => r.s2)).toEqual(['(empty)', 'horeca', 'particulier', 'zakelijk']);
  });
});

describe('the sample through the survey metrics', () => {
  it('computes NPS per customer segment as a plain computation does', async () => {
    const got = parseSurvey(await rows(c, surveySql(DEFAULT_OPTIONS, 's2')));
    const segOf = new Map(lines('koffiebranderij-klanten.csv').map((r) => [r[0]!, r[1]!]));
    const buyers = new Set(refRows.filter((r) => !r.refund).map((r) => r.c));
    const answers = lines('koffiebranderij-nps.csv').map((r) => ({
      seg: r[0] && buyers.has(r[0]) ? (segOf.get(r[0]) ?? '(empty)') : '(empty)',
      score: Number(r[2]),
    }));
    for (const seg of ['(all)', '(empty)', 'particulier', 'zakelijk', 'horeca']) {
      const xs = answers.filter((a) => seg === '(all)' || a.seg === seg).map((a) => a.score);
      const nps = (100 * (xs.filter((x) => x >= 9).length - xs.filter((x) => x <= 6).length)) / xs.length;
      const row = got.find((r) => r.periodStart === null && r.segment === seg)!;
      expect(row.responses).toBe(xs.length);
      expect(row.nps).toBeCloseTo(nps, 9);
    }
  });

  it('merges spelling variants of exit reasons', async () => {
    const got = parseReasons(await rows(c, reasonsSql(DEFAULT_OPTIONS, null))).filter((r) => r.periodStart === null);
    const teDuur = lines('koffiebranderij-nps.csv').filter((r) => r[3]!.trim().toLowerCase() === 'te duur').length;
    const row = got.find((r) => r.reason.toLowerCase() === 'te duur');
    expect(row?.responses).toBe(teDuur);
    expect(got.filter((r) => r.reason.toLowerCase() === 'te duur')).toHaveLength(1);
    expect(got.reduce((t, r) => t + r.share, 0)).toBeCloseTo(1, 12);
  });
});
