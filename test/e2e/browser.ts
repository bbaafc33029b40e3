/** Debian's Chromium driven by playwright-core, with every request the page makes recorded. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Every URL requested by the page and its workers. */
  requests: string[];
  consoleErrors: string[];
}

export async function openTab(browser: Browser, url: string, options: { locale?: string; colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {}): Promise<Tab> {
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: options.locale ?? 'en-GB',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    timezoneId: 'Europe/Amsterdam',
  });
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(url);
  return { context, page, requests, consoleErrors };
}

/** URLs that are neither the page's origin nor in-page (blob:, data:). */
export function foreignRequests(requests: string[], origin: string): string[] {
  return requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
}
