/**
 * One message file per area of the page (src/i18n/messages/*.ts), each key with its English and
 * Dutch text side by side: the type makes a missing translation a compile error.
 */
export interface Messages<K extends string> {
  en: Record<K, string>;
  nl: Record<K, string>;
}

export function defineMessages<const K extends string>(pairs: Record<K, readonly [en: string, nl: string]>): Messages<K> {
  const en = {} as Record<K, string>;
  const nl = {} as Record<K, string>;
  for (const k in pairs) [en[k], nl[k]] = pairs[k];
  return { en, nl };
}
