import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderDoc } from '../../scripts/vite-docs';

const root = resolve(__dirname, '../..');
const html = renderDoc(readFileSync(resolve(root, 'docs/metrics.md'), 'utf8'), 'Metrics');
const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);

describe('docs/metrics.md', () => {
  it('has unique section anchors', () => {
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('has the section every panel links to', () => {
    const dir = resolve(root, 'src/components');
    const anchors = readdirSync(dir)
      .filter((f) => f.endsWith('.svelte'))
      .flatMap((f) => [...readFileSync(resolve(dir, f), 'utf8').matchAll(/\bdoc="([^"]+)"/g)].map((m) => m[1]));
    expect(anchors.length).toBeGreaterThan(10);
    expect(anchors.filter((a) => !ids.includes(a))).toEqual([]);
  });

  it('resolves its own table-of-contents links', () => {
    const links = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links.filter((l) => !ids.includes(l))).toEqual([]);
  });

  it('lists every export file with its contract columns', () => {
    const md = readFileSync(resolve(root, 'docs/metrics.md'), 'utf8');
    for (const f of ['cohort-retention.csv', 'customer-retention-rate.csv', 'lifecycle.csv', 'lness.csv', 'stickiness.csv', 'time-between-purchases.csv', 'kpis.csv', 'segments.csv', 'predicted-clv.csv', 'spend-by-order-number.csv', 'survey-scores.csv']) {
      expect(md).toContain('`' + f + '`');
    }
  });
});
