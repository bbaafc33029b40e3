/**
 * Memory while the page works: the page's JS heap (CDP Performance.getMetrics) and the
 * resident memory of Chromium's renderer processes (the page and its workers, so the
 * DuckDB wasm heap is in it), sampled every 100 ms; DuckDB's own buffer-manager count
 * through the page's engine.
 */
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { pageQuery } from './page';

export interface MemoryPeak {
  jsHeap: number;
  rendererRss: number;
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface ProcessInfo {
  type: string;
  id: number;
}

export class MemorySampler {
  #timer: NodeJS.Timeout | null = null;
  #peak: MemoryPeak = { jsHeap: 0, rendererRss: 0 };
  #busy = false;

  constructor(
    private readonly page: CDPSession,
    private readonly browser: CDPSession,
  ) {}

  static async create(browser: Browser, page: Page): Promise<MemorySampler> {
    const p = await page.context().newCDPSession(page);
    await p.send('Performance.enable');
    return new MemorySampler(p, await browser.newBrowserCDPSession());
  }

  async sample(): Promise<MemoryPeak> {
    const metrics = (await this.page.send('Performance.getMetrics')).metrics;
    const jsHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    const info = (await this.browser.send('SystemInfo.getProcessInfo')) as unknown as { processInfo: ProcessInfo[] };
    const rendererRss = info.processInfo.filter((p) => p.type === 'renderer').reduce((a, p) => a + rssOf(p.id), 0);
    this.#peak = { jsHeap: Math.max(this.#peak.jsHeap, jsHeap), rendererRss: Math.max(this.#peak.rendererRss, rendererRss) };
    return { jsHeap, rendererRss };
  }

  start(): void {
    this.#peak = { jsHeap: 0, rendererRss: 0 };
    this.#timer = setInterval(() => {
      if (this.#busy) return;
      this.#busy = true;
      this.sample()
        .catch(() => undefined)
        .finally(() => (this.#busy = false));
    }, 100);
  }

  async stop(): Promise<MemoryPeak> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.sample().catch(() => undefined);
    return this.#peak;
  }

  async detach(): Promise<void> {
    await this.page.detach().catch(() => undefined);
    await this.browser.detach().catch(() => undefined);
  }
}

/** Bytes DuckDB's buffer manager holds in the page (tables, indexes, temporary data). */
export async function duckdbMemory(page: Page): Promise<number> {
  const rows = await pageQuery(page, 'SELECT sum(memory_usage_bytes)::DOUBLE AS b FROM duckdb_memory()');
  const b = rows[0]?.b;
  return typeof b === 'number' ? b : 0;
}
