/**
 * Synthetic order exports in the Dutch format, from a fixed seed:
 *   ordernummer;klantnummer;besteldatum;bedrag;kanaal
 *   1000001;104217;05-03-2022;34,95;web
 * About 37 bytes a row. Customers arrive over three years, buy a geometric number of
 * times with exponential gaps (drop-out chance and buying rate vary between customers,
 * as the BG/NBD model assumes), and a pool of active customers is interleaved so the
 * rows are not grouped by customer (as a real export sorted by order number is not).
 * Written in batches with back-pressure: memory stays flat whatever the row count.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const SIZES: Record<string, number> = { '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 };
const SEED = 20240501;
const FORMAT_VERSION = 2;
const POOL = 4096;
const START = Date.UTC(2022, 0, 1) / 86_400_000;
const DAYS = 3 * 365;
const CHANNELS = ['web', 'web', 'web', 'app', 'app', 'winkel', 'telefoon'];

/** mulberry32: small, fast, and the same sequence on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Customer {
  id: number;
  day: number;
  left: number;
  /** Mean days between orders. */
  gap: number;
  channel: string;
  basket: number;
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

function dutchDate(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${pad2(d.getUTCDate())}-${pad2(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}`;
}

function dutchAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)},${pad2(a % 100)}`;
}

export interface Generated {
  path: string;
  rows: number;
  bytes: number;
  skipped: boolean;
}

/** Writes `rows` rows to `path` unless a file from the same seed and row count is there already. */
export async function generate(path: string, rows: number): Promise<Generated> {
  const meta = `${path}.json`;
  const want = { version: FORMAT_VERSION, seed: SEED, rows };
  if (existsSync(path) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as typeof want & { bytes: number };
    if (m.version === want.version && m.seed === want.seed && m.rows === rows && statSync(path).size === m.bytes) {
      return { path, rows, bytes: m.bytes, skipped: true };
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const rand = rng(SEED ^ rows);
  let nextCustomer = 100_000;
  // BG/NBD-like customers: a drop-out chance after each order ~ Beta(1, 3) (mean ¼) and a
  // mean gap between orders ~ 45 days × Gamma(2, ½), both varying between customers.
  const fresh = (): Customer => {
    const dropout = Math.min(0.999, Math.max(0.001, 1 - (1 - rand()) ** (1 / 3)));
    return {
      id: nextCustomer++ + Math.floor(rand() * 7),
      day: START + Math.floor(rand() * DAYS),
      left: 1 + Math.floor(Math.log(1 - rand()) / Math.log(1 - dropout)),
      gap: (45 * (-Math.log(1 - rand()) - Math.log(1 - rand()))) / 2,
      channel: CHANNELS[Math.floor(rand() * CHANNELS.length)] ?? 'web',
      basket: 1500 + Math.floor(rand() * 6000),
    };
  };
  const pool: Customer[] = Array.from({ length: POOL }, fresh);
  let bytes = 0;
  let batch = 'ordernummer;klantnummer;besteldatum;bedrag;kanaal\n';
  for (let i = 0; i < rows; i++) {
    const k = Math.floor(rand() * POOL);
    let c = pool[k] ?? fresh();
    if (c.left <= 0 || c.day >= START + DAYS) {
      c = fresh();
      pool[k] = c;
    }
    const refund = rand() < 0.01;
    const cents = Math.max(95, Math.round(c.basket * (0.5 + rand())));
    batch += `${1_000_000 + i};${c.id};${dutchDate(c.day)};${dutchAmount(refund ? -cents : cents)};${c.channel}\n`;
    c.left--;
    c.day += 1 + Math.floor(-Math.log(1 - rand()) * c.gap);
    if (batch.length > 1 << 16) {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await new Promise<void>((r) => out.once('drain', () => r()));
      batch = '';
    }
  }
  bytes += Buffer.byteLength(batch);
  out.write(batch);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  writeFileSync(meta, JSON.stringify({ ...want, bytes }));
  return { path, rows, bytes, skipped: false };
}
