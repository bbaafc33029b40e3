/**
 * Settings (never data) in the URL, so a view can be bookmarked or shared:
 * ?grain=week&mode=unbounded&w=30&lness=14&anchor=2024-06-30&from=…&to=…&seg=s1:webshop|winkel&wk=sunday&tz=Europe/Amsterdam&lang=nl
 * Only values that differ from the defaults are written.
 */
import type { Locale } from '../i18n';
import { DEFAULT_OPTIONS, type Grain, type MetricOptions, type RetentionMode, type WeekStart } from '../metrics/types';

export interface UrlSettings {
  options: MetricOptions;
  timeZone: string | null;
  locale: Locale | null;
}

const GRAINS: Grain[] = ['day', 'week', 'month', 'quarter', 'year'];
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function settingsToQuery(s: UrlSettings): string {
  const o = s.options;
  const d = DEFAULT_OPTIONS;
  const p = new URLSearchParams();
  if (o.grain !== d.grain) p.set('grain', o.grain);
  if (o.mode !== d.mode) p.set('mode', o.mode);
  if (o.weekStart !== d.weekStart) p.set('wk', o.weekStart);
  if (o.activityWindow !== null) p.set('w', String(o.activityWindow));
  if (o.lnessWindow !== d.lnessWindow) p.set('lness', String(o.lnessWindow));
  if (o.lnessAnchor) p.set('anchor', o.lnessAnchor);
  if (o.dateFrom) p.set('from', o.dateFrom);
  if (o.dateTo) p.set('to', o.dateTo);
  if (o.segment && o.segment.values.length) p.set('seg', `${o.segment.column}:${o.segment.values.join('|')}`);
  if (s.timeZone) p.set('tz', s.timeZone);
  if (s.locale) p.set('lang', s.locale);
  const q = p.toString();
  return q ? '?' + q : '';
}

export function settingsFromQuery(search: string): UrlSettings {
  const p = new URLSearchParams(search);
  const o: MetricOptions = { ...DEFAULT_OPTIONS };
  const grain = p.get('grain');
  if (grain && (GRAINS as string[]).includes(grain)) o.grain = grain as Grain;
  const mode = p.get('mode');
  if (mode === 'classic' || mode === 'unbounded') o.mode = mode as RetentionMode;
  const wk = p.get('wk');
  if (wk === 'monday' || wk === 'sunday') o.weekStart = wk as WeekStart;
  o.activityWindow = positiveInt(p.get('w'));
  o.lnessWindow = positiveInt(p.get('lness')) ?? DEFAULT_OPTIONS.lnessWindow;
  o.lnessAnchor = isoOrNull(p.get('anchor'));
  o.dateFrom = isoOrNull(p.get('from'));
  o.dateTo = isoOrNull(p.get('to'));
  const seg = p.get('seg');
  const colon = seg ? seg.indexOf(':') : -1;
  if (seg && colon > 0) {
    const values = seg.slice(colon + 1).split('|').filter(Boolean);
    if (values.length) o.segment = { column: seg.slice(0, colon), values };
  }
  const lang = p.get('lang');
  return { options: o, timeZone: p.get('tz') || null, locale: lang === 'nl' || lang === 'en' ? lang : null };
}

function positiveInt(v: string | null): number | null {
  if (v === null || !/^\d{1,4}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 ? n : null;
}

function isoOrNull(v: string | null): string | null {
  return v && ISO.test(v) ? v : null;
}
