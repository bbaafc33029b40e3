/** Remembers, and forgets on request: files and settings in the browser's own storage, datasets side by side. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { serveDir, type StaticServer } from './server';
import { launch, openTab, type Tab } from './browser';
import { downloadFrom, parseCsv, pickFiles, waitForPanel } from './app';

const root = resolve(__dirname, '../..');
let server: StaticServer;
let browser: Browser;
let tab: Tab;
let sampleCohorts = '';

async function cohortCsv(): Promise<string> {
  await waitForPanel(tab.page, 'Cohort retention', 120_000);
  return (await downloadFrom(tab.page, 'Cohort retention')).text;
}

/** Sums of money may differ in the 15th digit with the order rows are added in: compare at 1e-9. */
function same(a: string, b: string): void {
  const cell = (v: string) => (/^-?\d+(\.\d+)?(e-?\d+)?$/.test(v) ? Number(v).toPrecision(10) : v);
  const norm = (t: string) => t.split('\n').map((line) => line.split(',').map(cell).join(',')).join('\n');
  expect(norm(a)).toBe(norm(b));
}

beforeAll(async () => {
  server = await serveDir(resolve(root, 'dist'), '/kohort/');
  browser = await launch();
  tab = await openTab(browser, server.url + '?e2e');
  tab.page.on('dialog', (d) => void d.accept());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('storage', () => {
  it('says what it stores and how much space it takes', async () => {
    await tab.page.getByRole('button', { name: 'Try the sample data' }).click();
    sampleCohorts = await cohortCsv();
    await expect.poll(() => tab.page.getByTestId('stored').innerText()).toMatch(/^3 files, [\d.,]+ MB/);
  });

  it('restores files and settings when the page is opened again, also offline', async () => {
    await tab.page.getByTestId('grain').selectOption('week');
    await waitForPanel(tab.page, 'Cohort retention');
    await tab.page.getByTestId('grain').selectOption('month');
    await waitForPanel(tab.page, 'Cohort retention');
    await tab.page.evaluate(() => navigator.serviceWorker.ready);
    await tab.context.setOffline(true);
    await tab.page.goto(server.url + '?e2e');
    same(await cohortCsv(), sampleCohorts);
    expect(await tab.page.locator('[data-testid=summary]').count()).toBe(3);
    await tab.context.setOffline(false);
  });

  it('keeps datasets side by side and switches without reloading', async () => {
    await tab.page.getByRole('button', { name: '+ New dataset' }).click();
    await tab.page.getByRole('button', { name: 'Try the sample data' }).waitFor();
    await pickFiles(tab.page, [resolve(root, 'test/fixtures/e2e/webshop-nl.csv')]);
    expect(parseCsv(await cohortCsv())).toHaveLength(8);
    const navigations: string[] = [];
    tab.page.on('framenavigated', (f) => navigations.push(f.url()));
    await tab.page.getByRole('navigation', { name: 'Datasets' }).getByRole('button', { name: 'koffiebranderij-orders.csv + 2 more', exact: true }).click();
    await expect.poll(async () => (await tab.page.locator('[data-testid=summary]').count()), { timeout: 60_000 }).toBe(3);
    same(await cohortCsv(), sampleCohorts);
    await tab.page.getByRole('navigation', { name: 'Datasets' }).getByRole('button', { name: 'webshop-nl.csv', exact: true }).click();
    await expect.poll(async () => (await tab.page.locator('[data-testid=summary]').count()), { timeout: 60_000 }).toBe(1);
    expect(parseCsv(await cohortCsv())).toHaveLength(8);
    expect(navigations.filter((u) => !u.includes('?'))).toEqual([]);
    await expect.poll(() => tab.page.getByTestId('stored').innerText()).toMatch(/^4 files/);
  });

  it('forgets everything on request, and storage is empty afterwards', async () => {
    await tab.page.getByRole('button', { name: 'Forget all data' }).click();
    await tab.page.getByRole('button', { name: 'Try the sample data' }).waitFor();
    await tab.page.getByText(/Nothing is stored yet/).waitFor();
    const left = await tab.page.evaluate(async () => {
      const opfs = await navigator.storage.getDirectory();
      const names: string[] = [];
      for await (const [name] of opfs.entries()) names.push(name);
      const dbs = (await indexedDB.databases()).map((d) => d.name);
      const tables = await (window as unknown as { kohort: { query(sql: string): Promise<{ n: number }[]> } }).kohort.query(
        "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name NOT LIKE 'reject%'",
      );
      return { opfs: names, localStorage: localStorage.length, sessionStorage: sessionStorage.length, dbs, tables: tables[0]?.n };
    });
    expect(left).toEqual({ opfs: [], localStorage: 0, sessionStorage: 0, dbs: [], tables: 0 });
    await tab.page.goto(server.url + '?e2e');
    await tab.page.getByRole('button', { name: 'Try the sample data' }).waitFor();
    expect(await tab.page.locator('[data-testid=summary]').count()).toBe(0);
  });
});
