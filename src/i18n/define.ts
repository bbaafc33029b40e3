/**
 * One message file per area of the page (src/i18n/messages/*.ts), each holding its
 * English and Dutch texts together: the type makes a missing translation a compile error.
 */
export interface Messages<K extends string> {
  en: Record<K, string>;
  nl: Record<K, string>;
}

export function defineMessages<const E extends Record<string, string>>(en: E, nl: Record<keyof E & string, string>): Messages<keyof E & string> {
  return { en, nl };
}
