/** Units appended to translated axis names: symbols (%, €) are the same in every language, so the builder adds them. */

export function withUnit(name: string, unit: string): string {
  return `${name} (${unit})`;
}

/** The narrow currency symbol ('€', '$'); the code itself when the runtime knows no symbol. */
export function currencySymbol(currency: string): string {
  const parts = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}

export const DEFAULT_CURRENCY = 'EUR';
