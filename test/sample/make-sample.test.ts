import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const SAMPLE = join(ROOT, 'public/sample');
const FILES = ['koffiebranderij-orders.csv', 'koffiebranderij-klanten.csv', 'koffiebranderij-nps.csv'];

const read = (name: string) => readFileSync(join(SAMPLE, name), 'utf8');
const table = (name: string) => {
  const [header, ...lines] = read(name).split('\n').filter((l) => l !== '');
  return { header, rows: lines.map((l) => l.split(';')) };
};
/** dd-mm-yyyy → yyyy-mm-dd, or null when it is not a valid date of that shape. */
function isoOf(nl: string): string | null {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(nl);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const d = new Date(iso + 'T00:00:00Z');
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}
const inRange = (nl: string) => {
  const iso = isoOf(nl);
  return iso !== null && iso >= '2023-01-01' && iso <= '2024-12-31';
};
const euro = (s: string) => Number(s.replaceAll('.', '').replace(',', '.'));

describe('sample data generator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kohort-sample-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is deterministic: a fresh run writes the committed files byte for byte', () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/make-sample.mjs'), dir]);
    for (const f of FILES) expect(readFileSync(join(dir, f)).equals(readFileSync(join(SAMPLE, f))), f).toBe(true);
  });
});

describe('sample orders', () => {
  const { header, rows } = table('koffiebranderij-orders.csv');

  it('is a Dutch export of the expected shape and size', () => {
    expect(header).toBe('ordernummer;klantnummer;besteldatum;bedrag;kanaal;land;product');
    expect(rows.length).toBeGreaterThanOrEqual(25_000);
    expect(rows.length).toBeLessThanOrEqual(40_000);
    expect(statSync(join(SAMPLE, 'koffiebranderij-orders.csv')).size).toBeLessThan(3_000_000);
    const ok = (r: string[]) =>
      r.length === 7 &&
      inRange(r[2]!) &&
      /^-?\d{1,3}(\.\d{3})*,\d{2}$/.test(r[3]!) &&
      ['webshop', 'marketplace', 'abonnement', 'winkel', 'instagram'].includes(r[4]!) &&
      ['NL', 'BE', 'DE'].includes(r[5]!) &&
      ['bonen', 'gemalen', 'capsules', 'accessoires', 'cadeaubon'].includes(r[6]!);
    expect(rows.filter((r) => !ok(r)).slice(0, 5)).toEqual([]);
    // Amounts of 1.000 or more are rare but present.
    const big = rows.filter((r) => r[3]!.includes('.')).length;
    expect(big).toBeGreaterThan(0);
    expect(big / rows.length).toBeLessThan(0.01);
  });

  it('has guest orders, refunds and orders on several lines', () => {
    expect(rows.filter((r) => r[1] === '').length).toBeGreaterThan(100);
    const firstDay = new Map<string, string>();
    for (const r of rows) if (!r[0]!.startsWith('C') && !firstDay.has(r[0]!)) firstDay.set(r[0]!, isoOf(r[2]!)!);
    const refunds = rows.filter((r) => r[3]!.startsWith('-'));
    expect(refunds.length).toBeGreaterThan(100);
    const customerOf = new Map(rows.map((r) => [r[0]!, r[1]!]));
    // A credit note 'C' + order number refers to an earlier order of the same customer.
    const bad = refunds.filter((r) => {
      const orig = r[0]!.slice(1);
      return !r[0]!.startsWith('C') || !(firstDay.get(orig)! <= isoOf(r[2]!)!) || customerOf.get(orig) !== r[1];
    });
    expect(bad).toEqual([]);
    const lines = new Map<string, number>();
    for (const r of rows) lines.set(r[0]!, (lines.get(r[0]!) ?? 0) + 1);
    expect([...lines.values()].filter((n) => n === 2).length).toBeGreaterThan(100);
  });

  it('has between 30 and 60 % repeat customers, growth and a year-end peak', () => {
    const orders = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r[1] === '' || r[3]!.startsWith('-')) continue;
      if (!orders.has(r[1]!)) orders.set(r[1]!, new Set());
      orders.get(r[1]!)!.add(r[0]!);
    }
    const repeat = [...orders.values()].filter((o) => o.size >= 2).length / orders.size;
    expect(repeat).toBeGreaterThan(0.3);
    expect(repeat).toBeLessThan(0.6);

    const revenue = new Map<string, number>();
    for (const r of rows) {
      const month = isoOf(r[2]!)!.slice(0, 7);
      revenue.set(month, (revenue.get(month) ?? 0) + euro(r[3]!));
    }
    expect(revenue.size).toBe(24);
    const year = (y: string) => [...revenue].filter(([m]) => m.startsWith(y)).reduce((t, [, v]) => t + v, 0);
    expect(year('2024')).toBeGreaterThan(1.3 * year('2023'));
    expect(revenue.get('2024-12')!).toBeGreaterThan(1.3 * revenue.get('2024-09')!);
  });
});

describe('sample customers and survey', () => {
  const customers = table('koffiebranderij-klanten.csv');
  const survey = table('koffiebranderij-nps.csv');
  const ordered = new Set(table('koffiebranderij-orders.csv').rows.map((r) => r[1]));

  it('lists customers of the orders file once each, with their segment', () => {
    expect(customers.header).toBe('klantnummer;segment;postcode-regio;nieuwsbrief');
    const ids = customers.rows.map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => ordered.has(id))).toBe(true);
    expect(new Set(customers.rows.map((r) => r[1]))).toEqual(new Set(['particulier', 'zakelijk', 'horeca']));
    expect(customers.rows.every((r) => r.length === 4 && r[2] !== '' && (r[3] === 'ja' || r[3] === 'nee'))).toBe(true);
  });

  it('has NPS answers 0–10 in range, some anonymous, some with an exit reason', () => {
    expect(survey.header).toBe('klantnummer;datum;score;reden');
    expect(survey.rows.length).toBeGreaterThan(500);
    for (const r of survey.rows) {
      expect(r).toHaveLength(4);
      expect(inRange(r[1]!)).toBe(true);
      expect(r[2]).toMatch(/^(10|\d)$/);
      if (r[0] !== '') expect(ordered.has(r[0])).toBe(true);
    }
    expect(survey.rows.some((r) => r[0] === '')).toBe(true);
    const reasons = new Set(survey.rows.map((r) => r[3]!.trim().toLowerCase()).filter(Boolean));
    expect(reasons.size).toBeGreaterThanOrEqual(4);
    // Spelling variants that the reasons metric must merge.
    expect(new Set(survey.rows.map((r) => r[3]).filter((x) => x?.trim().toLowerCase() === 'te duur')).size).toBeGreaterThan(1);
  });
});
