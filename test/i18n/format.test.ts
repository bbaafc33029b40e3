import { describe, expect, it } from 'vitest';
import { formatInt, formatMoney, formatNumber, formatPercent, formatPeriod } from '../../src/i18n/format';
import { translate } from '../../src/i18n';

describe('locale formats', () => {
  it('uses a decimal comma and thousands dot in Dutch, the reverse in English', () => {
    expect(formatNumber('nl', 1234.5)).toBe('1.234,5');
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
    expect(formatInt('nl', 69659)).toBe('69.659');
    expect(formatPercent('nl', 0.1475)).toBe('14,8%');
    expect(formatPercent('en', 0.1475)).toBe('14.8%');
    expect(formatMoney('nl', 1234.5).replace(/\s/g, ' ')).toBe('€ 1.234,50');
  });

  it('labels periods by grain, in UTC so no zone shifts the day', () => {
    expect(formatPeriod('en', '2024-03-01', 'month')).toBe('Mar 2024');
    expect(formatPeriod('nl', '2024-03-01', 'month')).toBe('mrt 2024');
    expect(formatPeriod('en', '2024-04-01', 'quarter')).toBe('Q2 2024');
    expect(formatPeriod('en', '2024-12-30', 'week')).toBe('30 Dec 2024');
  });

  it('translates with placeholders and has every text in Dutch', () => {
    expect(translate('nl', 'error.title', { file: 'a.csv' })).toBe('a.csv kon niet worden geanalyseerd');
    expect(translate('en', 'cohorts.title')).toBe('Cohort retention');
    expect(translate('nl', 'cohorts.title')).toBe('Cohortretentie');
  });
});
