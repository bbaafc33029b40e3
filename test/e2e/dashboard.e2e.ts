/**
 * The dashboard with the sample data: key figures, predicted CLV, data quality, PNG and
 * report downloads, settings in the URL, the Dutch locale, and Show SQL against native DuckDB.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { DuckDBInstance } from '@duckdb/node-api';
import { serveDir, type StaticServer } from './server';
import { foreignRequests, launch, openTab, type Tab } from './browser';
import { downloadFrom, parseCsv, waitForPanel } from './app';

const root = resolve(__dirname, '../..');
let server: StaticServer;
let browser: Browser;
let tab: Tab;

async function allPanelsDrawn(): Promise<void> {
  await tab.page.waitForFunction(
    () =>
      document.querySelectorAll('section[aria-labelledby][aria-busy="true"]').length === 0 &&
      !document.querySelector('.status') &&
      document.querySelectorAll('section[data-panel] canvas').length > 5,
    null,
    { timeout: 120_000 },
  );
}

beforeAll(async () => {
  server = await serveDir(resolve(root, 'dist'), '/kohort/');
  browser = await launch();
  tab = await openTab(browser, server.url + '?e2e');
  await tab.page.getByRole('button', { name: 'Try the sample data' }).click();
  await allPanelsDrawn();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && tab) {
    mkdirSync(resolve(root, 'test/e2e/out'), { recursive: true });
    await tab.page.screenshot({ path: resolve(root, 'test/e2e/out', 'dashboard-' + ctx.task.name.replace(/\W+/g, '-') + '.png'), fullPage: true });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dashboard with the sample data', () => {
  it('answers the other grains, Lness windows and segment values in the background: changing them, and going back, asks DuckDB nothing', async () => {
    // First in this file: no other grain has been shown yet, so only the prefetch can have asked.
    await tab.page.evaluate(async () => {
      type Q = (sql: string, ...rest: unknown[]) => Promise<unknown>;
      const w = window as unknown as { kohort: { session: { prefetched: () => Promise<void>; engine: () => Promise<{ query: Q; queryDecoded: Q }> } }; asked: string[] };
      await w.kohort.session.prefetched();
      const c = await w.kohort.session.engine();
      w.asked = [];
      const originals = { query: c.query, queryDecoded: c.queryDecoded };
      (w as unknown as { restore: () => void }).restore = () => Object.assign(c, originals);
      for (const kind of ['query', 'queryDecoded'] as const) {
        const run = c[kind].bind(c);
        c[kind] = (sql, ...rest) => {
          const o = rest[kind === 'query' ? 0 : 1] as { priority?: number } | undefined;
          if ((o?.priority ?? 0) <= 0) w.asked.push(sql);
          return run(sql, ...rest);
        };
      }
    });
    try {
      await tab.page.getByTestId('grain').selectOption('quarter');
      await allPanelsDrawn();
      expect(await tab.page.evaluate(() => (window as unknown as { asked: string[] }).asked)).toEqual([]);
      // And what is drawn is the quarter's: the CRR panel's periods are three months apart.
      const periods = parseCsv((await downloadFrom(tab.page, 'Customer retention rate')).text).map((r) => r.period_start ?? '');
      expect(periods.length).toBeGreaterThan(5);
      expect(periods.every((p) => /-(01|04|07|10)-01$/.test(p))).toBe(true);
      expect(await tab.page.locator('section[data-panel] .panel-error').count()).toBe(0);
      // Back to the first view after the load: its answers were kept too.
      await tab.page.getByTestId('grain').selectOption('month');
      await allPanelsDrawn();
      expect(await tab.page.evaluate(() => (window as unknown as { asked: string[] }).asked)).toEqual([]);
      // The segment comparison's values were answered in the same round: filtering to one redraws every panel (the
      // predicted CLV with its fit) without a query, and so does clearing the filter.
      const customers = async () => Number((await tab.page.locator('section[data-panel=kpis] [data-kpi=customers] .value').innerText()).replace(/\D/g, ''));
      const all = await customers();
      const table = tab.page.locator('section[data-panel=segments] table');
      const second = (await table.locator('tbody tr').nth(1).innerText()).split('\t');
      await table.getByTestId('segment-filter').nth(1).click();
      await expect.poll(() => tab.page.getByTestId('segment-chip').count()).toBe(1);
      await allPanelsDrawn();
      expect(await tab.page.evaluate(() => (window as unknown as { asked: string[] }).asked)).toEqual([]);
      expect(await tab.page.locator('section[data-panel] .panel-error').count()).toBe(0);
      const filtered = await customers();
      expect(filtered).toBeLessThan(all);
      // The comparison counts the segment's customers over every cohort; the strip, the ones
      // acquired up to the last complete period.
      expect(filtered).toBeLessThanOrEqual(Number((second[1] ?? '').replace(/\D/g, '')));
      expect(filtered).toBeGreaterThan(0);
      const predicted = parseCsv((await downloadFrom(tab.page, 'Predicted CLV')).text);
      expect(predicted.length).toBeGreaterThanOrEqual(filtered);
      await tab.page.locator('section[data-panel=segments]').getByRole('button', { name: 'Clear the segment filter' }).click();
      await expect.poll(() => tab.page.getByTestId('segment-chip').count()).toBe(0);
      await allPanelsDrawn();
      expect(await customers()).toBe(all);
      expect(await tab.page.evaluate(() => (window as unknown as { asked: string[] }).asked)).toEqual([]);
      // So was the Lness window: the Lness panel and the segment comparison's histograms are
      // drawn for 14 days without a query.
      await tab.page.getByTestId('lness-window').selectOption('14');
      await allPanelsDrawn();
      expect(await tab.page.evaluate(() => (window as unknown as { asked: string[] }).asked)).toEqual([]);
      const lness = parseCsv((await downloadFrom(tab.page, 'Lness')).text);
      expect(lness.length).toBeGreaterThan(0);
      expect(lness.every((r) => r.window_days === '14')).toBe(true);
      expect(Math.max(...lness.map((r) => Number(r.days_active)))).toBe(14);
      expect(await tab.page.locator('section[data-panel] .panel-error').count()).toBe(0);
    } finally {
      await tab.page.evaluate(() => (window as unknown as { restore: () => void }).restore());
      await tab.page.evaluate(() => {
        (window as unknown as { kohort: { session: { options: { segment: unknown } } } }).kohort.session.options.segment = null;
      });
      await tab.page.getByTestId('grain').selectOption('month');
      await tab.page.getByTestId('lness-window').selectOption('28');
      await allPanelsDrawn();
    }
  });

  it('shows the key figures with their previous values and exports kpis.csv', async () => {
    const strip = tab.page.locator('section[data-panel=kpis]');
    for (const label of ['Customers', 'Customer retention rate', 'Churn rate', 'Repeat rate', 'Median days between purchases', 'DAU/MAU', 'Mean CLV']) {
      await expect.poll(() => strip.innerText()).toContain(label);
    }
    expect(await strip.innerText()).toContain('benchmark 80 % good, 85 % target');
    const [download] = await Promise.all([tab.page.waitForEvent('download'), strip.getByRole('button', { name: 'Download KPIs (CSV)' }).click()]);
    const rows = parseCsv(readFileSync(await download.path(), 'utf8'));
    const metrics = rows.map((r) => r.metric);
    for (const m of ['customers', 'orders', 'revenue', 'repeat_rate', 'orders_per_customer', 'visit_frequency', 'gap_median_days', 'gap_p25_days', 'gap_p75_days', 'gap_mean_days', 'clv_mean', 'clv_median', 'top1_share', 'top3_share', 'top10_share', 'top20_share', 'activity_window_days', 'rows_read', 'rows_not_read', 'rows_without_customer', 'refund_rows', 'refund_total']) {
      expect(metrics).toContain(m);
    }
    // The three sample files: 36,023 order rows + 12,569 customers + 2,496 answers.
    expect(rows.find((r) => r.metric === 'rows_read')?.value).toBe(String(36023 + 12569 + 2496));
  });

  it('fits the predicted CLV model in its worker and exports one row per customer', async () => {
    await waitForPanel(tab.page, 'Predicted CLV');
    const section = tab.page.locator('section[data-panel=predicted-clv]');
    expect(await section.locator('canvas').count()).toBeGreaterThanOrEqual(2);
    expect(await section.innerText()).toMatch(/r = [\d.]+, α = [\d.]+, a = [\d.]+, b = [\d.]+/);
    const { text } = await downloadFrom(tab.page, 'Predicted CLV');
    const [head, ...lines] = text.trim().split(/\r?\n/);
    expect(head?.split(',').slice(0, 7)).toEqual(['customer_id', 'frequency', 'recency', 'T', 'p_alive', 'expected_purchases', 'expected_value']);
    const kpis = await tab.page.locator('section[data-panel=kpis] [data-kpi=customers] .value').innerText();
    // Every customer acquired up to the last complete period is in the strip; the model scores all of them.
    expect(lines.length).toBeGreaterThanOrEqual(Number(kpis.replace(/\D/g, '')));
    for (const line of lines.slice(0, 50)) {
      const p = Number(line.split(',')[4]);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });

  it('accounts for every row in the data quality panel', async () => {
    const { text } = await downloadFrom(tab.page, 'Data quality');
    const rows = parseCsv(text);
    const sum = (file: string) => rows.filter((r) => r.file === file).reduce((a, r) => a + Number(r.rows), 0);
    expect(sum('koffiebranderij-orders.csv')).toBe(36023);
    expect(sum('koffiebranderij-klanten.csv')).toBe(12569);
    expect(sum('koffiebranderij-nps.csv')).toBe(2496);
  });

  it('lists the customers behind a cohort cell', async () => {
    const section = tab.page.locator('section[data-panel=cohorts]');
    const canvas = section.locator('canvas').first();
    // Where ECharts draws the cell (offset 1, first cohort), through the page's own chart instance.
    const [x, y] = await tab.page.evaluate(() => {
      const k = (window as unknown as { kohort: { session: { panels: Map<string, { charts: { convertToPixel(f: object, v: number[]): number[] }[] }> } } }).kohort;
      const chart = k.session.panels.get('cohorts')?.charts[0];
      return chart ? chart.convertToPixel({ seriesIndex: 0 }, [1, 0]) : [0, 0];
    });
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no heatmap');
    await tab.page.mouse.click(box.x + (x ?? 0), box.y + (y ?? 0));
    const list = section.getByTestId('customer-list');
    // The heading, not the table caption with the same text that follows once the rows are in.
    await list.getByRole('heading', { name: /Customers of the Jan 2023 cohort, 1 periods after/ }).waitFor();
    const cell = parseCsv((await downloadFrom(tab.page, 'Cohort retention')).text).find((r) => r.cohort === '2023-01-01' && r.offset === '1');
    // The classic cell counts the cohort's customers active in February 2023: the list has exactly them.
    await expect.poll(async () => list.locator('tbody tr').count()).toBe(Number(cell?.active));
    await list.getByRole('button', { name: 'Close' }).click();
  });

  it('downloads a panel as PNG', async () => {
    const section = tab.page.locator('section[data-panel=cohorts]');
    const [download] = await Promise.all([tab.page.waitForEvent('download'), section.getByRole('button', { name: 'Download PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('cohort-retention.png');
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(bytes.length).toBeGreaterThan(20_000);
  });

  it('gives the CRR panel SQL that native DuckDB runs on the original files with the same numbers', async () => {
    await waitForPanel(tab.page, 'Customer retention rate');
    const section = tab.page.locator('section[aria-labelledby]', { has: tab.page.getByRole('heading', { name: 'Customer retention rate', exact: true }) });
    await section.getByRole('button', { name: 'Show SQL' }).click();
    const script = await section.locator('pre').innerText();
    await section.getByRole('button', { name: 'Close' }).click();
    const panel = parseCsv((await downloadFrom(tab.page, 'Customer retention rate')).text);
    const cwd = process.cwd();
    process.chdir(resolve(root, 'public/sample'));
    try {
      const db = await DuckDBInstance.create(':memory:', { threads: '1' });
      const conn = await db.connect();
      // Like the DuckDB command-line tool: every statement in order; the panel's numbers are the last result.
      let rows: Record<string, unknown>[] = [];
      for (const stmt of script.split(/;\s*\n\n/).filter((x) => x.replace(/--.*$/gm, '').trim())) {
        rows = (await conn.runAndReadAll(stmt)).getRowObjectsJson();
      }
      conn.closeSync();
      const native = rows.map((r) => `${String(r.period_start)} ${r.customers_start} ${r.customers_end} ${r.new} ${r.crr === null ? '' : Number(r.crr).toFixed(10)}`);
      const page = panel.map((r) => `${r.period_start} ${r.customers_start} ${r.customers_end} ${r.new} ${r.crr === '' ? '' : Number(r.crr).toFixed(10)}`);
      expect(native).toEqual(page);
      expect(native.length).toBeGreaterThan(20);
    } finally {
      process.chdir(cwd);
    }
  });

  it('keeps settings (never data) in the URL and restores them', async () => {
    await tab.page.getByTestId('grain').selectOption('quarter');
    await allPanelsDrawn();
    const url = tab.page.url();
    expect(url).toContain('grain=quarter');
    expect(new URL(url).search).not.toMatch(/koffie|\d{5}/);
    const again = await tab.context.newPage();
    await again.goto(url);
    await again.getByRole('button', { name: 'Try the sample data' }).click();
    await expect.poll(() => again.getByTestId('grain').inputValue(), { timeout: 60_000 }).toBe('quarter');
    await again.close();
    await tab.page.getByTestId('grain').selectOption('month');
    await allPanelsDrawn();
  });

  it('keeps the cohort panel busy until its heatmap is painted in full', async () => {
    // Four years of weekly cohorts: about 22,000 cells, which ECharts paints over several frames
    // (cohort-heatmap.ts), after the panel's other chart is drawn.
    const lines = ['ordernummer;klantnummer;besteldatum;bedrag'];
    const start = Date.UTC(2022, 0, 3);
    for (let week = 0; week < 209; week++) {
      for (let c = 0; c < 10; c++) {
        for (const later of [0, 1 + (c % 3), 5 + c, 20 + 3 * c]) {
          const d = new Date(start + ((week + later) * 7 + c) * 86_400_000);
          if (d.getUTCFullYear() > 2025) continue;
          lines.push(`${lines.length};${week * 10 + c};${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()};9,95`);
        }
      }
    }
    const file = resolve(mkdtempSync(resolve(tmpdir(), 'kohort-')), 'weekly.csv');
    writeFileSync(file, lines.join('\n'));
    const weekly = await openTab(browser, server.url + '?e2e');
    try {
      await weekly.page.setInputFiles('input[type=file]', file);
      await waitForPanel(weekly.page, 'Cohort retention');
      await weekly.page.evaluate(() => {
        type Chart = { getOption: () => { series?: { type?: string }[] }; on: (e: string, f: () => void) => void };
        const w = window as unknown as { kohort: { session: { panels: Map<string, { charts: Chart[] }> } }; painted: boolean; idle: boolean[] };
        const heatmap = w.kohort.session.panels.get('cohorts')?.charts.find((c) => c.getOption().series?.[0]?.type === 'heatmap');
        const panel = document.querySelector('section[data-panel=cohorts]');
        if (!heatmap || !panel) throw new Error('no cohort heatmap');
        w.painted = false;
        w.idle = [];
        heatmap.on('finished', () => (w.painted = true));
        new MutationObserver(() => {
          if (panel.getAttribute('aria-busy') === 'false') w.idle.push(w.painted);
          else w.painted = false;
        }).observe(panel, { attributes: true, attributeFilter: ['aria-busy'] });
      });
      await weekly.page.getByTestId('grain').selectOption('week');
      await waitForPanel(weekly.page, 'Cohort retention');
      const idle = await weekly.page.evaluate(() => (window as unknown as { idle: boolean[] }).idle);
      expect(idle.length).toBeGreaterThan(0);
      expect(idle.every(Boolean)).toBe(true);
    } finally {
      await weekly.page.context().close();
    }
  });

  it('after a burst of grain changes, drops the queries nobody waits for and shows the last grain', async () => {
    // Sample data, 20 ms between changes: about 20 of 30 queries are dropped (none without it).
    // Count, in the page, the queries asked for and those taken back before they ran.
    await tab.page.evaluate(async () => {
      type Q = (sql: string, options?: object) => Promise<unknown>;
      const w = window as unknown as { kohort: { session: { engine: () => Promise<{ query: Q }> } }; burst: { asked: number; dropped: number } };
      const c = await w.kohort.session.engine();
      const query = c.query.bind(c);
      w.burst = { asked: 0, dropped: 0 };
      c.query = async (sql, options) => {
        w.burst.asked++;
        try {
          return await query(sql, options);
        } catch (e) {
          if (e instanceof DOMException && e.name === 'AbortError') w.burst.dropped++;
          throw e;
        }
      };
    });
    // A new date range first: the other grains were answered in the background for the old one
    // only, so every change below asks DuckDB (and the page is never idle long enough for a new
    // background round before the last one).
    const grain = tab.page.getByTestId('grain');
    await tab.page.getByTestId('date-from').fill('2023-01-02');
    for (const g of ['day', 'year', 'quarter']) {
      await tab.page.waitForTimeout(20);
      await grain.selectOption(g);
    }
    await tab.page.waitForTimeout(20);
    await grain.selectOption('week');
    await allPanelsDrawn();
    const burst = await tab.page.evaluate(() => (window as unknown as { burst: { asked: number; dropped: number } }).burst);
    expect(burst.dropped).toBeGreaterThan(0);
    expect(burst.asked).toBeGreaterThan(burst.dropped);
    // No panel reports the dropped queries, and every panel shows the last grain.
    expect(await tab.page.locator('section[data-panel] .panel-error').count()).toBe(0);
    expect(tab.page.url()).toContain('grain=week');
    const { text } = await downloadFrom(tab.page, 'Customer retention rate');
    const periods = parseCsv(text).map((r) => r.period_start);
    expect(periods.length).toBeGreaterThan(50);
    const days = periods.map((p) => Date.parse(`${p}T00:00:00Z`) / 86_400_000);
    expect(days.slice(1).every((d, i) => d - (days[i] ?? NaN) === 7)).toBe(true);
    await tab.page.getByTestId('date-from').fill('');
    await grain.selectOption('month');
    await allPanelsDrawn();
  });

  it('explains a low CRR when the periods are longer than the activity window', async () => {
    const note = tab.page.getByTestId('crr-long-periods');
    expect(await note.count()).toBe(0); // months are shorter than the sample's W = 96 days
    await tab.page.getByTestId('grain').selectOption('year');
    try {
      await allPanelsDrawn();
      await expect.poll(() => note.innerText()).toContain('Periods are longer than W (96 days)');
      // The longest period is a leap year.
      expect(await note.innerText()).toContain('at least 366 days');
      // The key figures' CRR says so too, instead of its benchmark.
      const tile = tab.page.locator('section[data-panel=kpis] [data-kpi=crr]');
      expect(await tile.getByTestId('kpi-crr-long').innerText()).toBe('a year is longer than W (96 days): CRR reads low, see the CRR panel');
      expect(await tile.innerText()).not.toContain('benchmark');
    } finally {
      await tab.page.getByTestId('grain').selectOption('month');
      await allPanelsDrawn();
    }
    expect(await note.count()).toBe(0);
    expect(await tab.page.getByTestId('kpi-crr-long').count()).toBe(0);
    expect(await tab.page.locator('section[data-panel=kpis] [data-kpi=crr]').innerText()).toContain('benchmark 80 % good');
  });

  it('saves a self-contained report that opens offline with the same numbers', async () => {
    const customers = await tab.page.locator('section[data-panel=kpis] [data-kpi=customers] .value').innerText();
    const [download] = await Promise.all([tab.page.waitForEvent('download'), tab.page.getByRole('button', { name: 'Save report' }).click()]);
    const html = readFileSync(await download.path(), 'utf8');
    expect(html).not.toMatch(/<script/i);
    const offline = await browser.newContext({ offline: true });
    const requests: string[] = [];
    offline.on('request', (r) => requests.push(r.url()));
    const page = await offline.newPage();
    await page.setContent(html);
    expect(await page.locator('[data-kpi=customers] .value').innerText()).toBe(customers);
    expect(await page.locator('section#cohorts img').count()).toBeGreaterThan(0);
    expect(await page.locator('section#cohorts table tr').count()).toBeGreaterThan(100);
    expect(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
    await offline.close();
  });

  it('switches to Dutch labels and number formats', async () => {
    await tab.page.getByRole('combobox', { name: 'Language / Taal' }).selectOption('nl');
    await tab.page.getByRole('heading', { name: 'Cohortretentie', exact: true }).waitFor();
    for (const h of ['Voorspelde CLV', 'Datakwaliteit', 'Kerncijfers']) await tab.page.getByRole('heading', { name: h, exact: true }).waitFor();
    const customers = await tab.page.locator('section[data-panel=kpis] [data-kpi=customers] .value').innerText();
    expect(customers).toMatch(/^\d{1,3}(\.\d{3})+$/);
    const crr = await tab.page.locator('section[data-panel=kpis] [data-kpi=crr] .value').innerText();
    expect(crr).toMatch(/^\d+,\d%$/);
    await tab.page.getByRole('combobox', { name: 'Language / Taal' }).selectOption('en');
  });

  it('lets no request leave the origin', () => {
    expect(foreignRequests(tab.requests, new URL(server.url).origin)).toEqual([]);
    expect(tab.consoleErrors).toEqual([]);
  });
});
