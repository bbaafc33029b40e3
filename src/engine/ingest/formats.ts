/** Choosing number and date formats from the detection counts. Pure. */
import type { ColumnInfo, ColumnStats, DateFormat, Delimiter, FormatChoices, Role } from './types';

const AMOUNT_ROLES: Role[] = ['amount', 'unit_price', 'cost', 'margin', 'quantity'];
export const DATE_ROLES: Role[] = ['date', 'start_date', 'end_date'];

export function bestDateCount(s: ColumnStats): number {
  return Math.max(0, ...Object.values(s.dateCounts));
}

/** The format reading most values; dd-mm vs mm-dd ties (nothing settles it) go to `dayFirst`. */
export function pickDateFormat(s: ColumnStats, dayFirst: boolean): { format: DateFormat; ambiguous: boolean } {
  const c = s.dateCounts;
  let best: DateFormat = 'yyyy-mm-dd';
  let n = -1;
  for (const [f, k] of Object.entries(c) as [DateFormat, number][]) if (k > n) [best, n] = [f, k];
  const dm = c['dd-mm-yyyy'] ?? -1;
  const md = c['mm-dd-yyyy'] ?? -1;
  if ((best === 'dd-mm-yyyy' || best === 'mm-dd-yyyy') && dm === md) {
    return { format: dayFirst ? 'dd-mm-yyyy' : 'mm-dd-yyyy', ambiguous: dm > 0 };
  }
  return { format: best, ambiguous: false };
}

export interface DecidedFormats {
  decimalMark: '.' | ',';
  thousandsSeparator: '.' | ',' | '';
  dateFormats: Record<string, DateFormat>;
  ambiguousDate: boolean;
  cancelPrefix: string | null;
}

/**
 * Decimal mark from the evidence in amount-like columns (all numeric columns when
 * none is mapped); with no evidence, a `;` file is taken as European (decimal comma).
 */
export function decideFormats(columns: ColumnInfo[], delimiter: Delimiter, dayFirst: boolean, prior?: Partial<FormatChoices>): DecidedFormats {
  const amountCols = columns.filter((c) => AMOUNT_ROLES.includes(c.role) || c.role === 'score');
  const pool = amountCols.length ? amountCols : columns.filter((c) => c.stats.numeric > 0 && bestDateCount(c.stats) === 0);
  const comma = pool.reduce((a, c) => a + c.stats.commaDecimal, 0);
  const point = pool.reduce((a, c) => a + c.stats.pointDecimal, 0);
  const decimalMark = comma > point ? ',' : point > comma ? '.' : delimiter === ';' ? ',' : '.';
  const thousandsSeparator = decimalMark === ',' ? '.' : ',';
  const dateFormats: Record<string, DateFormat> = {};
  let ambiguousDate = false;
  for (const c of columns) {
    if (!DATE_ROLES.includes(c.role)) continue;
    const chosen = prior?.dateFormats?.[c.key];
    if (chosen) {
      dateFormats[c.key] = chosen;
      continue;
    }
    const pick = pickDateFormat(c.stats, dayFirst);
    dateFormats[c.key] = pick.format;
    ambiguousDate ||= pick.ambiguous;
  }
  const order = columns.find((c) => c.role === 'order_id');
  const cancelPrefix =
    order && order.stats.prefixC > 0 && order.stats.prefixC + order.stats.digitsOnly >= 0.9 * order.stats.nonEmpty ? 'C' : null;
  return {
    decimalMark: prior?.decimalMark ?? decimalMark,
    thousandsSeparator: prior?.thousandsSeparator ?? (prior?.decimalMark ? (prior.decimalMark === ',' ? '.' : ',') : thousandsSeparator),
    dateFormats,
    ambiguousDate,
    cancelPrefix: prior?.cancelPrefix !== undefined ? prior.cancelPrefix : cancelPrefix,
  };
}
