import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { warmUp, warmUpCsv } from '../../src/engine/warm-up';

let c: Connector;
beforeAll(async () => {
  c = await createNodeConnector();
});
afterAll(async () => {
  await c.close();
});

const tables = async () => (await c.query("SELECT table_name AS t FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal")).map((r) => r.t);

describe('warm-up', () => {
  it('generates a Dutch export with refunds', () => {
    const lines = warmUpCsv(200).trimEnd().split('\n');
    expect(lines).toHaveLength(201);
    expect(lines[0]).toBe('ordernummer;klantnummer;besteldatum;bedrag;kanaal');
    expect(lines[1]).toMatch(/^1;K\d+;\d{2}-\d{2}-202\d;\d+,\d{2};(web|app|winkel)$/);
    expect(lines.filter((l) => /;-\d/.test(l))).toHaveLength(2);
  });

  it('runs the load and the queries, and leaves no table or view behind', async () => {
    await warmUp(c, 'Europe/Amsterdam');
    expect(await tables()).toEqual([]);
  });

  it('stops between queries when asked, and still cleans up', async () => {
    let asked = 0;
    await warmUp(c, 'Europe/Amsterdam', () => ++asked > 2);
    expect(asked).toBe(3);
    expect(await tables()).toEqual([]);
  });
});
