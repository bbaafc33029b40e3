import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { buildSource, dropSource, KEEP_RAW_ROWS, openSource, withOverrides } from '../../src/engine/ingest/load';

const file = new File(['klant;datum;bedrag\n' + Array.from({ length: 300 }, (_, i) => `K${i % 40};${(i % 28) + 1}-02-2024;${i},50`).join('\n') + '\n'], 'o.csv');

describe('where a per-source table and its raw text are kept', () => {
  let c: Connector;
  beforeAll(async () => {
    c = await createNodeConnector();
  });
  afterAll(async () => {
    await c.close();
  });

  const where = async (name: string) =>
    (await c.query(`SELECT database_name AS db, temporary AS temp FROM duckdb_tables() WHERE table_name = '${name}' ORDER BY 1`)).map((r) => `${r.db}${r.temp ? ' (temp)' : ''}`);

  it('keeps a small file\'s raw table for rebuilds; a large file\'s goes after the typed pass and is read again for a rebuild', async () => {
    const s = await openSource(c, file, 'cmp');
    const small = await buildSource(c, s, { timeZone: 'Europe/Amsterdam' });
    expect(await where('events_cmp')).toEqual(['temp (temp)']);
    expect(await where('raw_cmp')).toEqual(['temp (temp)']);
    const rows = (await c.query('SELECT count(*) AS n, sum(amount) AS a FROM events_cmp'))[0];

    // The same source as if it had more rows than the limit: the raw table is dropped once built.
    s.rawRows = KEEP_RAW_ROWS + 1;
    expect(await buildSource(c, s, { timeZone: 'Europe/Amsterdam' })).toEqual(small);
    expect(await where('raw_cmp')).toEqual([]);
    expect(await where('events_cmp')).toEqual(['temp (temp)']);
    expect((await c.query('SELECT count(*) AS n, sum(amount) AS a FROM events_cmp'))[0]).toEqual(rows);

    // A rebuild with other choices reads the file again, and gives what the raw table would have.
    const asMonthFirst = withOverrides(s, { format: { dayFirst: false, dateFormats: { c2: 'mm-dd-yyyy' } } });
    const rebuilt = await buildSource(c, asMonthFirst, { timeZone: 'Europe/Amsterdam' });
    expect(await where('raw_cmp')).toEqual([]);
    asMonthFirst.rawRows = 300;
    expect(await buildSource(c, asMonthFirst, { timeZone: 'Europe/Amsterdam' })).toEqual(rebuilt);
    expect(await where('raw_cmp')).toEqual(['temp (temp)']);
    // Month first, 13-02-2024 … 28-02-2024 are not dates: counted with their lines, as from the raw table.
    expect(rebuilt.rowsNotRead).toBeGreaterThan(0);
    expect(rebuilt.notRead[0]?.examples[0]?.text).toMatch(/^K\d+;\d\d-02-2024;\d+,50$/);
    await dropSource(c, asMonthFirst);
    expect(await where('events_cmp')).toEqual([]);
    expect(await where('raw_cmp')).toEqual([]);
  });

  it('keeps what the CSV reader set aside when it reads a large file again', async () => {
    const broken = new File(['klant;datum;bedrag\nK1;01-02-2024;1,50\nK2;02-02-2024;2,50;extra;fields\nK3;03-02-2024;3,50\n'], 'b.csv');
    const s = await openSource(c, broken, 'brk');
    s.rawRows = KEEP_RAW_ROWS + 1;
    const first = await buildSource(c, s, { timeZone: 'Europe/Amsterdam' });
    expect(first.rowsNotRead).toBe(1);
    expect(await buildSource(c, withOverrides(s, { roles: { c3: 'ignore' } }), { timeZone: 'Europe/Amsterdam' })).toMatchObject({ rowsNotRead: 1, notRead: first.notRead });
    await dropSource(c, s);
  });
});

describe('where the model tables are kept', () => {
  it('small datasets keep cday … cust uncompressed and TEMP; removing the last file leaves no copy anywhere', async () => {
    const { loadFile, removeSource } = await import('../../src/engine/dataset');
    const c = await createNodeConnector();
    const d = await loadFile(c, null, file, 'm1', 'Europe/Amsterdam', () => {});
    const kinds = await c.query("SELECT table_name AS t, database_name AS db FROM duckdb_tables() WHERE table_name IN ('cids', 'cday', 'corder', 'cust') ORDER BY 1");
    expect(kinds).toEqual(['cday', 'cids', 'corder', 'cust'].map((t) => ({ t, db: 'temp' })));
    expect((await c.query('SELECT count(*) AS n FROM cust'))[0]?.n).toBe(40);
    const views = "SELECT view_name AS v FROM duckdb_views() WHERE NOT internal ORDER BY 1";
    expect(await c.query(views)).toEqual([{ v: 'cgap' }, { v: 'events' }]);
    expect(await removeSource(c, d, d.sources[0]?.id ?? '')).toBeNull();
    expect(await c.query("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'")).toEqual([]);
    expect(await c.query(views)).toEqual([]);
    await c.close();
  });

  it('modelSql writes to the compressed database unless asked for TEMP tables', async () => {
    const { modelSql } = await import('../../src/metrics/model');
    const info = { hasRevenue: true, hasCost: false, hasOrderId: false, segments: [] };
    const tables = (sql: string[]) => sql.filter((s) => !s.startsWith('CREATE OR REPLACE VIEW'));
    expect(tables(modelSql(info)).every((s) => s.startsWith('CREATE OR REPLACE TABLE'))).toBe(true);
    expect(tables(modelSql(info, true)).every((s) => s.startsWith('CREATE OR REPLACE TEMP TABLE'))).toBe(true);
    expect(tables(modelSql(info))).toHaveLength(4);
  });
});
