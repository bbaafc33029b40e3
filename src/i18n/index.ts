import type { Messages } from './define';
import { core } from './messages/core';
import { crr } from './messages/crr';
import { lifecycle } from './messages/lifecycle';
import { lness } from './messages/lness';
import { stickiness } from './messages/stickiness';
import { gaps } from './messages/gaps';
import { clv } from './messages/clv';
import { concentration } from './messages/concentration';
import { segments } from './messages/segments';
import { survey } from './messages/survey';
import { drilldown } from './messages/drilldown';
import { controls } from './messages/controls';
import { predicted } from './messages/predicted';
import { kpiTexts } from './messages/kpis';
import { quality } from './messages/quality';
import { storageTexts } from './messages/storage';

export type Locale = 'en' | 'nl';

// Each area's messages are added here; keys must be unique across areas.
const areas = [core, controls, predicted, kpiTexts, quality, storageTexts, crr, lifecycle, lness, stickiness, gaps, clv, concentration, segments, survey, drilldown] as const;

// Distributes over the union of areas, so the key type is the union of every area's keys.
type KeysOf<T> = T extends Messages<infer K> ? K : never;
export type MessageKey = KeysOf<(typeof areas)[number]>;

const messages: Record<Locale, Record<string, string>> = {
  en: Object.assign({}, ...areas.map((a) => a.en)),
  nl: Object.assign({}, ...areas.map((a) => a.nl)),
};

export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = messages[locale][key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export function browserLocale(languages: readonly string[]): Locale {
  return languages.some((l) => l.toLowerCase().startsWith('nl')) ? 'nl' : 'en';
}
