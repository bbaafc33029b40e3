import { describe, expect, it } from 'vitest';
import { settingsFromQuery, settingsToQuery } from '../../src/state/url';
import { DEFAULT_OPTIONS } from '../../src/metrics/types';

describe('settings in the URL', () => {
  it('writes nothing for the defaults', () => {
    expect(settingsToQuery({ options: DEFAULT_OPTIONS, timeZone: null, locale: null })).toBe('');
  });

  it('round-trips every setting', () => {
    const s = {
      options: {
        ...DEFAULT_OPTIONS,
        grain: 'week' as const,
        mode: 'unbounded' as const,
        weekStart: 'sunday' as const,
        activityWindow: 30,
        lnessWindow: 14,
        lnessAnchor: '2024-06-30',
        dateFrom: '2024-01-01',
        dateTo: '2024-12-31',
        segment: { column: 's1', values: ['webshop', 'winkel & co'] },
      },
      timeZone: 'America/New_York',
      locale: 'nl' as const,
    };
    const q = settingsToQuery(s);
    expect(q).toContain('grain=week');
    expect(settingsFromQuery(q)).toEqual(s);
  });

  it('ignores malformed values instead of failing', () => {
    const s = settingsFromQuery('?grain=fortnight&w=-3&lness=abc&from=2024-13&seg=nocolon&lang=fr');
    expect(s.options).toEqual(DEFAULT_OPTIONS);
    expect(s.locale).toBeNull();
  });
});
