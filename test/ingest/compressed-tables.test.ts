import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { UNCOMPRESSED_ROWS } from '../../src/engine/ingest/final';
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
