import { describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';

describe('toRows', () => {
  it('turns BIGINT, HUGEINT sums, DECIMAL, DATE and TIMESTAMP into plain values', async () => {
    const c = await createNodeConnector();
    // The connector converts with toRows.
    const rows = await c.query(`SELECT 5::BIGINT AS b, sum(x) AS h, 12.34::DECIMAL(10,2) AS d, -0.5::DECIMAL(4,1) AS neg,
        DATE '2024-02-29' AS day, TIMESTAMP '2024-03-31 02:30:00' AS ts, NULL::INTEGER AS nothing
        FROM (VALUES (1::BIGINT), (2::BIGINT)) t(x)`);
    expect(rows).toEqual([{ b: 5, h: 3, d: 12.34, neg: -0.5, day: '2024-02-29', ts: '2024-03-31 02:30:00', nothing: null }]);
    await c.close();
  });

  it('toColumns gives the same values as toRows, one array per column', async () => {
    const { toColumns, toRows } = await import('../../src/metrics/rows');
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof import('@duckdb/duckdb-wasm/blocking');
    const dist = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm').replace(/duckdb-eh\.wasm$/, '');
    const bundles = { mvp: { mainModule: dist + 'duckdb-mvp.wasm', mainWorker: '' }, eh: { mainModule: dist + 'duckdb-eh.wasm', mainWorker: '' } };
    const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
    await db.instantiate();
    db.open({});
    const t = db.connect().query(`SELECT i, 'k' || i AS s, i * 0.5 AS d, CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS maybe,
      DATE '2024-01-01' + CAST(i AS INTEGER) AS day, sum(i) OVER () AS total FROM range(5000) r(i)`);
    const rows = toRows(t);
    const cols = toColumns(t);
    expect(Object.keys(cols)).toEqual(['i', 's', 'd', 'maybe', 'day', 'total']);
    for (const [name, values] of Object.entries(cols)) expect(values).toEqual(rows.map((r) => r[name]));
    expect(cols.maybe?.[3]).toBeNull();
    expect(cols.day?.[31]).toBe('2024-02-01');
  });
});
