import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { loadFile, rebuildSource, sqlScript } from '../../src/engine/dataset';
import { KEEP_RAW_ROWS } from '../../src/engine/ingest/load';

const TZ = 'Europe/Amsterdam';
const text = 'klant;datum;bedrag;kanaal\n' + Array.from({ length: 200 }, (_, i) => `K${i % 30};${(i % 28) + 1}-0${(i % 9) + 1}-2024;${i},25;${i % 3 ? 'web' : 'winkel'}`).join('\n') + '\n';

describe('Show SQL', () => {
  let c: Connector;
  let dir: string;
  beforeAll(async () => {
    c = await createNodeConnector();
    dir = mkdtempSync(join(tmpdir(), 'kohort-sql-'));
    writeFileSync(join(dir, 'orders.csv'), text);
  });
  afterAll(async () => {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a script that native DuckDB runs on the original file, also after a large file was read again for a rebuild', async () => {
    let d = await loadFile(c, null, new File([text], 'orders.csv'), 'o1', TZ, () => {});
    const query = 'SELECT count(*) AS n, round(sum(revenue), 2) AS revenue, count(DISTINCT cid) AS customers FROM cday';
    const expected = await c.query(query);
    // As if the file had more rows than KEEP_RAW_ROWS: the first rebuild drops the raw table, the second reads the file again.
    const src = d.sources[0];
    if (!src) throw new Error('no source');
    src.source.rawRows = KEEP_RAW_ROWS + 1;
    d = await rebuildSource(c, d, 'o1', { roles: { c4: 'ignore' } }, TZ);
    d = await rebuildSource(c, d, 'o1', { roles: { c4: 'segment' } }, TZ);
    expect(d.sources[0]?.buildSql.some((s) => s.includes('read_csv('))).toBe(true);
    const script = sqlScript(d, query);
    expect(script).not.toContain('kohort_o1.csv');

    const db = await DuckDBInstance.create(':memory:', { threads: '1' });
    const conn = await db.connect();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      // As the DuckDB command-line tool would: every statement in order; the last one is the query.
      let rows: Record<string, unknown>[] = [];
      for (const stmt of script.split(/;\s*\n\n/).filter((x) => x.replace(/--.*$/gm, '').trim())) rows = (await conn.runAndReadAll(stmt)).getRowObjectsJson();
      expect(rows.map((r) => ({ n: Number(r.n), revenue: Number(r.revenue), customers: Number(r.customers) }))).toEqual(expected);
    } finally {
      process.chdir(cwd);
      conn.closeSync();
    }
  });
});
