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
});
