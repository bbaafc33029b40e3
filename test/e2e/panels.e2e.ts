/**
 * The metric panels end to end on the sample data: every panel draws a chart and a table,
 * its CSV has the export columns, options and the segment filter change the numbers, the
 * Dutch locale changes headings and number formats, and an Lness bar lists its customers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { DuckDBInstance } from '@duckdb/node-api';
import { serveDir, type StaticServer } from './server';
import { launch, openTab, type Tab } from './browser';
import { downloadFrom, parseCsv, waitForPanel } from './app';
import { CRR_CSV_COLUMNS } from '../../src/metrics/crr';
import { LIFECYCLE_CSV_COLUMNS } from '../../src/metrics/lifecycle';
import { LNESS_COLUMNS } from '../../src/metrics/lness';
import { STICKINESS_COLUMNS } from '../../src/metrics/stickiness';
import { GAPS_COLUMNS } from '../../src/metrics/gaps';
import { SPEND_COLUMNS } from '../../src/metrics/spend';
import { SEGMENTS_CSV_COLUMNS } from '../../src/metrics/segments';
import { SURVEY_CSV_COLUMNS } from '../../src/metrics/survey';
import { CUSTOMER_LIST_COLUMNS, lnessCustomersSql } from '../../src/metrics/drilldown';
import { activityWindowSql } from '../../src/metrics/activity-window';
import { crrSql } from '../../src/metrics/crr';
import { lifecycleSql } from '../../src/metrics/lifecycle';
import { lnessSql, powerCurveSql } from '../../src/metrics/lness';
import { stickinessSql, stickinessYearSql } from '../../src/metrics/stickiness';
import { gapsByPurchaseSql, gapsSql, gapStatsSql } from '../../src/metrics/gaps';
import { clvSql, ltvSql, predictedClvSql } from '../../src/metrics/value';
import { spendByOrderSql, spendByYearSql } from '../../src/metrics/spend';
import { concentrationSql, lorenzSql } from '../../src/metrics/concentration';
import { cohortsSql } from '../../src/metrics/cohorts';
import { segmentKpisSql, segmentValuesSql } from '../../src/metrics/segments';
import { surveySql } from '../../src/metrics/survey';
import { DEFAULT_OPTIONS, type DatasetInfo } from '../../src/metrics/types';

const root = resolve(__dirname, '../..');

interface PanelSpec {
  id: string;
  en: string;
  nl: string;
  csv: string;
  columns: readonly string[];
}

const PANELS: PanelSpec[] = [
  { id: 'crr', en: 'Customer retention rate', nl: 'Klantbehoud (CRR)', csv: 'customer-retention-rate.csv', columns: CRR_CSV_COLUMNS },
  { id: 'lifecycle', en: 'Lifecycle', nl: 'Levenscyclus', csv: 'lifecycle.csv', columns: LIFECYCLE_CSV_COLUMNS },
  { id: 'lness', en: 'Lness', nl: 'Lness', csv: 'lness.csv', columns: LNESS_COLUMNS },
  { id: 'stickiness', en: 'Stickiness', nl: 'Stickiness', csv: 'stickiness.csv', columns: STICKINESS_COLUMNS },
  { id: 'gaps', en: 'Time between purchases', nl: 'Tijd tussen aankopen', csv: 'time-between-purchases.csv', columns: GAPS_COLUMNS },
  { id: 'clv', en: 'Customer lifetime value', nl: 'Klantwaarde (CLV)', csv: 'spend-by-order-number.csv', columns: SPEND_COLUMNS },
  {
    id: 'concentration',
    en: 'Revenue concentration',
    nl: 'Omzetconcentratie',
    csv: 'revenue-concentration.csv',
    columns: ['top_percent', 'customers', 'revenue_share', 'vs_rest', 'gini'],
  },
  { id: 'segments', en: 'Segment comparison', nl: 'Segmenten vergelijken', csv: 'segments.csv', columns: SEGMENTS_CSV_COLUMNS },
  { id: 'survey', en: 'Survey scores', nl: 'Enquêtescores', csv: 'survey-scores.csv', columns: SURVEY_CSV_COLUMNS },
];

let server: StaticServer;
let browser: Browser;
let tab: Tab;
let page: Page;

const section = (id: string): Locator => page.locator(`section[data-panel="${id}"]`);
const spec = (id: string): PanelSpec => PANELS.find((p) => p.id === id) as PanelSpec;

async function waitAll(lang: 'en' | 'nl' = 'en'): Promise<void> {
  for (const p of PANELS) await waitForPanel(page, p[lang]);
}

async function csvOf(id: string): Promise<{ name: string; text: string }> {
  await waitForPanel(page, spec(id).en);
  // Chromium's download limiter now and then drops a download that closely follows another
  // one (the page did start it: a second click always delivers). One retry, then fail.
  for (let attempt = 0; ; attempt++) {
    try {
      return await Promise.race([
        downloadFrom(page, spec(id).en),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no download from ${id}`)), 6000)),
      ]);
    } catch (e) {
      if (attempt > 0) throw e;
      await page.waitForTimeout(300);
    }
  }
}

/** Milliseconds until every panel that went busy after `action` is idle again, per panel. */
async function timePanels(action: () => Promise<void>): Promise<Record<string, number>> {
  // Start from a quiet page: no panel busy for half a second.
  await page.evaluate(() => delete (window as unknown as { quietSince?: number }).quietSince);
  await page.waitForFunction(
    () => {
      const w = window as unknown as { quietSince?: number };
      const busy = document.querySelector('section[data-panel][aria-busy="true"]') !== null;
      if (busy || w.quietSince === undefined) w.quietSince = busy ? undefined : performance.now();
      return !busy && w.quietSince !== undefined && performance.now() - w.quietSince > 500;
    },
    undefined,
    { polling: 50, timeout: 60_000 },
  );
  await page.evaluate(() => {
    const w = window as unknown as { panelTimes: Record<string, number>; panelRun: number };
    // A new measurement ends the previous one's polling.
    const run = (w.panelRun = (w.panelRun ?? 0) + 1);
    const times: Record<string, number> = (w.panelTimes = {});
    const start = performance.now();
    const seen = new Set<string>();
    const poll = () => {
      if (w.panelRun !== run) return;
      for (const s of document.querySelectorAll('section[data-panel]')) {
        const id = s.getAttribute('data-panel') ?? '';
        if (s.getAttribute('aria-busy') === 'true') seen.add(id);
        else if (seen.has(id) && times[id] === undefined) times[id] = Math.round(performance.now() - start);
      }
      if (performance.now() - start < 60_000) requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
  await action();
  await page.waitForTimeout(300);
  await waitAll();
  return page.evaluate(() => (window as unknown as { panelTimes: Record<string, number> }).panelTimes);
}

beforeAll(async () => {
  server = await serveDir(resolve(root, 'dist'), '/kohort/');
  browser = await launch();
  tab = await openTab(browser, server.url + '?e2e', { width: 1440, height: 900 });
  page = tab.page;
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && tab) {
    mkdirSync(resolve(root, 'test/e2e/out'), { recursive: true });
    await page.screenshot({ path: resolve(root, 'test/e2e/out', 'panels-' + ctx.task.name.replace(/\W+/g, '-') + '.png'), fullPage: true });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('metric panels on the sample data', () => {
  it('renders a chart and a table in every panel', async () => {
    const start = Date.now();
    await page.getByRole('button', { name: 'Try the sample data' }).click();
    await waitAll();
    console.log(`sample loaded and every panel computed in ${Date.now() - start} ms`);
    for (const p of PANELS) {
      const s = section(p.id);
      await expect.poll(() => s.locator('canvas').count(), { message: p.en }).toBeGreaterThan(0);
      await s.getByRole('button', { name: 'Table', exact: true }).click();
      await expect.poll(() => s.locator('table tbody tr').count(), { message: p.en }).toBeGreaterThan(0);
      await s.getByRole('button', { name: 'Chart', exact: true }).click();
      expect(await s.locator('a[href*="docs/metrics.html#"]').count()).toBe(1);
    }
  });

  it('downloads CSVs with the export contract columns', async () => {
    for (const p of PANELS) {
      const { name, text } = await csvOf(p.id);
      expect(name).toBe(p.csv);
      const [head] = text.split('\r\n');
      expect(head?.split(','), p.id).toEqual([...p.columns]);
      expect(parseCsv(text).length, p.id).toBeGreaterThan(0);
    }
  });

  it('changing the grain recomputes what depends on it, and only that', async () => {
    const before = { crr: (await csvOf('crr')).text, lifecycle: (await csvOf('lifecycle')).text, lness: (await csvOf('lness')).text };
    const times = await timePanels(() => page.getByTestId('grain').selectOption('quarter').then(() => undefined));
    console.log('grain month → quarter, ms until idle per panel:', JSON.stringify(times));
    expect(times.lness).toBeUndefined();
    expect(times.gaps).toBeUndefined();
    const crr = parseCsv((await csvOf('crr')).text);
    expect((await csvOf('crr')).text).not.toBe(before.crr);
    expect(crr.every((r) => /-(01|04|07|10)-01$/.test(r.period_start ?? ''))).toBe(true);
    expect((await csvOf('lifecycle')).text).not.toBe(before.lifecycle);
    expect((await csvOf('lness')).text).toBe(before.lness);
    await page.getByTestId('grain').selectOption('month');
    await waitAll();
    expect((await csvOf('crr')).text).toBe(before.crr);
  });

  it('changing the Lness window changes the Lness numbers', async () => {
    const before = parseCsv((await csvOf('lness')).text);
    expect(before).toHaveLength(28);
    const times = await timePanels(() => section('lness').getByTestId('lness-window').selectOption('7').then(() => undefined));
    console.log('Lness window 28 → 7, ms until idle per panel:', JSON.stringify(times));
    expect(times.crr).toBeUndefined();
    const after = parseCsv((await csvOf('lness')).text);
    expect(after).toHaveLength(7);
    expect(after.every((r) => r.window_days === '7')).toBe(true);
    await section('lness').getByTestId('lness-window').selectOption('28');
    await waitAll();
  });

  it('the activity window override explains itself and changes CRR', async () => {
    const why = section('crr').getByTestId('activity-window-why');
    expect(await why.innerText()).toMatch(/^W = \d+ days: /);
    const before = (await csvOf('crr')).text;
    await section('crr').getByTestId('activity-window').fill('14');
    await section('crr').getByTestId('activity-window').press('Enter');
    await page.waitForTimeout(200);
    await waitAll();
    expect(await why.innerText()).toMatch(/^W = 14 days \(your choice\)/);
    const after = parseCsv((await csvOf('crr')).text);
    expect(after.every((r) => r.window_days === '14')).toBe(true);
    expect((await csvOf('crr')).text).not.toBe(before);
    await section('crr').getByTestId('activity-window').fill('');
    await section('crr').getByTestId('activity-window').press('Enter');
    await page.waitForTimeout(200);
    await waitAll();
    expect((await csvOf('crr')).text).toBe(before);
  });

  it('clicking a segment filters the whole dashboard, and the chip clears it', async () => {
    const ids = ['crr', 'lness', 'gaps', 'clv', 'concentration', 'stickiness'];
    const before: Record<string, string> = {};
    for (const id of ids) before[id] = (await csvOf(id)).text;
    const segmentsBefore = parseCsv((await csvOf('segments')).text);
    const first = segmentsBefore[0];
    expect(first).toBeDefined();
    const times = await timePanels(() => section('segments').getByTestId('segment-filter').first().click());
    console.log(`segment filter ${first?.segment_column} = ${first?.segment}, ms until idle per panel:`, JSON.stringify(times));
    const chip = section('segments').getByTestId('segment-chip');
    expect(await chip.innerText()).toContain(first?.segment ?? '?');
    await section('segments').screenshot({ path: '/tmp/panels-segment-filter.png' });
    for (const id of ids) expect((await csvOf(id)).text, id).not.toBe(before[id]);
    // The comparison keeps every segment while the filter is on.
    expect(parseCsv((await csvOf('segments')).text)).toHaveLength(segmentsBefore.length);
    await chip.getByRole('button').click();
    await page.waitForTimeout(200);
    await waitAll();
    expect(await section('segments').getByTestId('segment-chip').count()).toBe(0);
    for (const id of ids) expect((await csvOf(id)).text, id).toBe(before[id]);
  });

  it('clicking an Lness bar lists its customers, with a CSV', async () => {
    const s = section('lness');
    const canvas = s.locator('canvas').first();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no Lness chart');
    // Most customers were active on one day: the first bar is the tallest. Scan along the bottom of the plot.
    const list = s.getByTestId('customer-list');
    for (let x = 40; x < 220 && (await list.count()) === 0; x += 8) {
      await canvas.click({ position: { x, y: box.height - 70 } });
      await page.waitForTimeout(100);
    }
    await list.waitFor();
    await expect.poll(() => list.getAttribute('aria-busy')).toBe('false');
    const heading = await list.getByRole('heading').innerText();
    expect(heading).toMatch(/^Customers active on \d+ of the 28 days up to /);
    const d = Number(/on (\d+) of/.exec(heading)?.[1]);
    const lness = parseCsv((await csvOf('lness')).text);
    const expected = Number(lness.find((r) => Number(r.days_active) === d)?.customers);
    expect(await list.locator('tbody tr').count()).toBe(Math.min(200, expected));
    const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'Download list (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`customers-lness-${d}-of-28-days.csv`);
    const text = await import('node:fs').then((fs) => download.path().then((p) => fs.readFileSync(p, 'utf8')));
    const rows = parseCsv(text);
    expect(text.split('\r\n')[0]?.split(',').slice(0, 5)).toEqual([...CUSTOMER_LIST_COLUMNS]);
    expect(rows).toHaveLength(expected);
    await s.screenshot({ path: '/tmp/panels-drill.png' });
    await list.getByRole('button', { name: 'Close list' }).click();
    expect(await s.getByTestId('customer-list').count()).toBe(0);
  });

  it('measures the query time of every panel in the browser engine', async () => {
    const info = await page.evaluate(() => (window as unknown as { kohort: { session: { dataset: { info: unknown } } } }).kohort.session.dataset.info);
    const i = info as DatasetInfo;
    const o = DEFAULT_OPTIONS;
    const seg = (v: string) => ({ ...o, segment: { column: 's1', values: [v] } });
    const panels: Record<string, string[]> = {
      crr: [activityWindowSql(o, i), crrSql(o, i)],
      lifecycle: [lifecycleSql(o, i)],
      lness: [lnessSql(o, i), powerCurveSql(o, i)],
      stickiness: [stickinessSql(o, i), stickinessYearSql(o, i)],
      gaps: [gapsSql(o, i), gapStatsSql(o, i), gapsByPurchaseSql(o, i)],
      clv: [clvSql(o, i), predictedClvSql(o, i), spendByOrderSql(o, i), spendByYearSql(o, i), ltvSql(o, i)],
      concentration: [concentrationSql(o, i), lorenzSql(o, i)],
      // values, W, KPI table, then one cohort and one Lness query for one segment (the panel runs these per segment, up to 8)
      segments: [segmentValuesSql('s1'), activityWindowSql(o, i), segmentKpisSql(o, i, 's1', 30), cohortsSql(seg('webshop'), i), lnessSql(seg('webshop'), i)],
      survey: [surveySql(o)],
      'drill-down (Lness d = 1)': [lnessCustomersSql(o, i, 1)],
    };
    const times: Record<string, number[]> = {};
    for (const [name, sqls] of Object.entries(panels)) {
      times[name] = [];
      for (const sql of sqls) {
        const ms = await page.evaluate(async (q) => {
          const k = (window as unknown as { kohort: { query(sql: string): Promise<unknown> } }).kohort;
          await k.query(q); // warm
          const t0 = performance.now();
          await k.query(q);
          return Math.round(performance.now() - t0);
        }, sql);
        times[name].push(ms);
      }
    }
    console.log('query ms per panel (one run after a warm-up, each query):', JSON.stringify(times));
    expect(Object.keys(times)).toHaveLength(10);
  });

  it('lists the customers behind a time-between-purchases bar', async () => {
    const s = section('gaps');
    const canvas = s.locator('canvas').first();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no gaps chart');
    const list = s.getByTestId('customer-list');
    for (let x = 60; x < box.width - 20 && (await list.count()) === 0; x += 12) {
      await canvas.click({ position: { x, y: box.height - 70 } });
      await page.waitForTimeout(80);
    }
    await list.waitFor();
    await expect.poll(() => list.getAttribute('aria-busy')).toBe('false');
    expect(await list.getByRole('heading').innerText()).toMatch(/^Customers with .* days between two purchases$/);
    expect(await list.locator('tbody tr').count()).toBeGreaterThan(0);
    await list.getByRole('button', { name: 'Close list' }).click();
  });

  it('gives Show SQL scripts that native DuckDB runs on the original files', async () => {
    const scripts: Record<string, string> = {};
    for (const p of PANELS) {
      const s = section(p.id);
      await s.getByRole('button', { name: 'Show SQL' }).click();
      scripts[p.id] = await s.locator('pre').innerText();
      await s.getByRole('button', { name: 'Close', exact: true }).click();
    }
    const last: Record<string, Record<string, unknown>[]> = {};
    const cwd = process.cwd();
    process.chdir(resolve(root, 'public/sample'));
    try {
      for (const [id, script] of Object.entries(scripts)) {
        const db = await DuckDBInstance.create(':memory:', { threads: '1' });
        const conn = await db.connect();
        // As the DuckDB command-line tool would: every statement in order; the last one is the panel's.
        let rows: Record<string, unknown>[] = [];
        for (const stmt of script.split(/;\s*\n\n/).filter((x) => x.replace(/--.*$/gm, '').trim())) rows = (await conn.runAndReadAll(stmt)).getRowObjectsJson();
        conn.closeSync();
        expect(rows.length, id).toBeGreaterThan(0);
        last[id] = rows;
      }
    } finally {
      process.chdir(cwd);
    }
    // Where the panel's export is its last query, native DuckDB gives the same numbers.
    const lifecycle = parseCsv((await csvOf('lifecycle')).text).map((r) => [r.period_start, r.new, r.returning, r.resurrecting, r.dormant].join(' '));
    expect((last.lifecycle ?? []).map((r) => [r.period_start, r.new, r.returning, r.resurrecting, r.dormant].join(' '))).toEqual(lifecycle);
    const survey = parseCsv((await csvOf('survey')).text).map((r) => [r.period_start, r.responses].join(' '));
    expect((last.survey ?? []).map((r) => [r.period_start ?? '', r.responses].join(' '))).toEqual(survey);
  });

  it('takes a full-page screenshot in English, light', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/panels-en-light.png', fullPage: true });
  });

  it('switches to Dutch: Dutch headings and decimal commas', async () => {
    await page.locator('header select').first().selectOption('nl');
    for (const p of PANELS) await page.getByRole('heading', { name: p.nl, exact: true }).waitFor();
    for (const p of PANELS.filter((x) => x.en !== x.nl)) expect(await page.getByRole('heading', { name: p.en, exact: true }).count(), p.en).toBe(0);
    const crr = section('crr');
    await crr.getByRole('button', { name: 'Tabel', exact: true }).click();
    const cells = await crr.locator('tbody td').allInnerTexts();
    const percents = cells.filter((c) => c.endsWith('%'));
    expect(percents.length).toBeGreaterThan(0);
    expect(percents.some((c) => /\d,\d/.test(c))).toBe(true);
    expect(percents.some((c) => /\d\.\d/.test(c))).toBe(false);
    await crr.getByRole('button', { name: 'Grafiek', exact: true }).click();
    const clvTiles = await section('clv').locator('dd').allInnerTexts();
    expect(clvTiles.some((t) => /€\s?\d+(\.\d{3})*,\d{2}/.test(t))).toBe(true);
  });

  it('takes a full-page screenshot in Dutch, dark', async () => {
    await page.getByRole('button', { name: /dark theme/ }).click();
    await page.waitForTimeout(500);
    await waitAll('nl');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/panels-nl-dark.png', fullPage: true });
    expect(tab.consoleErrors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
  });
});
