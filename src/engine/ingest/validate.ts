/** What a source needs before it can be built, as IngestErrors that say what to do. Pure. */
import { IngestError } from './errors';
import { MIN_YEAR, MAX_YEAR } from './dates';
import { roleFromName } from './names';
import type { ColumnInfo, Role, Source } from './types';

const NEEDS: Record<Source['shape'], Role[]> = {
  activity: ['customer', 'date'],
  subscriptions: ['customer', 'start_date'],
  customers: ['customer', 'segment'],
  survey: ['date', 'score'],
};

const DATE_HINT = `Dates must be days between ${MIN_YEAR} and ${MAX_YEAR} written like 2024-03-05, 05-03-2024, 03/05/2024 or 20240305 (a time may follow). Excel date numbers such as 45296 must be formatted as dates in Excel before saving as CSV.`;

const MISSING: Record<string, [string, string]> = {
  customer: [
    'no column looks like a customer id',
    'Pick the customer column in the column settings, or export the file again with a customer id (customer number, e-mail address or account id) on every row, headed e.g. "customer_id" or "klantnummer".',
  ],
  date: ['no column looks like a date', `Each row needs a date in its own column. ${DATE_HINT}`],
  start_date: ['no column looks like a start date', `A subscription export needs a start date column ("start_date" or "startdatum"). ${DATE_HINT}`],
  score: ['no column looks like a score', 'A survey export needs a score column with whole numbers, headed e.g. "nps", "score" or "csat".'],
  segment: [
    'no column looks like a date or a customer attribute',
    'An order export needs a customer id and a date on every row; a customer list needs a customer id and columns such as country or channel.',
  ],
};

const quoted = (c: ColumnInfo): string => `"${c.name.length > 60 ? c.name.slice(0, 57) + '…' : c.name}"`;
const examples = (c: ColumnInfo): string => c.samples.slice(0, 3).map((v) => `"${v.length > 30 ? v.slice(0, 27) + '…' : v}"`).join(', ');

/** A column whose header says date but whose values do not read as dates. */
function unreadableDates(s: Source): IngestError | null {
  const col = s.columns.find((c) => {
    const r = roleFromName(c.name)?.role;
    return (r === 'date' || r === 'start_date') && c.role !== 'date' && c.role !== 'start_date' && c.samples.length > 0;
  });
  if (!col) return null;
  return new IngestError(s.fileName, `column ${quoted(col)} holds no dates Kohort can read (for example ${examples(col)})`, DATE_HINT, s);
}

export function checkSource(s: Source): void {
  const roles = new Set(s.columns.map((c) => c.role));
  for (const need of NEEDS[s.shape]) {
    if (roles.has(need)) continue;
    if (need === 'date' || need === 'segment' || need === 'start_date') {
      const dates = unreadableDates(s);
      if (dates) throw dates;
    }
    if (s.columns.length === 1 && s.columns[0]) {
      throw new IngestError(
        s.fileName,
        `the file has only one column (${quoted(s.columns[0])})`,
        'Kohort needs a customer id and a date on every row. If the file does have more columns, save it again as comma- or semicolon-separated CSV.',
        s,
      );
    }
    const [problem, hint] = MISSING[need] ?? [`no ${need} column`, 'Export the file again with that column.'];
    throw new IngestError(s.fileName, problem, hint, s);
  }
}
