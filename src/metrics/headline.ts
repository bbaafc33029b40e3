/**
 * The KPI strip: the headline figures of the last complete period, each next to its value one
 * period earlier. Cumulative figures (customers, repeat rate, CLV) are taken "as of" each
 * period's end; CRR, churn and DAU/MAU are the period's own rates.
 */
import type { CrrPeriod } from './crr';
import type { Kpis } from './kpis';
import type { StickinessMonth } from './stickiness';

export type KpiKey = 'customers' | 'crr' | 'churn' | 'repeat' | 'gap' | 'dauMau' | 'clv';
export type KpiFormat = 'int' | 'percent' | 'days' | 'money';

export interface HeadlineKpi {
  key: KpiKey;
  value: number | null;
  previous: number | null;
  format: KpiFormat;
  /** True when a rise is good news (churn: false). */
  higherIsBetter: boolean;
}

export interface HeadlinePeriods {
  /** The last complete period with a CRR, and the one before it (null when there is none). */
  last: CrrPeriod;
  previous: CrrPeriod | null;
}

/** The last two complete periods that have a CRR; null when there is none (e.g. one period of data). */
export function headlinePeriods(periods: CrrPeriod[]): HeadlinePeriods | null {
  const withCrr = periods.filter((p) => p.crr !== null);
  const last = withCrr[withCrr.length - 1];
  if (!last) return null;
  return { last, previous: withCrr[withCrr.length - 2] ?? null };
}

/** DAU/MAU of the last complete month ending on or before `asOf`, and of the month before it. */
function stickinessAt(months: StickinessMonth[], asOf: string): [number | null, number | null] {
  const complete = months.filter((m) => m.complete && m.month <= asOf);
  return [complete[complete.length - 1]?.dauMau ?? null, complete[complete.length - 2]?.dauMau ?? null];
}

export function headline(p: HeadlinePeriods, now: Kpis, before: Kpis | null, months: StickinessMonth[]): HeadlineKpi[] {
  const money = (k: Kpis | null) => (k && k.money.available ? k.money.clvMean : null);
  const [dauMau, dauMauBefore] = stickinessAt(months, p.last.periodEnd);
  return [
    { key: 'customers', value: now.customers, previous: before?.customers ?? null, format: 'int', higherIsBetter: true },
    { key: 'crr', value: p.last.crr, previous: p.previous?.crr ?? null, format: 'percent', higherIsBetter: true },
    { key: 'churn', value: p.last.churnRate, previous: p.previous?.churnRate ?? null, format: 'percent', higherIsBetter: false },
    { key: 'repeat', value: now.repeatRate, previous: before?.repeatRate ?? null, format: 'percent', higherIsBetter: true },
    { key: 'gap', value: now.gapMedianDays, previous: before?.gapMedianDays ?? null, format: 'days', higherIsBetter: false },
    { key: 'dauMau', value: dauMau, previous: dauMauBefore, format: 'percent', higherIsBetter: true },
    { key: 'clv', value: money(now), previous: money(before), format: 'money', higherIsBetter: true },
  ];
}

/** Change against the previous value: percentage points for rates, relative change otherwise. */
export function change(k: HeadlineKpi): { kind: 'points' | 'relative'; value: number } | null {
  if (k.value === null || k.previous === null) return null;
  if (k.format === 'percent') return { kind: 'points', value: k.value - k.previous };
  if (k.previous === 0) return null;
  return { kind: 'relative', value: (k.value - k.previous) / Math.abs(k.previous) };
}
