/** Page actions shared by the end-to-end tests: load files, wait for panels, read downloads. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';

export async function pickFiles(page: Page, paths: string[]): Promise<void> {
  await page.setInputFiles('input[type=file]', paths);
}

/** A real drag-and-drop: a DataTransfer with the file's bytes dropped on the drop zone. */
export async function dropFile(page: Page, path: string, target = '[aria-label="Drop CSV files here"]'): Promise<void> {
  const bytes = [...readFileSync(path)];
  const name = basename(path);
  const handle = await page.evaluateHandle(
    ({ bytes, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
      return dt;
    },
    { bytes, name },
  );
  await page.dispatchEvent(target, 'drop', { dataTransfer: handle });
}

/** Waits until the panel with this heading exists and has finished computing. */
export async function waitForPanel(page: Page, heading: string, timeout = 60_000): Promise<void> {
  const section = page.locator('section[aria-labelledby]', { has: page.getByRole('heading', { name: heading, exact: true }) });
  await section.waitFor({ timeout });
  await page.waitForFunction(
    (h) => {
      const s = [...document.querySelectorAll('section[aria-labelledby]')].find(
        (x) => document.getElementById(x.getAttribute('aria-labelledby') ?? '')?.textContent?.trim() === h,
      );
      return !!s && s.getAttribute('aria-busy') === 'false' && !!s.querySelector('canvas, table, .empty');
    },
    heading,
    { timeout },
  );
}

export async function downloadFrom(page: Page, panelHeading: string, button = 'Download CSV'): Promise<{ name: string; text: string }> {
  const section = page.locator('section[aria-labelledby]', { has: page.getByRole('heading', { name: panelHeading, exact: true }) });
  // Chromium now and then drops a download that follows another one closely: try once more.
  for (let attempt = 0; ; attempt++) {
    try {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), section.getByRole('button', { name: button }).click()]);
      const path = await download.path();
      return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
    } catch (e) {
      if (attempt >= 1) throw e;
    }
  }
}

export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.trim().split(/\r?\n/);
  const head = (lines.shift() ?? '').split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i] ?? String(i), v])));
}
