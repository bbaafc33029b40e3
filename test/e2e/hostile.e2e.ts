/**
 * Hostile and awkward files dropped into the running app. A good file is loaded first;
 * every file in the corpus then ends either in an analysis with the numbers in CASES
 * (its load summary, and its revenue read back from its table) or in an alert
 * (role="alert") that names the file and says what is wrong and what to do. After each
 * one the page still works and the good file's cohort CSV is unchanged.
 *
 * Also: a 2 GB file built in the page from a repeated Blob (never written to disk) is
 * refused at once; formula-injection values are neutralised in every CSV export; and
 * loading and clearing the sample ten times does not grow the JS heap or DuckDB's memory.
 *
 * The corpus: scripts/make-hostile.mjs (small files committed, large ones generated here).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serveDir, type StaticServer } from './server';
import { launch, openTab, type Tab } from './browser';
import { downloadFrom, dropFile, pickFiles, waitForPanel } from './app';
import { baseName, CASES, ensureGenerated, hostilePath as pathOf, refused } from '../helpers/hostile-cases';

const root = resolve(__dirname, '../..');
const GOOD = resolve(root, 'test/fixtures/e2e/webshop-nl.csv');

let server: StaticServer;
let browser: Browser;
let tab: Tab;
let page: Page;
let goodCohorts = '';


/** Waits until loading is over and the file either has a load summary or an alert. */
async function settle(name: string): Promise<'analysed' | 'refused'> {
  const handle = await page.waitForFunction(
    (n) => {
      if (document.querySelector('.status[role=status]')) return null;
      if ([...document.querySelectorAll('[role=alert]')].some((a) => a.getAttribute('data-file') === n)) return 'refused';
      if ([...document.querySelectorAll('[data-testid=summary] h2 .file')].some((h) => h.textContent === n)) return 'analysed';
      return null;
    },
    name,
    { timeout: 60_000, polling: 100 },
  );
  return (await handle.jsonValue()) as 'analysed' | 'refused';
}

async function revenueOf(name: string): Promise<number | null> {
  return page.evaluate(async (n) => {
    const k = (window as unknown as { kohort: { session: { dataset: { sources: { fileName: string; source: { table: string | null; shape: string } }[] } | null }; query(sql: string): Promise<Record<string, unknown>[]> } }).kohort;
    const s = k.session.dataset?.sources.find((x) => x.fileName === n)?.source;
    if (!s?.table) return null;
    const col = s.shape === 'subscriptions' ? 'mrr' : 'amount';
    const rows = await k.query(`SELECT sum(${col})::DOUBLE AS v FROM "${s.table}"`);
    const v = rows[0]?.v;
    return typeof v === 'number' ? Math.round(v * 100) / 100 : null;
  }, name);
}

async function removeAll(): Promise<void> {
  const remove = page.locator('[data-testid=summary] header').getByRole('button', { name: /^Remove / });
  while ((await remove.count()) > 0) {
    const before = await remove.count();
    await remove.first().click();
    await expect.poll(() => remove.count(), { timeout: 30_000 }).toBeLessThan(before);
  }
  await page.getByRole('button', { name: 'Try the sample data' }).waitFor();
}

/** A CSV parser that honours quotes (the exports quote cells holding commas and quotes). */
function csvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** Cells a spreadsheet would run as a formula: starting with = + - @ and not a plain number. */
function formulaCells(text: string): string[] {
  return csvCells(text)
    .flat()
    .filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(c));
}

beforeAll(async () => {
  ensureGenerated();
  server = await serveDir(resolve(root, 'dist'), '/kohort/');
  browser = await launch();
  tab = await openTab(browser, server.url + '?e2e');
  page = tab.page;
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && tab) {
    mkdirSync(resolve(root, 'test/e2e/out'), { recursive: true });
    await page.screenshot({ path: resolve(root, 'test/e2e/out', 'hostile-' + ctx.task.name.replace(/\W+/g, '-').slice(0, 80) + '.png'), fullPage: true });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('hostile files', () => {
  it('has at least 40 files in the corpus, each with an expected outcome', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    for (const [f] of CASES) expect(() => readFileSync(pathOf(f)), f).not.toThrow();
  });

  it('loads the good file first', async () => {
    await dropFile(page, GOOD);
    await waitForPanel(page, 'Cohort retention');
    goodCohorts = (await downloadFrom(page, 'Cohort retention')).text;
    expect(goodCohorts.split('\r\n').length).toBeGreaterThan(5);
  });

  it.each(CASES)('%s', async (file, expected) => {
    const name = baseName(file);
    const started = Date.now();
    await pickFiles(page, [pathOf(file)]);
    const outcome = await settle(name);
    if (refused(expected)) {
      expect(outcome, `${name} should be refused`).toBe('refused');
      const alert = page.locator('[role=alert]').filter({ hasText: name }).first();
      const text = await alert.innerText();
      // The title names the file; the message (capitalised) says what is wrong, the hint what to do.
      expect(text).toContain(`Could not analyse ${name}`);
      for (const fragment of expected.alert) expect(text.toLowerCase(), name).toContain(fragment.toLowerCase());
      await alert.getByRole('button', { name: 'Dismiss' }).click();
    } else {
      const alertText = outcome === 'refused' ? await page.locator('[role=alert]').filter({ hasText: name }).first().innerText() : '';
      expect(outcome, `${name} should be analysed: ${alertText}`).toBe('analysed');
      const summary = page.locator('[data-testid=summary]').filter({ has: page.locator('h2 .file', { hasText: name }) });
      const text = (await summary.innerText()).replace(/(\d),(\d{3})/g, '$1$2');
      expect(text).toMatch(new RegExp(`rows read\\s+${expected.rows}\\b`));
      expect(text).toMatch(new RegExp(`customers\\s+${expected.customers}\\b`));
      expect(text).toMatch(new RegExp(`rows not read\\s+${expected.notRead}\\b`));
      if (expected.refunds !== undefined) expect(text).toMatch(new RegExp(`refund or cancellation rows \\(revenue only\\)\\s+${expected.refunds}\\b`));
      if (expected.reason) expect(text).toContain(expected.reason);
      if (expected.revenue !== undefined) expect(await revenueOf(name)).toBe(expected.revenue);
      await page.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
      await page.waitForFunction(
        (n) => ![...document.querySelectorAll('[data-testid=summary] h2 .file')].some((h) => h.textContent === n),
        name,
      );
    }
    // The page still works and the good file's analysis is what it was.
    expect(await page.evaluate(() => document.querySelectorAll('[data-testid=summary]').length)).toBe(1);
    await waitForPanel(page, 'Cohort retention');
    expect((await downloadFrom(page, 'Cohort retention')).text, name).toBe(goodCohorts);
    console.log(`${name}: ${outcome} in ${Date.now() - started} ms`);
  });

  it('refuses a 2 GB file at once, built in the page and never written to disk, and keeps working', async () => {
    const started = Date.now();
    await page.evaluate(() => {
      const row = 'C1,2024-01-05,10.00\n';
      const chunk = new Blob(['customer_id,order_date,amount\n' + row.repeat(Math.floor((1 << 20) / row.length))]);
      const file = new File(Array<Blob>(2048).fill(chunk), 'huge-2gb.csv', { type: 'text/csv' });
      const dt = new DataTransfer();
      dt.items.add(file);
      document.querySelector('[aria-label="Drop CSV files here"]')?.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    expect(await settle('huge-2gb.csv')).toBe('refused');
    const alert = page.locator('[role=alert]').filter({ hasText: 'huge-2gb.csv' }).first();
    const text = await alert.innerText();
    expect(text).toContain('The file is 2.0 GB; Kohort reads files up to 1.0 GB');
    expect(text).toContain('shorter period');
    expect(Date.now() - started).toBeLessThan(10_000);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await waitForPanel(page, 'Cohort retention');
    expect((await downloadFrom(page, 'Cohort retention')).text).toBe(goodCohorts);
  });

  it('neutralises formula injection in every CSV export (cohorts, segments, a drill-down list)', async () => {
    await page.getByRole('button', { name: 'Remove webshop-nl.csv', exact: true }).click();
    await page.getByRole('button', { name: 'Try the sample data' }).waitFor();
    await pickFiles(page, [pathOf('formula-injection.csv')]);
    expect(await settle('formula-injection.csv')).toBe('analysed');
    await waitForPanel(page, 'Cohort retention');
    const exports: Record<string, string> = {};
    exports.cohorts = (await downloadFrom(page, 'Cohort retention')).text;
    await waitForPanel(page, 'Segment comparison');
    const segments = page.locator('section[data-panel="segments"]');
    const options = await segments.getByTestId('segments-column').locator('option').allInnerTexts();
    expect(options).toContain('channel');
    await segments.getByTestId('segments-column').selectOption({ label: 'channel' });
    await waitForPanel(page, 'Segment comparison');
    exports.segments = (await downloadFrom(page, 'Segment comparison')).text;
    // Every customer was active on one day of the 28 up to 5 March: the first Lness bar lists all five.
    await waitForPanel(page, 'Lness');
    const lness = page.locator('section[data-panel="lness"]');
    const canvas = lness.locator('canvas').first();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no Lness chart');
    const list = lness.getByTestId('customer-list');
    for (let x = 40; x < 300 && (await list.count()) === 0; x += 8) {
      await canvas.click({ position: { x, y: box.height - 70 } });
      await page.waitForTimeout(80);
    }
    await list.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=customer-list]')?.getAttribute('aria-busy') === 'false');
    const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'Download list (CSV)' }).click()]);
    exports.drilldown = readFileSync(await download.path(), 'utf8');

    // The values are in the exports, each made inert with a leading apostrophe.
    expect(exports.segments).toContain(`'=1+1`);
    expect(exports.segments).toContain(`'@SUM(A1)`);
    expect(exports.segments).toContain(`'-2+3`);
    expect(exports.drilldown).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(exports.drilldown).toContain(`'+cmd`);
    expect(exports.drilldown).toContain(`'@SUM(A1:A9)`);
    for (const [what, text] of Object.entries(exports)) expect(formulaCells(text), what).toEqual([]);
  });

  it('loading and clearing the sample ten times does not grow memory', async () => {
    await removeAll();
    const cdp = await page.context().newCDPSession(page);
    const measure = async (): Promise<{ heap: number; duck: number; tables: number }> => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const [duck] = await page.evaluate(() =>
        (window as unknown as { kohort: { query(sql: string): Promise<Record<string, unknown>[]> } }).kohort.query(
          'SELECT sum(memory_usage_bytes)::DOUBLE AS bytes, (SELECT count(*) FROM duckdb_tables())::DOUBLE AS tables FROM duckdb_memory()',
        ),
      );
      return { heap: usedSize, duck: Number(duck?.bytes ?? 0), tables: Number(duck?.tables ?? 0) };
    };
    const rounds: { heap: number; duck: number; tables: number }[] = [];
    for (let i = 0; i < 10; i++) {
      await page.getByRole('button', { name: 'Try the sample data' }).click();
      await page.waitForFunction(() => !document.querySelector('.status[role=status]') && document.querySelectorAll('[data-testid=summary]').length === 3, null, {
        timeout: 60_000,
      });
      await waitForPanel(page, 'Cohort retention');
      await waitForPanel(page, 'Segment comparison');
      await removeAll();
      await page.waitForFunction(() => !document.querySelector('.status[role=status]'));
      rounds.push(await measure());
    }
    console.log('after each clear (heap MB, DuckDB MB, tables):', rounds.map((r) => `${(r.heap / 1e6).toFixed(1)}/${(r.duck / 1e6).toFixed(1)}/${r.tables}`).join(' '));
    const [first, last] = [rounds[1], rounds[9]];
    if (!first || !last) throw new Error('no measurements');
    expect(last.tables).toBe(0);
    // Round 1 is the warm-up (code, caches); from round 2 to 10 nothing may accumulate.
    expect(last.heap - first.heap).toBeLessThan(1.5e6);
    expect(last.duck - first.duck).toBeLessThan(2e6);
    expect(tab.consoleErrors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
  });
});
