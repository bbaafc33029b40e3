/** Locale-aware number, percent and date formatting (Intl): `1.234,5` in nl, `1,234.5` in en. */
import type { Locale } from './index';

const tag: Record<Locale, string> = { en: 'en-GB', nl: 'nl-NL' };

// Creating an Intl formatter costs far more than using one: charts format thousands of labels.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = 'n' + locale + JSON.stringify(options);
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(tag[locale], options)));
  return f;
}
function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = 'd' + locale + JSON.stringify(options);
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(tag[locale], options)));
  return f;
}

export function formatInt(locale: Locale, v: number): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(v);
}

export function formatNumber(locale: Locale, v: number, digits = 1): string {
  return numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
}

export function formatPercent(locale: Locale, fraction: number, digits = 1): string {
  return numberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(fraction);
}

export function formatMoney(locale: Locale, v: number, currency = 'EUR'): string {
  return numberFormat(locale, { style: 'currency', currency }).format(v);
}

/** ISO 'yyyy-mm-dd' → a short local date; parsed as UTC so no time zone shifts the day. */
export function formatDate(locale: Locale, iso: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(iso + 'T00:00:00Z'),
  );
}

/** A period start as a label fitting the grain: '2024-03' → 'Mar 2024', week → '4 Mar 2024', quarter → 'Q1 2024'. */
export function formatPeriod(locale: Locale, iso: string, grain: 'day' | 'week' | 'month' | 'quarter' | 'year'): string {
  const d = new Date(iso + 'T00:00:00Z');
  const y = d.getUTCFullYear();
  if (grain === 'year') return String(y);
  if (grain === 'quarter') return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${y}`;
  if (grain === 'month')
    return dateFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  return formatDate(locale, iso);
}
