/** After one visit the page loads and analyses files with the network switched off. */
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

beforeAll(async () => {
  server = await serveDir(resolve(root, 'dist'), '/clients/acme/kohort/');
  browser = await launch();
  tab = await openTab(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('offline', () => {
  it('installs a service worker that precaches the app, DuckDB and the sample data', async () => {
    const cached = await tab.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const names = await caches.keys();
      const urls: string[] = [];
      for (const n of names) for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    });
    expect(cached.some((u) => /duckdb-eh-.*\.wasm$/.test(u))).toBe(true);
    expect(cached.some((u) => /duckdb-engine\.worker-.*\.js$/.test(u))).toBe(true);
    expect(cached.some((u) => u.endsWith('sample/koffiebranderij-orders.csv'))).toBe(true);
    expect(cached.some((u) => u.endsWith('index.html'))).toBe(true);
    const manifest = await tab.page.evaluate(() => document.querySelector('link[rel=manifest]')?.getAttribute('href'));
    expect(manifest).toBeTruthy();
  });

  it('reloads and works with no network: sample data and a new file', async () => {
    await tab.context.setOffline(true);
    const before = server.requests.length;
    await tab.page.reload();
    await tab.page.getByRole('button', { name: 'Try the sample data' }).click();
    await waitForPanel(tab.page, 'Cohort retention', 120_000);
    await tab.page.getByRole('button', { name: /Remove koffiebranderij-orders\.csv/ }).click();
    await tab.page.getByRole('button', { name: /Remove koffiebranderij-klanten\.csv/ }).click();
    await tab.page.getByRole('button', { name: /Remove koffiebranderij-nps\.csv/ }).click();
    await tab.page.getByRole('button', { name: 'Try the sample data' }).waitFor();
    await pickFiles(tab.page, [resolve(root, 'test/fixtures/e2e/webshop-nl.csv')]);
    await waitForPanel(tab.page, 'Cohort retention');
    expect(parseCsv((await downloadFrom(tab.page, 'Cohort retention')).text)).toHaveLength(8);
    // Everything came from the service worker's cache. Only the browser's own update check of the
    // service worker script itself bypasses the emulated offline mode; offline for real it just fails.
    expect(server.requests.slice(before).filter((p) => !/\/(sw|workbox-[\w-]+)\.js$/.test(p))).toEqual([]);
    await tab.context.setOffline(false);
  });
});
