import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { createNodeConnector } from '../../src/engine/node';
import { buildSource, dropSource, needsFullDetection, openSource } from '../../src/engine/ingest/load';
import type { Source } from '../../src/engine/ingest/types';

/** 1,000 Dutch-format orders; `odd(i)` may replace row i's date text. */
function orders(odd: (i: number) => string | null = () => null): File {
  const lines = ['ordernummer;klantnummer;besteldatum;bedrag;kanaal'];
  for (let i = 0; i < 1000; i++) {
    const day = String((i % 12) + 1).padStart(2, '0');
    const date = odd(i) ?? `${day}-0${(i % 9) + 1}-2024`;
    lines.push(`${5000 + i};K${i % 97};${date};${(i % 50) + 1},${String(i % 100).padStart(2, '0')};${['web', 'winkel'][i % 2]}`);
  }
  return new File([lines.join('\n') + '\n'], 'orders.csv');
}

const summary = (s: Source) => ({
  shape: s.shape,
  roles: s.columns.map((c) => c.role),
  format: { ...s.format },
  ambiguous: s.ambiguousDate,
  rows: s.rawRows,
});

describe('detection on a sample of a large file', () => {
  let c: Connector;
  beforeAll(async () => {
    c = await createNodeConnector();
  });
  afterAll(async () => {
    await c.close();
  });

  it('chooses the same roles and formats as the whole column when the sample is representative', async () => {
    const file = orders((i) => (i % 12 === 0 ? `${13 + (i % 15)}-03-2024` : null));
    const sampled = await openSource(c, file, 'smp', {}, 100);
    expect(sampled.sampled).toBe(true);
    const sampledSummary = summary(sampled);
    await dropSource(c, sampled);
    const whole = await openSource(c, file, 'smp', {}, Infinity);
    expect(whole.sampled).toBe(false);
    expect(sampledSummary).toEqual(summary(whole));
    // Counts on the sample are scaled to the column: shares stay those of the whole column.
    const date = (s: Source) => s.columns.find((col) => col.role === 'date')?.stats;
    expect(date(whole)?.nonEmpty).toBe(1000);
    expect(date(sampled)?.nonEmpty).toBe(1000);
    expect(date(sampled)?.dateCounts['dd-mm-yyyy']).toBe(1000);
    await buildSource(c, whole, { timeZone: 'Europe/Amsterdam' });
    await dropSource(c, whole);
  });

  it('asks for the whole column when the sample could not settle day-first vs month-first', async () => {
    // Only row 7 (not in a 1-in-10 sample: rowid 7) says month-first: 03-13-2024.
    const file = orders((i) => (i === 7 ? '03-13-2024' : null));
    const sampled = await openSource(c, file, 'amb', {}, 100);
    expect(sampled.ambiguousDate).toBe(true);
    const report = await buildSource(c, sampled, { timeZone: 'Europe/Amsterdam' });
    expect(needsFullDetection(sampled, report)).toBe(true);
    await dropSource(c, sampled);
    const whole = await openSource(c, file, 'amb', {}, Infinity);
    const wholeReport = await buildSource(c, whole, { timeZone: 'Europe/Amsterdam' });
    expect(needsFullDetection(whole, wholeReport)).toBe(false);
    await dropSource(c, whole);
  });

  it('asks for the whole column when a value chosen on the sample cannot be read', async () => {
    // Amounts with a point decimal on rows outside the sample only.
    const file = new File(
      [
        ['ordernummer;klantnummer;besteldatum;bedrag', ...Array.from({ length: 1000 }, (_, i) => `${i};K${i % 50};15-03-2024;${i % 10 === 5 ? '1.234.567,5x' : '12,50'}`)].join('\n'),
      ],
      'bad.csv',
    );
    const sampled = await openSource(c, file, 'bad', {}, 100);
    const report = await buildSource(c, sampled, { timeZone: 'Europe/Amsterdam' });
    expect(report.notRead.some((g) => g.reason === 'amount not readable')).toBe(true);
    expect(needsFullDetection(sampled, report)).toBe(true);
    await dropSource(c, sampled);
  });

  it('a file below the sample size is read whole, as before', async () => {
    const s = await openSource(c, orders(), 'small', {}, 5000);
    expect(s.sampled).toBe(false);
    await dropSource(c, s);
  });
});
