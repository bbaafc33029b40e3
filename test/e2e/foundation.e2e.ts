/**
 * The first slice end to end: the built app served under a subpath, files dropped into
 * Chromium, the cohort numbers read back from the page's CSV download.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serveDir, type StaticServer } from './server';
import { foreignRequests, launch, openTab, type Tab } from './browser';
import { downloadFrom, dropFile, parseCsv, pickFiles, waitForPanel } from './app';
import { DuckDBInstance } from '@duckdb/node-api';

const root = resolve(__dirname, '../..');
const fixture = (name: string) => resolve(root, 'test/fixtures/e2e', name);
const CDNOW = resolve(root, '../shared/datasets/cdnow/CDNOW_master.txt');

let server: StaticServer;
let elsewhere: StaticServer;
let browser: Browser;
let tab: Tab;

beforeAll(async () => {
  server = await serveDir(resolve(root, 'dist'), '/clients/acme/kohort/');
  elsewhere = await serveDir(resolve(root, 'test/fixtures/e2e'), '/');
  browser = await launch();
  tab = await openTab(browser, server.url + '?e2e');
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && tab) {
    mkdirSync(resolve(root, 'test/e2e/out'), { recursive: true });
    await tab.page.screenshot({ path: resolve(root, 'test/e2e/out', ctx.task.name.replace(/\W+/g, '-') + '.png'), fullPage: true });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await elsewhere?.close();
});

describe('Kohort in Chromium, served from a subpath', () => {
  it('shows the start page with the sample button and a real file input', async () => {
    await tab.page.getByRole('button', { name: 'Try the sample data' }).waitFor();
    expect(await tab.page.locator('input[type=file][multiple]').count()).toBe(1);
  });

  it('warms DuckDB up while idle and leaves nothing of it behind', async () => {
    const left = await tab.page.evaluate(async () => {
      const k = (window as unknown as { kohort: { session: { warmUp(): Promise<void> }; query(sql: string): Promise<Record<string, unknown>[]> } }).kohort;
      await k.session.warmUp();
      return k.query('SELECT (SELECT count(*) FROM duckdb_tables())::INTEGER AS tables, (SELECT count(*) FROM duckdb_views() WHERE NOT internal)::INTEGER AS views');
    });
    expect(left).toEqual([{ tables: 0, views: 0 }]);
    expect(await tab.page.locator('[data-testid=summary]').count()).toBe(0);
  });

  it('reads a dropped Dutch export and shows the hand-worked cohort matrix', async () => {
    await dropFile(tab.page, fixture('webshop-nl.csv'));
    await waitForPanel(tab.page, 'Cohort retention');
    const summary = await tab.page.locator('[data-testid=summary]').innerText();
    expect(summary).toContain('webshop-nl.csv');
    // 10 data rows; 1 without klantnummer; 1 refund (-8,00); 4 customers K001–K004.
    expect(summary).toMatch(/rows read\s+10\b/);
    expect(summary).toMatch(/rows without customer id \(excluded\)\s+1\b/);
    expect(summary).toMatch(/refund or cancellation rows \(revenue only\)\s+1\b/);
    expect(summary).toMatch(/customers\s+4\b/);
    expect(summary).toMatch(/rows not read\s+0\b/);

    const { name, text } = await downloadFrom(tab.page, 'Cohort retention');
    expect(name).toBe('cohort-retention.csv');
    const rows = parseCsv(text).map((r) => [r.cohort, r.offset, r.cohort_size, r.active, r.retention, r.complete].join(' '));
    // Data end 2024-04-13 (K001's order; the 28-03 refund is not activity), so April is incomplete.
    // Jan cohort {K001, K002}: Feb K001, Mar K002 (K001 only refunded), Apr K001.
    // Feb cohort {K003}: Mar K003, Apr none. No March cohort. Apr cohort {K004}.
    expect(rows).toEqual([
      '2024-01-01 0 2 2 1 true',
      '2024-01-01 1 2 1 0.5 true',
      '2024-01-01 2 2 1 0.5 true',
      '2024-01-01 3 2 1 0.5 false',
      '2024-02-01 0 1 1 1 true',
      '2024-02-01 1 1 1 1 true',
      '2024-02-01 2 1 0 0 false',
      '2024-04-01 0 1 1 1 false',
    ]);
  });

  it('re-runs when the cohort period changes', async () => {
    await tab.page.getByTestId('grain').selectOption('quarter');
    await waitForPanel(tab.page, 'Cohort retention');
    const rows = parseCsv((await downloadFrom(tab.page, 'Cohort retention')).text);
    // Q1 cohort {K001, K002, K003}; Q2 (incomplete): K001 active again.
    expect(rows.map((r) => [r.cohort, r.offset, r.cohort_size, r.active, r.complete].join(' '))).toEqual([
      '2024-01-01 0 3 3 true',
      '2024-01-01 1 3 1 false',
      '2024-04-01 0 1 1 false',
    ]);
    await tab.page.getByTestId('grain').selectOption('month');
    await waitForPanel(tab.page, 'Cohort retention');
  });

  it('re-runs the analysis when a detected format is changed', async () => {
    await tab.page.getByText('Columns and formats').first().click();
    // Read besteldatum month-first: rows 2, 4, 7, 8 and 10 (17-01, 20-02, 15-03, 28-03, 13-04) no longer
    // parse; row 5 (21-02) is the guest row, counted as without customer before its date is looked at.
    await tab.page.getByLabel('Date format: besteldatum').selectOption('mm-dd-yyyy');
    const summary = tab.page.locator('[data-testid=summary]');
    await expect.poll(() => summary.innerText(), { timeout: 30_000 }).toMatch(/rows not read\s+5\b/);
    expect(await summary.innerText()).toContain('date not readable');
    await waitForPanel(tab.page, 'Cohort retention');
    await tab.page.getByLabel('Date format: besteldatum').selectOption('dd-mm-yyyy');
    await expect.poll(() => summary.innerText(), { timeout: 30_000 }).toMatch(/rows not read\s+0\b/);
    await waitForPanel(tab.page, 'Cohort retention');
    expect(parseCsv((await downloadFrom(tab.page, 'Cohort retention')).text)).toHaveLength(8);
  });

  it('shows SQL that gives the same numbers in native DuckDB, run next to the original file', async () => {
    const section = tab.page.locator('section[data-panel=cohorts]');
    await section.getByRole('button', { name: 'Show SQL' }).click();
    const script = await tab.page.getByTestId('sql-cohorts').innerText();
    await section.getByRole('button', { name: 'Close' }).click();
    expect(script).toContain("read_csv('webshop-nl.csv'");
    const panel = parseCsv((await downloadFrom(tab.page, 'Cohort retention')).text);
    const cwd = process.cwd();
    process.chdir(fixture('.'));
    try {
      const db = await DuckDBInstance.create(':memory:', { threads: '1' });
      const conn = await db.connect();
      const rows = (await conn.runAndReadAll(script)).getRowObjectsJson();
      expect(rows.map((r) => [r.cohort, r.offset, r.cohort_size, r.active, Number(r.retention), r.complete].join(' '))).toEqual(
        panel.map((r) => [r.cohort, r.offset, r.cohort_size, r.active, Number(r.retention), r.complete].join(' ')),
      );
      conn.closeSync();
    } finally {
      process.chdir(cwd);
    }
  });

  it('keeps the loaded data and names the file when a broken file is dropped', async () => {
    await pickFiles(tab.page, [fixture('photo.csv')]);
    const alert = tab.page.getByRole('alert').filter({ hasText: 'photo.csv' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/photo\.csv/);
    await pickFiles(tab.page, [fixture('no-dates.csv')]);
    const alert2 = tab.page.getByRole('alert').filter({ hasText: 'no-dates.csv' });
    await alert2.waitFor();
    expect((await alert2.innerText()).toLowerCase()).toContain('date');
    // The earlier analysis is still there and still right.
    await waitForPanel(tab.page, 'Cohort retention');
    const rows = parseCsv((await downloadFrom(tab.page, 'Cohort retention')).text);
    expect(rows).toHaveLength(8);
  });

  it('loads the whitespace-aligned CDNOW export and reproduces the published cohort', async () => {
    await tab.page.getByRole('button', { name: /Remove webshop-nl\.csv/ }).click();
    await tab.page.getByRole('button', { name: 'Try the sample data' }).waitFor();
    await pickFiles(tab.page, [CDNOW]);
    await waitForPanel(tab.page, 'Cohort retention');
    const rows = parseCsv((await downloadFrom(tab.page, 'Cohort retention')).text).filter((r) => r.cohort === '1997-01-01');
    expect(rows[0]?.cohort_size).toBe('7846');
    expect(rows.slice(1, 4).map((r) => Number(r.retention).toFixed(4))).toEqual(['0.1475', '0.1229', '0.1032']);
  });

  it('updates every panel when a file is added, as if both files had been loaded together', async () => {
    // Two exports of the same shape: the second adds customers whose purchases repeat the first's
    // pattern, so queries whose text does not change (same activity window, same segments) must
    // still run again on the grown tables, and no answer kept from the first file's tables may be
    // reused (both when the files are dropped one after the other and together).
    const rows = (first: number, customer: number) =>
      Array.from({ length: 200 }, (_, i) => `${first + i};${customer + (i % 50)};${String(1 + (i % 28)).padStart(2, '0')}-0${1 + (i % 9)}-2023;10,00;web`);
    const dir = mkdtempSync(resolve(tmpdir(), 'kohort-'));
    const head = 'ordernummer;klantnummer;besteldatum;bedrag;kanaal';
    const a = resolve(dir, 'orders-a.csv');
    const b = resolve(dir, 'orders-b.csv');
    writeFileSync(a, [head, ...rows(1000, 100)].join('\n'));
    writeFileSync(b, [head, ...rows(5000, 900)].join('\n'));
    const oneByOne = await openTab(browser, server.url + '?e2e');
    const together = await openTab(browser, server.url + '?e2e');
    try {
      await pickFiles(oneByOne.page, [a]);
      await waitForPanel(oneByOne.page, 'Segment comparison');
      await pickFiles(oneByOne.page, [b]);
      await pickFiles(together.page, [a, b]);
      const csvs = async (page: Page) => {
        await page.waitForFunction(
          () => document.querySelectorAll('[data-testid=summary]').length === 2 && !document.querySelector('.status, section[data-panel][aria-busy=true]'),
          null,
          { timeout: 60_000 },
        );
        expect(await page.locator('[data-kpi=customers] .value').innerText()).toBe('100');
        const out: Record<string, string> = {};
        for (const heading of await page.locator('section[data-panel] h2').allTextContents()) {
          const section = page.locator('section[aria-labelledby]', { has: page.getByRole('heading', { name: heading, exact: true }) });
          if ((await section.getByRole('button', { name: 'Download CSV' }).count()) === 0) continue;
          out[heading] = (await downloadFrom(page, heading)).text;
        }
        return out;
      };
      const expected = await csvs(together.page);
      expect(Object.keys(expected).length).toBeGreaterThan(8);
      expect(parseCsv(expected['Segment comparison'] ?? '').find((r) => r.segment === 'web')?.customers).toBe('100');
      expect(await csvs(oneByOne.page)).toEqual(expected);
    } finally {
      await oneByOne.page.context().close();
      await together.page.context().close();
    }
  });

  it('lets no request leave the page origin, and the DuckDB worker cannot reach another origin', async () => {
    const origin = new URL(server.url).origin;
    expect(foreignRequests(tab.requests, origin)).toEqual([]);
    const outcome = await tab.page.evaluate(
      (url) =>
        (window as unknown as { kohort: { query(sql: string): Promise<unknown> } }).kohort
          .query(`SELECT * FROM read_csv('${url}webshop-nl.csv')`)
          .then(
            () => 'fetched',
            (e: unknown) => String(e),
          ),
      elsewhere.url,
    );
    expect(outcome).not.toBe('fetched');
    expect(elsewhere.requests).toEqual([]);
    expect(tab.consoleErrors.filter((e) => !e.includes('XMLHttpRequest') && !e.includes('Content Security Policy'))).toEqual([]);
  });
});
