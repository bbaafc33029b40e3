/**
 * A new version is offered, never forced: after a deploy the page says so, and only the user's
 * click activates it and reloads. The build is copied so that the test can "deploy" a changed
 * service worker next to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { serveDir, type StaticServer } from './server';
import { launch, openTab, type Tab } from './browser';

const root = resolve(__dirname, '../..');
let dir: string;
let server: StaticServer;
let browser: Browser;
let tab: Tab;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kohort-update-'));
  cpSync(resolve(root, 'dist'), dir, { recursive: true });
  server = await serveDir(dir, '/kohort/');
  browser = await launch();
  tab = await openTab(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const banner = 'A new version of Kohort is available';

/** The registration's state as the page sees it. */
function serviceWorkerState(): Promise<{ controlled: boolean; waiting: boolean; active: boolean }> {
  return tab.page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return { controlled: !!navigator.serviceWorker.controller, waiting: !!reg?.waiting, active: !!reg?.active };
  });
}

describe('updates', () => {
  it('installs on the first visit without offering anything', async () => {
    await tab.page.evaluate(() => navigator.serviceWorker.ready);
    await tab.page.reload();
    await tab.page.evaluate(() => navigator.serviceWorker.ready);
    expect(await serviceWorkerState()).toEqual({ controlled: true, waiting: false, active: true });
    expect(await tab.page.getByText(banner).count()).toBe(0);
  });

  it('offers a new version after a deploy, and activates it only on the click', async () => {
    appendFileSync(join(dir, 'sw.js'), '\n// next version\n');
    await tab.page.reload();
    await tab.page.getByText(banner).waitFor({ timeout: 30_000 });
    // Offered, not taken: the old version still controls the page.
    expect(await serviceWorkerState()).toEqual({ controlled: true, waiting: true, active: true });
    const reloaded = tab.page.waitForEvent('load', { timeout: 30_000 });
    await tab.page.getByRole('button', { name: 'Reload now' }).click();
    await reloaded;
    await tab.page.getByRole('button', { name: 'Try the sample data' }).waitFor();
    expect(await serviceWorkerState()).toEqual({ controlled: true, waiting: false, active: true });
    expect(await tab.page.getByText(banner).count()).toBe(0);
  });
});
