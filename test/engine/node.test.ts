import { describe, expect, it } from 'vitest';
import { createNodeConnector } from '../../src/engine/node';

describe('node connector', () => {
  it('runs the same DuckDB as the browser, with extension autoloading off', async () => {
    const c = await createNodeConnector();
    const row = (await c.query("SELECT version() AS v, current_setting('autoload_known_extensions') AS a"))[0];
    expect(row?.v).toBe('v1.4.3');
    expect(row?.a).toBe(false);
    await c.registerFile('x.csv', new TextEncoder().encode('a,b\n1,2\n3,4\n'));
    const n = (await c.query("SELECT sum(a + b)::INT AS s FROM read_csv('x.csv')"))[0];
    expect(n?.s).toBe(10);
    await c.close();
  });
});
