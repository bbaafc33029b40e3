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

describe('corder without a mapped order id', () => {
  it('numbers each row as its own order, exactly as grouping by the row ids would', async () => {
    // Ties in time (rows 2 and 3; rows 10 and 11, whose ids sort as text: row:10 before row:11),
    // a refund, NULL amounts and costs.
    const c = await createNodeConnector();
    await c.exec(`CREATE TABLE events AS SELECT row_no, customer_id, CAST(ts AS TIMESTAMP) AS ts, CAST(CAST(ts AS TIMESTAMP) AS DATE) AS day,
      'row:' || row_no AS order_id, amount, cost, coalesce(amount < 0, false) AS is_refund
      FROM (VALUES (1, 'A', '2024-01-03 10:00', 10.0, 4.0), (2, 'A', '2024-01-05 09:00', 5.0, NULL), (3, 'A', '2024-01-05 09:00', NULL, NULL),
        (4, 'A', '2024-01-06 12:00', -5.0, NULL), (10, 'B', '2024-02-01 08:00', 7.0, 1.0), (11, 'B', '2024-02-01 08:00', 8.0, 2.0),
        (12, 'B', '2024-01-31 23:59', 1.5, NULL)) t(row_no, customer_id, ts, amount, cost)`);
    const corder = (hasOrderId: boolean) => modelSql({ ...info, hasOrderId }).find((s) => /TABLE corder AS/.test(s)) ?? '';
    expect(corder(false)).not.toContain('GROUP BY');
    expect(corder(true)).toContain('GROUP BY m.cid, e.order_id');
    const read = async () =>
      (await c.query(`SELECT m.customer, strftime(o.ts, '%m-%d %H:%M') AS ts, o.amount, o.cost, o.seq FROM corder o JOIN cids m USING (cid) ORDER BY m.customer, o.seq`))
        .map((r) => [r.customer, r.ts, r.amount, r.cost, r.seq]);
    for (const sql of modelSql({ ...info, hasOrderId: true })) await c.exec(sql);
    const grouped = await read();
    for (const sql of modelSql({ ...info, hasOrderId: false })) await c.exec(sql);
    const plain = await read();
    expect(plain).toEqual(grouped);
    // By hand: A's refund is not an order; B's orders at the same minute go in id order.
    expect(plain).toEqual([
      ['A', '01-03 10:00', 10, 4, 1],
      ['A', '01-05 09:00', 5, null, 2],
      ['A', '01-05 09:00', null, null, 3],
      ['B', '01-31 23:59', 1.5, null, 1],
      ['B', '02-01 08:00', 7, 1, 2],
      ['B', '02-01 08:00', 8, 2, 3],
    ]);
    await c.close();
  });
});
