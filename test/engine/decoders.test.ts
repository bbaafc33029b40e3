import { describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';
import { transferables } from '../../src/engine/decoders';
import { parseClvSummary } from '../../src/metrics/clv-summary';

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
});
