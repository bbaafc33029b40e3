import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { cellValueSql } from '../../src/engine/ingest/values';
import { lit } from '../../src/metrics/sql';

let c: Connector;
beforeAll(async () => {
  c = await createNodeConnector();
});
afterAll(async () => {
  await c.close();
});

// Every Unicode space separator DuckDB's trim removes, and characters it keeps.
const SPACES = [0x20, 0xa0, 0x1680, 0x2000, 0x2005, 0x200a, 0x202f, 0x205f, 0x3000].map((n) => String.fromCodePoint(n));
const KEPT = ['\t', '\n', '\r', '\u000b', '\u200b', '\ufeff', 'é', '€', '😀', 'a', ' '];

describe('cellValueSql', () => {
  it('equals nullif(trim(cell), \'\') for every cell', async () => {
    const cells: string[] = ['', 'a', 'K123', '12,50', 'a b'];
    for (const s of SPACES) for (const k of KEPT) cells.push(`${s}${k}`, `${k}${s}`, `${s}${k}${s}`, `${k}${s}${k}`, `${s}`, `${s}${s}`);
    for (const k of KEPT) cells.push(k, `${k}x${k}`);
    const values = cells.map((v, i) => `(${i}, ${lit(v)})`).join(', ');
    const rows = await c.query(`SELECT i, ${cellValueSql('v')} AS quick, nullif(trim(v), '') AS plain
      FROM (VALUES (-1, NULL::VARCHAR), ${values}) t(i, v)`);
    expect(rows.length).toBe(cells.length + 1);
    const differ = rows.filter((r) => r.quick !== r.plain).map((r) => ({ cell: cells[Number(r.i)], quick: r.quick, plain: r.plain }));
    expect(differ).toEqual([]);
  });

  it('trims only what trim trims', async () => {
    const [r] = await c.query(`SELECT ${cellValueSql(lit('\u00a0 K1 \u3000'))} AS a, ${cellValueSql(lit('\tK1\t'))} AS b, ${cellValueSql(lit('   '))} AS c, ${cellValueSql('NULL::VARCHAR')} AS d`);
    expect(r).toEqual({ a: 'K1', b: '\tK1\t', c: null, d: null });
  });
});
