import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { UNCOMPRESSED_ROWS } from '../../src/engine/connector';
import { buildSource, dropSource, openSource } from '../../src/engine/ingest/load';

const file = new File(['klant;datum;bedrag\n' + Array.from({ length: 300 }, (_, i) => `K${i % 40};${(i % 28) + 1}-02-2024;${i},50`).join('\n') + '\n'], 'o.csv');

describe('where a per-source table is kept', () => {
  let c: Connector;
  beforeAll(async () => {
    c = await createNodeConnector();
  });
  afterAll(async () => {
    await c.close();
  });

  const where = async (name: string) =>
    (await c.query(`SELECT database_name AS db, temporary AS temp FROM duckdb_tables() WHERE table_name = '${name}' ORDER BY 1`)).map((r) => `${r.db}${r.temp ? ' (temp)' : ''}`);

  it('small files stay uncompressed TEMP tables, large ones go to the compressed database, and a rebuild never leaves the other copy behind', async () => {
    const s = await openSource(c, file, 'cmp');
    await buildSource(c, s, { timeZone: 'Europe/Amsterdam' });
    expect(await where('events_cmp')).toEqual(['temp (temp)']);
    const rows = (await c.query('SELECT count(*) AS n, sum(amount) AS a FROM events_cmp'))[0];

    // The same source as if it had more rows than the limit: rebuilt into the compressed database.
    s.rawRows = UNCOMPRESSED_ROWS + 1;
    await buildSource(c, s, { timeZone: 'Europe/Amsterdam' });
    expect(await where('events_cmp')).toEqual(['kohort']);
    expect((await c.query('SELECT count(*) AS n, sum(amount) AS a FROM events_cmp'))[0]).toEqual(rows);

    s.rawRows = 300;
    await buildSource(c, s, { timeZone: 'Europe/Amsterdam' });
    expect(await where('events_cmp')).toEqual(['temp (temp)']);
    await dropSource(c, s);
    expect(await where('events_cmp')).toEqual([]);
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
