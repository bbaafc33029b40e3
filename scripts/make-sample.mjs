#!/usr/bin/env node
/**
 * Writes the product's sample data: two years of a small Dutch coffee roaster's web shop
 * ("Koffiebranderij"), exported the way Dutch tools export: `;` delimiter, decimal comma,
 * thousands dot, dd-mm-yyyy dates.
 *
 *   koffiebranderij-orders.csv   ordernummer;klantnummer;besteldatum;bedrag;kanaal;land;product
 *   koffiebranderij-klanten.csv  klantnummer;segment;postcode-regio;nieuwsbrief
 *   koffiebranderij-nps.csv      klantnummer;datum;score;reden
 *
 * The data is invented and fully determined by SEED: running the script twice writes
 * byte-identical files. Usage: node scripts/make-sample.mjs [output dir] (default public/sample).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 20230101;
const FIRST_DAY = Date.UTC(2023, 0, 1) / 86_400_000;
const LAST_DAY = Date.UTC(2024, 11, 31) / 86_400_000;

// ---------- randomness ----------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const chance = (p) => rnd() < p;
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
/** Picks from [[value, weight], …]. */
function pick(options) {
  const total = options.reduce((t, [, w]) => t + w, 0);
  let r = rnd() * total;
  for (const [v, w] of options) {
    r -= w;
    if (r < 0) return v;
  }
  return options[options.length - 1][0];
}
function poisson(mean) {
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rnd();
  } while (p > l);
  return k - 1;
}

// ---------- formatting (no locale APIs, so output never depends on the machine) ----------

function dateNl(day) {
  const d = new Date(day * 86_400_000);
  const pad = (x) => String(x).padStart(2, '0');
  return `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}`;
}
/** Cents → Dutch amount: 123456 → "1.234,56", -895 → "-8,95". */
function euro(cents) {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')}`;
}
const monthOf = (day) => new Date(day * 86_400_000).getUTCMonth() + 1;

// ---------- the shop ----------

const PRICES = {
  bonen: [[895, 5], [1650, 3], [2995, 2]],
  gemalen: [[845, 5], [1595, 3]],
  capsules: [[449, 3], [1295, 4], [3995, 1]],
  accessoires: [[495, 4], [2495, 3], [3495, 2], [5900, 2], [12900, 1], [24900, 0.4]],
  cadeaubon: [[1500, 2], [2500, 3], [5000, 2], [10000, 1]],
};
const CHANNEL_MIX = [['webshop', 45], ['marketplace', 22], ['abonnement', 10], ['winkel', 13], ['instagram', 10]];
/** Loyalty by acquisition channel: [one-off, occasional, loyal]; abonnement customers subscribe. */
const LOYALTY = {
  webshop: [55, 33, 12],
  marketplace: [80, 17, 3],
  instagram: [70, 25, 5],
  winkel: [50, 38, 12],
};
const NL_REGIONS = ['Noord-Holland', 'Zuid-Holland', 'Utrecht', 'Noord-Brabant', 'Gelderland', 'Overijssel', 'Limburg', 'Groningen', 'Friesland', 'Drenthe', 'Flevoland', 'Zeeland'];
const BE_REGIONS = ['Antwerpen', 'Oost-Vlaanderen', 'West-Vlaanderen', 'Vlaams-Brabant', 'Brussel', 'Limburg (BE)'];
const DE_REGIONS = ['Nordrhein-Westfalen', 'Niedersachsen', 'Berlin', 'Bayern'];

function productFor(channel, day) {
  const gifts = monthOf(day) >= 11 ? 9 : 1;
  if (channel === 'abonnement') return pick([['bonen', 70], ['gemalen', 25], ['capsules', 5]]);
  if (channel === 'marketplace') return pick([['capsules', 40], ['bonen', 28], ['gemalen', 20], ['accessoires', 10], ['cadeaubon', gifts / 2]]);
  if (channel === 'instagram') return pick([['bonen', 40], ['accessoires', 30], ['gemalen', 15], ['cadeaubon', gifts]]);
  if (channel === 'winkel') return pick([['bonen', 50], ['gemalen', 20], ['accessoires', 20], ['cadeaubon', gifts]]);
  return pick([['bonen', 45], ['gemalen', 20], ['capsules', 18], ['accessoires', 12], ['cadeaubon', gifts]]);
}

/** Line amount in cents; business customers order in bulk, and a rare espresso machine costs over € 1.000. */
function lineAmount(product, segment) {
  if (product === 'accessoires' && chance(0.01)) return pick([[114900, 2], [149500, 1], [189900, 0.5]]);
  const qty = segment === 'particulier' || product === 'cadeaubon' ? pick([[1, 70], [2, 22], [3, 8]]) : int(2, 24);
  return pick(PRICES[product]) * qty;
}

function shipping(channel, country, cents) {
  if (channel === 'winkel' || channel === 'marketplace' || cents >= 3500) return 0;
  return country === 'NL' ? 495 : country === 'BE' ? 695 : 895;
}

/** New customers per day: growing over the two years, peaking in November–December, quieter in summer. */
function acquisitionRate(day) {
  const growth = 11 + (12 * (day - FIRST_DAY)) / (LAST_DAY - FIRST_DAY);
  const m = monthOf(day);
  const season = m === 12 ? 1.9 : m === 11 ? 1.6 : m === 7 || m === 8 ? 0.8 : m === 1 ? 0.9 : 1;
  const weekday = new Date(day * 86_400_000).getUTCDay();
  return growth * season * (weekday === 0 ? 0.8 : weekday === 1 ? 1.15 : 1);
}

/** Days of a customer's orders after the first, by type; customers stop at random (churn) or at data end. */
function laterOrderDays(type, first) {
  const days = [];
  let day = first;
  const plan = {
    'one-off': null,
    occasional: { gap: () => int(25, 150), stay: 0.55 },
    loyal: { gap: () => int(18, 50), stay: 0.9 },
    subscriber: { gap: () => int(27, 33), stay: 0.91 },
  }[type];
  if (!plan) return days;
  do {
    day += plan.gap();
    // A gift order in the season pulls an occasional customer's next order forward.
    if (type === 'occasional' && monthOf(day) === 10 && chance(0.3)) day += int(20, 45);
    if (day > LAST_DAY) break;
    days.push(day);
  } while (chance(plan.stay));
  return days;
}

// ---------- simulation ----------

const customers = [];
const orders = []; // { day, customer, channel, country, lines: [{ product, cents }] }

for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
  const arrivals = poisson(acquisitionRate(day));
  for (let i = 0; i < arrivals; i++) {
    const channel = pick(CHANNEL_MIX);
    const segment = pick([['particulier', 88], ['zakelijk', 8], ['horeca', 4]]);
    const country = channel === 'winkel' ? 'NL' : pick([['NL', 78], ['BE', 16], ['DE', 6]]);
    let type = channel === 'abonnement' ? 'subscriber' : pick([['one-off', LOYALTY[channel][0]], ['occasional', LOYALTY[channel][1]], ['loyal', LOYALTY[channel][2]]]);
    if (segment !== 'particulier' && type === 'one-off' && chance(0.5)) type = 'loyal';
    const guest = type === 'one-off' && channel !== 'winkel' && chance(0.12);
    const customer = guest ? null : { no: customers.length + 1, segment, country, type, channel, orders: [] };
    if (customer) customers.push(customer);
    for (const d of [day, ...laterOrderDays(type, day)]) {
      // Subscribers order through the subscription; now and then they add a webshop order.
      const ch = type === 'subscriber' ? (d === day || !chance(0.1) ? 'abonnement' : 'webshop') : d === day || chance(0.75) ? channel : 'webshop';
      const order = { day: d, customer, channel: ch, country, lines: [] };
      const product = productFor(ch, d);
      order.lines.push({ product, cents: lineAmount(product, segment) });
      if (chance(0.05)) {
        const second = productFor(ch, d) === product ? (product === 'accessoires' ? 'bonen' : 'accessoires') : productFor(ch, d);
        order.lines.push({ product: second, cents: lineAmount(second, segment) });
      }
      const subtotal = order.lines.reduce((t, l) => t + l.cents, 0);
      order.lines[0].cents += shipping(ch, country, subtotal);
      orders.push(order);
      if (customer) customer.orders.push(order);
    }
  }
}

// Order numbers follow the order date, as a shop system hands them out.
orders.sort((a, b) => a.day - b.day);
orders.forEach((o, i) => (o.no = String(230001 + i)));

const rows = [];
for (const o of orders) {
  const klant = o.customer ? String(o.customer.no).padStart(5, '0') : '';
  for (const l of o.lines) rows.push({ day: o.day, no: o.no, klant, cents: l.cents, channel: o.channel, country: o.country, product: l.product });
  // Refunds: a credit note 'C' + order number a few days later, for the whole order or its first line.
  if (o.channel !== 'abonnement' && chance(0.025)) {
    const day = o.day + int(2, 21);
    if (day <= LAST_DAY) {
      const cents = chance(0.6) ? o.lines.reduce((t, l) => t + l.cents, 0) : o.lines[0].cents;
      rows.push({ day, no: 'C' + o.no, klant, cents: -cents, channel: o.channel, country: o.country, product: o.lines[0].product });
      o.refunded = true;
    }
  }
}
rows.sort((a, b) => a.day - b.day || (a.no < b.no ? -1 : a.no > b.no ? 1 : 0));

// ---------- survey ----------

const REASONS = {
  price: ['Te duur', 'te duur', 'Te duur ', 'Prijs te hoog'],
  delivery: ['Levering duurde te lang', 'levering duurde te lang'],
  taste: ['Smaak viel tegen'],
  moved: ['Verhuisd naar het buitenland'],
  notNeeded: ['Abonnement niet meer nodig'],
  other: ['Ander merk gevonden'],
};
function npsScore(customer, refunded) {
  const base = { subscriber: 9.1, loyal: 8.9, occasional: 8.1, 'one-off': 7.3 }[customer.type];
  const s = Math.round(base + (rnd() + rnd() + rnd() - 1.5) * 3.2 - (refunded ? 3 : 0));
  return Math.max(0, Math.min(10, s));
}
const survey = [];
for (const c of customers) {
  for (const o of c.orders) {
    if (!chance(0.07)) continue;
    const day = o.day + int(5, 20);
    if (day > LAST_DAY) continue;
    const score = npsScore(c, o.refunded);
    let reason = '';
    if (score <= 6 && chance(0.55)) reason = pick(REASONS[pick([['price', 5], ['delivery', 3], ['taste', 2], ['other', 1]])].map((r) => [r, 1]));
    survey.push({ day, klant: chance(0.06) ? '' : String(c.no).padStart(5, '0'), score, reason });
  }
  // Exit survey when a subscription stops well before the data ends.
  const last = c.orders[c.orders.length - 1];
  if (c.type === 'subscriber' && last.day + 60 < LAST_DAY && chance(0.45)) {
    const kind = pick([['notNeeded', 4], ['price', 4], ['moved', 1], ['taste', 1], ['other', 2]]);
    survey.push({ day: last.day + int(31, 45), klant: String(c.no).padStart(5, '0'), score: Math.max(0, Math.min(10, int(3, 9) - (kind === 'price' ? 2 : 0))), reason: pick(REASONS[kind].map((r) => [r, 1])) });
  }
}
survey.sort((a, b) => a.day - b.day || (a.klant < b.klant ? -1 : a.klant > b.klant ? 1 : 0));

// ---------- write ----------

const outDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../public/sample'));
mkdirSync(outDir, { recursive: true });
const write = (name, header, lines) => writeFileSync(join(outDir, name), [header, ...lines].join('\n') + '\n');

write(
  'koffiebranderij-orders.csv',
  'ordernummer;klantnummer;besteldatum;bedrag;kanaal;land;product',
  rows.map((r) => [r.no, r.klant, dateNl(r.day), euro(r.cents), r.channel, r.country, r.product].join(';')),
);
// The CRM export misses a few customers (deleted accounts): their segment shows as (empty).
const region = (c) => pick((c.country === 'NL' ? NL_REGIONS : c.country === 'BE' ? BE_REGIONS : DE_REGIONS).map((r) => [r, 1]));
write(
  'koffiebranderij-klanten.csv',
  'klantnummer;segment;postcode-regio;nieuwsbrief',
  customers.filter(() => !chance(0.03)).map((c) => [String(c.no).padStart(5, '0'), c.segment, region(c), chance(c.type === 'one-off' ? 0.3 : 0.6) ? 'ja' : 'nee'].join(';')),
);
write(
  'koffiebranderij-nps.csv',
  'klantnummer;datum;score;reden',
  survey.map((s) => [s.klant, dateNl(s.day), s.score, s.reason].join(';')),
);
console.log(`${outDir}: ${rows.length} order rows, ${customers.length} customers, ${survey.length} survey responses`);
