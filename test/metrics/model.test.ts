import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { modelSql } from '../../src/metrics/model';
import { crrSql } from '../../src/metrics/crr';
import { DEFAULT_OPTIONS, type DatasetInfo } from '../../src/metrics/types';

const info: DatasetInfo = { hasRevenue: true, hasCost: false, hasOrderId: false, segments: [] };

describe('model SQL as one script', () => {
  it('runs as one script with a panel query that names a window w, as the SQL shown for a panel does', async () => {
    // The "Show SQL" script: the model's statements and a panel's query, parsed together. CRR with
    // a window shorter than a month still sorts with a window named w.
    const events = `CREATE TABLE events AS SELECT row_no, customer_id, CAST(day AS TIMESTAMP) AS ts, CAST(day AS DATE) AS day,
      'row:' || row_no AS order_id, 10.0 AS amount, CAST(NULL AS DOUBLE) AS cost, false AS is_refund
      FROM (VALUES (1, 'a', '2024-01-03'), (2, 'a', '2024-02-10'), (3, 'b', '2024-01-20'), (4, 'b', '2024-03-05'), (5, 'a', '2024-04-02')) t(row_no, customer_id, day)`;
    const query = crrSql({ ...DEFAULT_OPTIONS, activityWindow: 7 }, info);
    expect(query).toContain('WINDOW w AS');
    const script = [events, ...modelSql(info), query].join(';\n');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const rows = (await conn.runAndReadAll(script)).getRowObjectsJson();
    expect(rows.length).toBeGreaterThan(0);
    conn.closeSync();
  });
});
