/**
 * The hostile-file corpus through loadFile in Node, on top of a good file: each file
 * ends in the outcome of CASES (shared with the end-to-end test), the good file's
 * tables stay as they were, and nothing of the hostile file is left in the engine
 * (no table, no registered file) once it is refused or removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { type Dataset, loadFile, removeSource } from '../../src/engine/dataset';
import { IngestError } from '../../src/engine/ingest/errors';
import { MAX_BYTES } from '../../src/engine/ingest/guard';
import { UNCLOSED_TAIL } from '../../src/engine/ingest/tail';
import { baseName, CASES, ensureGenerated, hostilePath, refused } from '../helpers/hostile-cases';
import { rowsOf } from '../helpers/ingest-load';

const GOOD = resolve(__dirname, '../fixtures/e2e/webshop-nl.csv');
const TZ = 'Europe/Amsterdam';
const noop = (): void => undefined;

let c: Connector;
let good: Dataset;
let goodTables: string;
let goodCust: string;
let seq = 0;

const tables = async (): Promise<string> =>
  (await rowsOf(c, 'SELECT table_name AS t FROM duckdb_tables() ORDER BY t')).map((r) => r.t).join(',');
const custDigest = async (): Promise<string> =>
  JSON.stringify(await rowsOf(c, 'SELECT customer_id, count(*) AS n, sum(amount) AS revenue FROM events GROUP BY ALL ORDER BY customer_id'));

beforeAll(async () => {
  ensureGenerated();
  c = await createNodeConnector();
  good = await loadFile(c, null, new File([readFileSync(GOOD)], 'webshop-nl.csv'), 'good', TZ, noop);
  goodTables = await tables();
  goodCust = await custDigest();
});

afterAll(async () => {
  await c?.close();
});

async function attempt(file: File): Promise<{ dataset: Dataset | null; error: unknown }> {
  try {
    return { dataset: await loadFile(c, good, file, `h${++seq}`, TZ, noop), error: null };
  } catch (error) {
    return { dataset: null, error };
  }
}

describe('hostile files through loadFile', () => {
  it.each(CASES)('%s', async (path, expected) => {
    const name = baseName(path);
    const { dataset, error } = await attempt(new File([readFileSync(hostilePath(path))], name));
    if (refused(expected)) {
      expect(error, name).toBeInstanceOf(IngestError);
      const e = error as IngestError;
      expect(e.fileName).toBe(name);
      expect(e.message.startsWith(`${name}: `)).toBe(true);
      for (const fragment of expected.alert) expect(e.message).toContain(fragment);
    } else {
      expect(error, String(error)).toBeNull();
      const loaded = dataset?.sources.find((s) => s.fileName === name);
      if (!dataset || !loaded) throw new Error(`${name} not loaded`);
      const r = loaded.report;
      expect([r.rowsRead, r.customers, r.rowsNotRead]).toEqual([expected.rows, expected.customers, expected.notRead]);
      expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsNotRead + r.rowsWithoutCustomer);
      if (expected.refunds !== undefined) expect(r.refundRows).toBe(expected.refunds);
      if (expected.reason) expect(r.notRead.map((g) => g.reason).join('|')).toContain(expected.reason);
      if (expected.revenue !== undefined) {
        const col = loaded.source.shape === 'subscriptions' ? 'mrr' : 'amount';
        const [row] = await rowsOf(c, `SELECT round(sum(${col}), 2)::DOUBLE AS v FROM "${loaded.source.table}"`);
        expect(row?.v).toBe(expected.revenue);
      }
      await removeSource(c, dataset, loaded.id);
    }
    // Nothing of the hostile file is left, and the good file's data is as it was.
    expect(await tables()).toBe(goodTables);
    expect(await custDigest()).toBe(goodCust);
  });

  it('reports the lines an unclosed quote swallowed, with their text', async () => {
    const { dataset } = await attempt(new File([readFileSync(hostilePath('unterminated-quote.csv'))], 'unterminated-quote.csv'));
    const s = dataset?.sources.at(-1);
    if (!dataset || !s) throw new Error('not loaded');
    const group = s.report.notRead.find((g) => g.reason === UNCLOSED_TAIL);
    expect(group?.examples).toEqual([
      { row: 3, text: 'C1,2024-02-03,5.00,never closed' },
      { row: 4, text: 'C3,2024-02-14,20.00,ok' },
    ]);
    await removeSource(c, dataset, s.id);
  });

  it('refuses a 2 GB file from its size alone, before reading it', async () => {
    const chunk = new Blob(['customer_id,order_date,amount\n' + 'C1,2024-01-05,10.00\n'.repeat(52428)]);
    const huge = new File(Array<Blob>(2048).fill(chunk), 'huge.csv');
    expect(huge.size).toBeGreaterThan(2 * MAX_BYTES - 1e8);
    const started = Date.now();
    const { error } = await attempt(huge);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).message).toMatch(/^huge\.csv: the file is 2\.0 GB; Kohort reads files up to 1\.0 GB in the browser\. Export a shorter period/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await tables()).toBe(goodTables);
  });

  it('removing the last source drops every table', async () => {
    let d: Dataset | null = good;
    for (const s of good.sources) d = d ? await removeSource(c, d, s.id) : null;
    expect(d).toBeNull();
    expect(await tables()).toBe('');
  });
});
