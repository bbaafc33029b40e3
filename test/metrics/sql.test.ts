import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';
import type { Connector } from '../../src/engine/connector';
import { greatestOf, leastOf } from '../../src/metrics/sql';

// leastOf/greatestOf stand in for DuckDB's least()/greatest() (which are slow in the wasm build):
// checked against the built-ins on every combination of values, NULLs included.
describe('leastOf and greatestOf', () => {
  let c: Connector;
  beforeAll(async () => {
    c = await createNodeConnector();
  });
  afterAll(() => c.close());

  const cases: [string, string[]][] = [
    ['INTEGER', ['NULL', '-3', '0', '7', '10']],
    ['DOUBLE', ['NULL', '-0.5', '2.25', '1e300']],
    ['DATE', ['NULL', "DATE '2023-01-31'", "DATE '2024-02-29'", "DATE '1999-12-31'"]],
  ];
  for (const [type, values] of cases) {
    it(`matches least() and greatest() for ${type}, with NULLs`, async () => {
      const v = `(VALUES ${values.map((x) => `(CAST(${x} AS ${type}))`).join(', ')})`;
      const rows = await c.query(`
        SELECT a.x AS a, b.x AS b, c.x AS c,
          least(a.x, b.x) AS l2, ${leastOf('a.x', 'b.x')} AS my_l2,
          greatest(a.x, b.x) AS g2, ${greatestOf('a.x', 'b.x')} AS my_g2,
          least(a.x, b.x, c.x) AS l3, ${leastOf('a.x', 'b.x', 'c.x')} AS my_l3,
          greatest(a.x, b.x, c.x) AS g3, ${greatestOf('a.x', 'b.x', 'c.x')} AS my_g3
        FROM ${v} a(x), ${v} b(x), ${v} c(x)`);
      expect(rows.length).toBe(values.length ** 3);
      for (const r of rows) {
        expect([r.my_l2, r.my_g2, r.my_l3, r.my_g3], JSON.stringify(r)).toEqual([r.l2, r.g2, r.l3, r.g3]);
      }
      // Not vacuous: NULLs are skipped, not propagated.
      expect(rows.some((r) => r.a === null && r.l2 !== null)).toBe(true);
    });
  }

  it('keeps a single argument as it is', () => {
    expect(leastOf('x')).toBe('x');
    expect(greatestOf('x')).toBe('x');
  });
});
