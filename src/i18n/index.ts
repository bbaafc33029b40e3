import { en, type MessageKey } from './en';
import { nl } from './nl';

export type Locale = 'en' | 'nl';
export type { MessageKey };

const messages: Record<Locale, Record<MessageKey, string>> = { en, nl };

export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export function browserLocale(languages: readonly string[]): Locale {
  return languages.some((l) => l.toLowerCase().startsWith('nl')) ? 'nl' : 'en';
}
