/** Test helpers for the ingest layer: load a fixture or a dataset file through openSource/buildSource. */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Connector } from '../../src/engine/connector';
import { buildSource, openSource } from '../../src/engine/ingest/load';
import type { LoadReport, Overrides, Source } from '../../src/engine/ingest/types';
import type { Row } from '../../src/metrics/rows';

export const FIXTURES = resolve(__dirname, '../fixtures/ingest');
export const DATASETS = resolve(__dirname, '../../../shared/datasets');

export function fixtureFile(name: string): File {
  return new File([readFileSync(resolve(FIXTURES, name))], name);
}

export function diskFile(path: string): File {
  return new File([readFileSync(path)], basename(path));
}

export async function load(
  c: Connector,
  file: File,
  id: string,
  overrides: Overrides = {},
  timeZone = 'Europe/Amsterdam',
): Promise<{ source: Source; report: LoadReport }> {
  const source = await openSource(c, file, id, overrides);
  const report = await buildSource(c, source, { timeZone });
  return { source, report };
}

export async function rowsOf(c: Connector, sql: string): Promise<Row[]> {
  return (await c.query(sql));
}

/** Column key → role, for compact assertions. */
export function rolesByName(s: Source): Record<string, string> {
  return Object.fromEntries(s.columns.map((c) => [c.name, c.role]));
}
