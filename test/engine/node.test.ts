import { describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';

describe('node connector', () => {
  it('runs the same DuckDB as the browser, with extension autoloading off', async () => {
    const c = await createNodeConnector();
    const row = (await c.query("SELECT version() AS v, current_setting('autoload_known_extensions') AS a"))[0];
    expect(row?.v).toBe('v1.4.3');
    expect(row?.a).toBe(false);
    await c.registerFile('x.csv', new TextEncoder().encode('a,b\n1,2\n3,4\n'));
    const n = (await c.query("SELECT sum(a + b)::INT AS s FROM read_csv('x.csv')"))[0];
    expect(n?.s).toBe(10);
    await c.close();
  });

  it('keeps tables in the compressed in-memory database: the same rows in a fraction of the memory', async () => {
    const c = await createNodeConnector();
    expect((await c.query('SELECT current_database() AS d'))[0]?.d).toBe('kohort');
    const used = async (): Promise<number> => Number((await c.query('SELECT sum(memory_usage_bytes)::DOUBLE AS b FROM duckdb_memory()'))[0]?.b);
    const sql = (t: string) => `CREATE ${t === 'plain' ? 'TEMP ' : ''}TABLE ${t} AS SELECT i % 1000 AS k, 'customer-' || (i % 5000) AS id, DATE '2024-01-01' + CAST(i % 365 AS INTEGER) AS day FROM range(2000000) r(i)`;
    const before = await used();
    await c.exec(sql('packed'));
    const packed = (await used()) - before;
    await c.exec(sql('plain'));
    const plain = (await used()) - before - packed;
    expect((await c.query('SELECT count(*) AS n FROM packed'))[0]?.n).toBe(2_000_000);
    expect(packed).toBeLessThan(plain / 3);
    await c.close();
  });
});
