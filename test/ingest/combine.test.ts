/** Combined tables over several sources: UNION ALL per shape, segment keys shared by label. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { combineSql } from '../../src/engine/ingest/combine';
import type { Source } from '../../src/engine/ingest/types';
import { createNodeConnector } from '../../src/engine/node';
import { fixtureFile, load, rowsOf } from '../helpers/ingest-load';

let c: Connector;
const sources: Source[] = [];
beforeAll(async () => {
  c = await createNodeConnector();
  for (const [file, id] of [
    ['dutch-orders.csv', 'a'],
    ['tab-mdy.tsv', 'b'],
    ['customers.csv', 'cu'],
    ['subscriptions.csv', 'su'],
    ['survey-nps.csv', 'sv'],
  ] as const) {
    sources.push((await load(c, fixtureFile(file), id)).source);
  }
});
afterAll(async () => {
  await c.close();
});

describe('combineSql', () => {
  it('builds every table with shared segment keys', async () => {
    const combined = combineSql(sources);
    for (const s of combined.statements) await c.exec(s);
    // kanaal (a), channel (b, customers) are different labels; country (customers), plan (subscriptions).
    expect(combined.info.segments).toEqual([
      { key: 's1', label: 'kanaal' },
      { key: 's2', label: 'channel' },
      { key: 's3', label: 'country' },
      { key: 's4', label: 'plan' },
    ]);
    expect(combined.attrSegments.map((s) => s.key)).toEqual(['s2', 's3']);
    expect(combined.tables).toEqual({ events: true, subscriptions: true, customerAttrs: true, survey: true });
    expect(combined.info).toMatchObject({ hasRevenue: true, hasCost: false, hasOrderId: true });
    // 5 Dutch rows + 4 tab rows; the order ids of the two files are kept apart.
    const ev = await rowsOf(c, 'SELECT order_id, s1, s2, s3 FROM events ORDER BY order_id');
    expect(ev).toHaveLength(9);
    expect(ev[0]).toEqual({ order_id: 'a:1001', s1: 'web', s2: null, s3: null });
    expect(ev.find((r) => r.order_id === 'b:row:1')).toEqual({ order_id: 'b:row:1', s1: null, s2: 'web', s3: null });
    expect(await rowsOf(c, "SELECT customer_id, s2, s3 FROM customer_attrs WHERE customer_id = '000124'")).toEqual([{ customer_id: '000124', s2: 'store', s3: 'BE' }]);
    expect(await rowsOf(c, 'SELECT count(*) AS n, count(end_day) AS ended, count(DISTINCT s4) AS plans FROM subscriptions')).toEqual([{ n: 4, ended: 2, plans: 2 }]);
    expect(await rowsOf(c, "SELECT count(*) AS n, min(scale) AS scale FROM survey")).toEqual([{ n: 4, scale: 'nps' }]);
  });

  it('the same label in two files is one key; a single activity file keeps its order ids', async () => {
    const dutch = sources.filter((s) => s.id === 'a');
    const again = (await load(c, fixtureFile('dutch-orders.csv'), 'a2')).source;
    const combined = combineSql([...dutch, again]);
    expect(combined.info.segments).toEqual([{ key: 's1', label: 'kanaal' }]);
    const one = combineSql(dutch);
    for (const s of one.statements) await c.exec(s);
    expect(await rowsOf(c, 'SELECT min(order_id) AS o FROM events')).toEqual([{ o: '1001' }]);
    // Without the other shapes their tables are dropped.
    expect(one.tables).toEqual({ events: true, subscriptions: false, customerAttrs: false, survey: false });
  });

  it('no activity source: an empty events table with the contract columns', async () => {
    const combined = combineSql(sources.filter((s) => s.shape === 'customers'));
    for (const s of combined.statements) await c.exec(s);
    expect(await c.query('SELECT * FROM events')).toHaveLength(0);
    expect((await c.query('DESCRIBE SELECT * FROM events')).map((r) => r.column_name)).toEqual(['row_no', 'customer_id', 'ts', 'day', 'order_id', 'amount', 'cost', 'is_refund', 's1', 's2']);
    expect(combined.tables.events).toBe(false);
  });
});
