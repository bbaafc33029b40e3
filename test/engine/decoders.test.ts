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
    expect(transferables(decoded)).toHaveLength(4);
    await c.close();
  });
});
