/** What a source needs before it can be built, as IngestErrors that say what to do. Pure. */
import { IngestError } from './errors';
import type { Role, Source } from './types';

const NEEDS: Record<Source['shape'], Role[]> = {
  activity: ['customer', 'date'],
  subscriptions: ['customer', 'start_date'],
  customers: ['customer', 'segment'],
  survey: ['date', 'score'],
};

const MISSING: Record<string, [string, string]> = {
  customer: ['no column looks like a customer id', 'Pick the customer column in the column settings.'],
  date: ['no column looks like a date', 'Pick the date column (and its date format) in the column settings.'],
  start_date: ['no column looks like a start date', 'Pick the start date column in the column settings.'],
  score: ['no column looks like a score', 'Pick the score column in the column settings.'],
  segment: [
    'no column looks like a date or a customer attribute',
    'An order export needs a date column; a customer list needs columns such as country or channel. Pick them in the column settings.',
  ],
};

export function checkSource(s: Source): void {
  const roles = new Set(s.columns.map((c) => c.role));
  for (const need of NEEDS[s.shape]) {
    if (roles.has(need)) continue;
    const [problem, hint] = MISSING[need] ?? [`no ${need} column`, 'Pick it in the column settings.'];
    throw new IngestError(s.fileName, problem, hint, s);
  }
}
