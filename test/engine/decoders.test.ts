import { describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';
import { transferables } from '../../src/engine/decoders';
import { parseClvSummary } from '../../src/metrics/clv-summary';
import { idAt } from '../../src/metrics/id-list';

describe('queryDecoded', () => {
  it('gives what the metric parser gives for the same rows, with its typed arrays to transfer', async () => {
    const c = await createNodeConnector();
    const sql = `SELECT * FROM (VALUES ('b', 2.0, 1.5, 3.0, 12.5, '2024-03-01'), ('a', 0.0, 0.0, 1.0, NULL, '2024-03-01'))
      t(customer_id, frequency, recency, T, monetary, cal_end)`;
    const decoded = await c.queryDecoded(sql, 'clvSummaryWeek');
    expect(decoded).toEqual(parseClvSummary(await c.query(sql), 'week'));
    expect(decoded.monetary[1]).toBeNaN();
    // frequency, recency, T, monetary and the customer ids' end offsets.
    expect(transferables(decoded)).toHaveLength(5);
    expect(transferables({ a: new Float64Array(2), b: { c: new Uint32Array(1), d: { e: new Uint8Array(1) } }, f: [new Int8Array(1)] })).toHaveLength(2);
    await c.close();
  });

  it('reads DOUBLE columns of several record batches as typed arrays, nulls in monetary as NaN', async () => {
    const c = await createNodeConnector();
    const sql = `SELECT 'c' || i AS customer_id, CAST(i % 7 AS DOUBLE) AS frequency, i / 3.0::DOUBLE AS recency,
        CAST(i AS DOUBLE) + 0.5 AS T, CASE WHEN i % 4 = 0 THEN NULL ELSE i * 1.25 END::DOUBLE AS monetary, '2024-03-01' AS cal_end
      FROM range(5000) t(i) ORDER BY i`;
    const decoded = await c.queryDecoded(sql, 'clvSummaryDay');
    expect(decoded).toEqual(parseClvSummary(await c.query(sql), 'day'));
    expect(decoded.frequency).toBeInstanceOf(Float64Array);
    expect(decoded.monetary[4]).toBeNaN();
    expect(decoded.monetary[4999]).toBe(4999 * 1.25);
    // Each array owns its buffer: moving one to the page leaves the others intact.
    expect(new Set(transferables(decoded)).size).toBe(5);
    await c.close();
  });

  it('keeps ids with non-ASCII letters whole (the ends are UTF-16 offsets, not bytes)', async () => {
    const c = await createNodeConnector();
    const sql = `SELECT CASE WHEN i % 3 = 0 THEN 'Zoë-' || i ELSE 'k' || i END AS customer_id, 1.0::DOUBLE AS frequency, 2.0::DOUBLE AS recency,
        3.0::DOUBLE AS T, NULL::DOUBLE AS monetary, '2024-03-01' AS cal_end FROM range(3000) t(i) ORDER BY i`;
    const decoded = await c.queryDecoded(sql, 'clvSummaryWeek');
    expect(decoded).toEqual(parseClvSummary(await c.query(sql), 'week'));
    expect(idAt(decoded.customerIds, 2997)).toBe('Zoë-2997');
    expect(idAt(decoded.customerIds, 2998)).toBe('k2998');
    await c.close();
  });

  it('refuses a null where a number is required', async () => {
    const c = await createNodeConnector();
    const sql = `SELECT 'a' AS customer_id, NULL::DOUBLE AS frequency, 1.0::DOUBLE AS recency, 1.0::DOUBLE AS T, NULL::DOUBLE AS monetary, '2024-03-01' AS cal_end`;
    await expect(c.queryDecoded(sql, 'clvSummaryWeek')).rejects.toThrow(/frequency/);
    await c.close();
  });
});
