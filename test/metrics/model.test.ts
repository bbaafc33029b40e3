import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { createNodeConnector } from '../../src/engine/node';
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

describe('cday neighbours', () => {
  it('gives each customer-day the first activity day and the activity days around it, skipping refund-only days', async () => {
    // A: buys Jan 3, refund only on Jan 10, buys Jan 20 and Feb 2. B: a refund on Jan 5 before
    // buying on Jan 8. C: refunds only (no activity, so no first day and no neighbours).
    const c = await createNodeConnector();
    await c.exec(`CREATE TABLE events AS SELECT row_no, customer_id, CAST(day AS TIMESTAMP) AS ts, CAST(day AS DATE) AS day,
      'row:' || row_no AS order_id, amount, CAST(NULL AS DOUBLE) AS cost, amount < 0 AS is_refund
      FROM (VALUES (1, 'A', '2024-01-03', 10.0), (2, 'A', '2024-01-10', -4.0), (3, 'A', '2024-01-20', 5.0), (4, 'A', '2024-02-02', 7.0),
        (5, 'B', '2024-01-05', -2.0), (6, 'B', '2024-01-08', 3.0), (7, 'C', '2024-01-09', -1.0)) t(row_no, customer_id, day, amount)`);
    for (const sql of modelSql(info)) await c.exec(sql);
    const rows = await c.query(`SELECT m.customer, strftime(d.day, '%m-%d') AS day, d.active, strftime(d.first_day, '%m-%d') AS first,
        strftime(d.prev_active, '%m-%d') AS prev, strftime(d.next_active, '%m-%d') AS next, d.active_seq AS seq
      FROM cday d JOIN cids m USING (cid) ORDER BY m.customer, d.day`);
    expect(rows.map((r) => [r.customer, r.day, r.active, r.first, r.prev, r.next, r.seq])).toEqual([
      ['A', '01-03', true, '01-03', null, '01-20', 1],
      ['A', '01-10', false, '01-03', '01-03', '01-20', 1],
      ['A', '01-20', true, '01-03', '01-03', '02-02', 2],
      ['A', '02-02', true, '01-03', '01-20', null, 3],
      ['B', '01-05', false, '01-08', null, '01-08', 0],
      ['B', '01-08', true, '01-08', null, null, 1],
      ['C', '01-09', false, null, null, null, 0],
    ]);
    // cgap: each activity day with the one before it; transition 0 is the first activity day.
    const gaps = await c.query(`SELECT m.customer, strftime(g.day, '%m-%d') AS day, strftime(g.prev, '%m-%d') AS prev, g.transition
      FROM cgap g JOIN cids m USING (cid) ORDER BY m.customer, g.day`);
    expect(gaps.map((r) => [r.customer, r.day, r.prev, r.transition])).toEqual([
      ['A', '01-03', null, 0],
      ['A', '01-20', '01-03', 1],
      ['A', '02-02', '01-20', 2],
      ['B', '01-08', null, 0],
    ]);
    // Orders are numbered per customer in time order; refunds are not orders.
    const orders = await c.query(`SELECT m.customer, o.seq FROM corder o JOIN cids m USING (cid) ORDER BY m.customer, o.ts`);
    expect(orders.map((r) => [r.customer, r.seq])).toEqual([['A', 1], ['A', 2], ['A', 3], ['B', 1]]);
    await c.close();
  });
});
